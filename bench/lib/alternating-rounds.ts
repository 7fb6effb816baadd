import { median } from './constant-rate-load';

export interface BenchCase {
  name: string;
  /** Set-up before each run, not timed (e.g. showing or hiding what the case measures). */
  before?: () => Promise<unknown>;
  run: () => Promise<unknown>;
}

export async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/**
 * Runs every case once to warm up, then `rounds` rounds that alternate the cases (so a machine's drift
 * falls on all of them alike), printing each round, then each case's median and its ratio to the first
 * case (the bare baseline). `note(ms)` may add a word to a case's line (a target met or missed).
 * Answers the medians, in the cases' order.
 */
export async function alternatingRounds(cases: BenchCase[], rounds: number, title: string, note: (ms: number) => string = () => ''): Promise<number[]> {
  for (const bench of cases) {
    await bench.before?.();
    await bench.run();
  }
  const times = cases.map(() => [] as number[]);
  for (let round = 1; round <= rounds; round++) {
    const line: string[] = [];
    for (const [index, bench] of cases.entries()) {
      await bench.before?.();
      const { ms } = await time(bench.run);
      times[index]!.push(ms);
      line.push(`${ms.toFixed(0)} ms`);
    }
    console.log(`round ${round}: ${line.join(' | ')}`);
  }
  const medians = times.map((each) => median(each));
  const width = Math.max(40, ...cases.map((bench) => bench.name.length + 2));
  console.log(`\n${title}, ${rounds} rounds, medians:`);
  for (const [index, bench] of cases.entries()) {
    const ms = medians[index]!;
    console.log(`  ${bench.name.padEnd(width)}${ms.toFixed(1).padStart(9)} ms${index === 0 ? '' : `  x${(ms / medians[0]!).toFixed(1)} of baseline${note(ms)}`}`);
  }
  return medians;
}
