import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * BENCH_CPU_PROFILE_SECONDS=<n>: a CPU profile of this process's main thread (the API, and the
 * activities when the worker runs here) over the first n seconds of a load, written to `file` for
 * Chrome's DevTools (Performance, load profile): where a slow start spends its time.
 */
export async function profileFirstSeconds(seconds: number, file: string): Promise<{ done: Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const done = new Promise<string>((resolve, reject) => {
    setTimeout(() => {
      session
        .post('Profiler.stop')
        .then(({ profile }) => {
          fs.writeFileSync(file, JSON.stringify(profile));
          session.disconnect();
          resolve(file);
        })
        .catch(reject);
    }, seconds * 1000).unref();
  });
  return { done };
}
