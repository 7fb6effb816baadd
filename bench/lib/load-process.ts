// The load of a benchmark in a process of its own, so the API's process (the benchmark's) spends its CPU on
// requests only and its CPU can be measured. bench/lib/load-in-child.ts drives it over IPC.
import type { CapacityOptions, CapacityResult } from './capacity-search';
import { findCapacity } from './capacity-search';
import type { LoadRequest } from './constant-rate-load';
import { runOpenLoop, type LatencyFigures } from './open-loop-latency';
import { measureCpu, type ProcessGroup } from './process-cpu';

/** Request i goes to `paths[i % paths.length]`, all else alike. */
export interface RequestSpread {
  method: string;
  paths: string[];
  headers: Record<string, string>;
  body?: string;
}

export type LoadOrder =
  | { kind: 'capacity'; label: string; baseUrl: string; spread: RequestSpread; options: CapacityOptions }
  | { kind: 'fixed'; label: string; baseUrl: string; spread: RequestSpread; rate: number; seconds: number; cpuGroups?: Record<string, ProcessGroup> };

export type LoadAnswer = { capacity: CapacityResult } | { fixed: LatencyFigures & { cpuMs?: Record<string, number> } } | { error: string };

const requestOf = ({ method, paths, headers, body }: RequestSpread) => (i: number): LoadRequest => ({ method, path: paths[i % paths.length]!, headers, body });

async function run(order: LoadOrder): Promise<LoadAnswer> {
  if (order.kind === 'capacity') return { capacity: await findCapacity(order.label, order.baseUrl, requestOf(order.spread), order.options) };
  const cpu = order.cpuGroups && measureCpu(order.cpuGroups);
  const figures = await runOpenLoop(order.label, order.baseUrl, order.rate, Math.round(order.rate * order.seconds), requestOf(order.spread));
  return { fixed: { ...figures, cpuMs: cpu?.stop() } };
}

process.on('message', (order: LoadOrder | 'stop') => {
  if (order === 'stop') process.exit(0);
  run(order).then(
    (answer) => process.send!(answer),
    (error: Error) => process.send!({ error: error.stack ?? error.message }),
  );
});
