// `tsx bench/lib/summarize-profile.ts <file.cpuprofile>...`: where a CPU profile's time goes, as text: the
// share of samples by package (node_modules/<name>, node's own, this project's folders, idle, GC) and the
// functions with the most self time. For profiles written with `node --cpu-prof` (one per thread) or
// bench/lib/cpu-profile.ts.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

// WINDOW=<from>-<to>: only the samples taken then, in microseconds of the monotonic clock (process.hrtime,
// which V8's profiles use too): a benchmark prints the window of its load.
const window = process.env.WINDOW?.split('-').map(Number) as [number, number] | undefined;

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const project = /\/(src|workflows|activities|bench)\/([^/]+)/.exec(url);
  return project ? `${project[1]}/${project[2]}` : url;
}

function summarize(file: string, top: number): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const totalMs = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const idleMs = [...selfMs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
  const busyMs = totalMs - idleMs;
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
  }
  // Inclusive time of this project's functions: each sample counted once per function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!/\/(src|workflows|activities)\//.test(url) || url.includes('node_modules')) continue;
      const name = `${functionName || '(anonymous)'} ${placeOf(url, functionName)}:${lineNumber + 1}`;
      if (!seen.has(name)) seen.add(name), inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  const share = (ms: number) => `${((100 * ms) / busyMs).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(7)} ms`;
  console.log(`\n${file}: ${(totalMs / 1000).toFixed(1)} s sampled, busy ${(busyMs / 1000).toFixed(1)} s`);
  console.log('  by package or folder (self time):');
  for (const [place, ms] of [...places].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${share(ms)}  ${place}`);
  console.log('  functions (self time):');
  for (const [name, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${share(ms)}  ${name}`);
  console.log("  this project's functions (inclusive time):");
  for (const [name, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${share(ms)}  ${name}`);
}

const top = Number(process.env.TOP ?? 25);
for (const file of process.argv.slice(2)) summarize(file, top);
