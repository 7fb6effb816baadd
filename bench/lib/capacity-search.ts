import type { LoadRequest } from './constant-rate-load';
import { formatFigures, runOpenLoop, type LatencyFigures } from './open-loop-latency';
import { measureCpu, type ProcessGroup } from './process-cpu';

export interface CapacityStep {
  rate: number;
  figures: LatencyFigures;
  passed: boolean;
  /** CPU milliseconds each of `cpuGroups` used during the step. */
  cpuMs?: Record<string, number>;
}

export interface CapacityResult {
  /** The highest rate that passed (p99 under the limit, nothing failed); 0 when none did. */
  capacity: number;
  steps: CapacityStep[];
}

export interface CapacityOptions {
  startRate?: number;
  maxRate?: number;
  stepSeconds?: number;
  p99LimitMs?: number;
  /** Each step up multiplies the rate by this until a step fails. */
  growth?: number;
  /** Halvings of the gap between the last rate passed and the first failed, once one failed. */
  refinements?: number;
  /** Processes whose CPU each step measures (bench/lib/process-cpu.ts), by name. */
  cpuGroups?: Record<string, ProcessGroup>;
}

/**
 * Capacity as users feel it: the highest open-loop rate whose p99 stays under the limit (SPEC: 250 ms).
 * Rates rise geometrically until a step fails, then the gap between the last pass and the first failure
 * is halved a few times. Each step sends rate × stepSeconds requests and waits for every answer, so a
 * failed step's queue has drained before the next one starts. A rate fails only when it fails twice in a
 * row: on 2 shared cores a single stall of a few hundred milliseconds, which either system meets now and
 * then at any rate, fails one 10 s step on its own, and would decide the capacity alone.
 */
export async function findCapacity(label: string, baseUrl: string, next: (i: number) => LoadRequest, options: CapacityOptions = {}): Promise<CapacityResult> {
  const { startRate = 10, maxRate = 500, stepSeconds = 15, p99LimitMs = 250, growth = 1.25, refinements = 2, cpuGroups } = options;
  const steps: CapacityStep[] = [];
  let sent = 0;
  const once = async (rate: number): Promise<boolean> => {
    const offset = sent;
    const count = Math.max(1, Math.round(rate * stepSeconds));
    sent += count;
    const cpu = cpuGroups && measureCpu(cpuGroups);
    const figures = await runOpenLoop(`${label} at ${rate} req/s`, baseUrl, rate, count, (i) => next(offset + i));
    const passed = figures.failed === 0 && figures.p99Ms < p99LimitMs;
    steps.push({ rate, figures, passed, cpuMs: cpu?.stop() });
    console.log(`  ${label} ${String(rate).padStart(5)} req/s: ${passed ? 'pass' : 'FAIL'}  ${formatFigures(figures)}`);
    return passed;
  };
  const step = async (rate: number): Promise<boolean> => (await once(rate)) || once(rate);

  let passedRate = 0;
  let failedRate: number | undefined;
  for (let rate = startRate; rate <= maxRate; rate = Math.max(rate + 1, Math.round(rate * growth))) {
    if (!(await step(rate))) {
      failedRate = rate;
      break;
    }
    passedRate = rate;
  }
  for (let i = 0; failedRate !== undefined && i < refinements && failedRate - passedRate > 1; i++) {
    const rate = Math.round((passedRate + failedRate) / 2);
    if (await step(rate)) passedRate = rate;
    else failedRate = rate;
  }
  return { capacity: passedRate, steps };
}
