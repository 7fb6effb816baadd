import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(...registerables);

/**
 * A Chart.js chart. `label` names it for screen readers; pages also show the same figures as a
 * table, which is what assistive technology reads.
 */
export function ChartView({ config, label, height = 280 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | undefined>(undefined);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
    return () => chart.current?.destroy();
    // The chart is rebuilt when its data change: Chart.js's own update would keep stale scales.
  }, [JSON.stringify(config.data), config.type]);
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
