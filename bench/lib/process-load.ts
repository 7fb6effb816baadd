import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface ProcessLoad {
  /** CPU this process used (user + system), as a share of one core, over the measurement. */
  cpuOfOneCore: number;
  /** How late the event loop ran its timers: each await of the API (between two SQL statements too) waits about this long for its turn. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
}

/**
 * The benchmark's own process runs the API and the worker (as `npm start` does): its CPU and its event
 * loop's delay tell whether a slow answer waits for PostgreSQL or for JavaScript.
 */
export function measureProcessLoad(): { stop(): ProcessLoad } {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  return {
    stop() {
      histogram.disable();
      const used = process.cpuUsage(cpu);
      return {
        cpuOfOneCore: (used.user + used.system) / 1000 / (performance.now() - started),
        loopDelayP50Ms: histogram.percentile(50) / 1e6,
        loopDelayP99Ms: histogram.percentile(99) / 1e6,
      };
    },
  };
}
