import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux x86-64 and arm64 (`getconf CLK_TCK`)

interface Stat {
  ppid: number;
  /** This process's own CPU, and that of its children it has waited for (exited backends of PostgreSQL's postmaster). */
  ownMs: number;
  waitedChildrenMs: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // The command name, in parentheses, may hold spaces: the fields start after its last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ticks = (index: number) => Number(fields[index - 3]);
  return { ppid: ticks(4), ownMs: ((ticks(14) + ticks(15)) * 1000) / TICKS_PER_SECOND, waitedChildrenMs: ((ticks(16) + ticks(17)) * 1000) / TICKS_PER_SECOND };
}

function allPids(): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Processes to measure together: `pids` alone, or with `tree` their live descendants and the children they
 * reaped too (PostgreSQL: the postmaster and its backends).
 */
export interface ProcessGroup {
  pids: number[];
  tree?: boolean;
}

/** CPU milliseconds used so far by each group. */
export function cpuMsByGroup(groups: Record<string, ProcessGroup>): Record<string, number> {
  const stats = new Map<number, Stat>();
  for (const pid of allPids()) {
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const treeMs = (pid: number): number => (stats.get(pid)?.ownMs ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + treeMs(child), 0);
  const groupMs = ({ pids, tree }: ProcessGroup) =>
    pids.reduce((sum, pid) => sum + (tree ? treeMs(pid) + (stats.get(pid)?.waitedChildrenMs ?? 0) : (stats.get(pid)?.ownMs ?? 0)), 0);
  return Object.fromEntries(Object.entries(groups).map(([name, group]) => [name, groupMs(group)]));
}

/**
 * The processes of a system started in `dataDir` (bench/lib/bench-system.ts): PostgreSQL's postmaster and
 * the Temporal dev server are the ones whose command line names that folder.
 */
export function serviceProcesses(dataDir: string): { postgres: number[]; temporal: number[] } {
  const named = allPids().map((pid) => ({ pid, line: commandLine(pid) })).filter(({ line }) => line.includes(dataDir));
  return {
    postgres: named.filter(({ line }) => /\bpostgres\b/.test(line) && line.includes(' -D ')).map(({ pid }) => pid),
    temporal: named.filter(({ line }) => line.includes('start-dev')).map(({ pid }) => pid),
  };
}

/** Starts measuring: `stop()` answers the CPU milliseconds each group used since. */
export function measureCpu(groups: Record<string, ProcessGroup>): { stop(): Record<string, number> } {
  const before = cpuMsByGroup(groups);
  return {
    stop() {
      const after = cpuMsByGroup(groups);
      return Object.fromEntries(Object.keys(groups).map((name) => [name, after[name]! - before[name]!]));
    },
  };
}
