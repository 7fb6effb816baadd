import { fork } from 'node:child_process';
import path from 'node:path';
import type { CapacityResult } from './capacity-search';
import type { LoadAnswer, LoadOrder } from './load-process';
import type { LatencyFigures } from './open-loop-latency';

/** A load generator in a child process (bench/lib/load-process.ts); its steps print to this process's output. */
export function startLoadProcess() {
  const child = fork(path.join(__dirname, 'load-process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (order: LoadOrder) =>
    new Promise<LoadAnswer>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (answer: LoadAnswer) => {
        child.off('exit', onExit);
        if ('error' in answer) reject(new Error(answer.error));
        else resolve(answer);
      });
      child.send(order);
    });
  return {
    async capacity(order: Omit<Extract<LoadOrder, { kind: 'capacity' }>, 'kind'>): Promise<CapacityResult> {
      return ((await ask({ kind: 'capacity', ...order })) as { capacity: CapacityResult }).capacity;
    },
    async fixed(order: Omit<Extract<LoadOrder, { kind: 'fixed' }>, 'kind'>): Promise<LatencyFigures & { cpuMs?: Record<string, number> }> {
      return ((await ask({ kind: 'fixed', ...order })) as { fixed: LatencyFigures & { cpuMs?: Record<string, number> } }).fixed;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}
