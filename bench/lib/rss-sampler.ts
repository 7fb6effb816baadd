// Resident memory of processes over time, read from /proc/<pid>/status (VmRSS), every few seconds.
import fs from 'node:fs';

export interface RssSample {
  /** Epoch milliseconds. */
  at: number;
  /** Megabytes by process name; null once the process is gone. */
  megabytes: Record<string, number | null>;
}

function residentMegabytes(pid: number): number | null {
  try {
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kilobytes === undefined ? null : Number(kilobytes) / 1024;
  } catch {
    return null;
  }
}

/** Samples each named process now and every `everyMs` until stopped. */
export function sampleRss(pids: Record<string, number>, everyMs: number): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  const sample = () => samples.push({ at: Date.now(), megabytes: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, residentMegabytes(pid)])) });
  sample();
  const timer = setInterval(sample, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}
