import http from 'node:http';
import { percentile, type LoadRequest } from './constant-rate-load';

/** One answer, read whole: the benchmark looks into some bodies (a cancellation link, a position). */
export interface TimedAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

export interface LatencyFigures {
  label: string;
  sent: number;
  /** Requests that failed: no answer, a status of 400 or more, or an answer `accept` refused. */
  failed: number;
  /** What the failures were ("HTTP 429", "ECONNRESET", "rejected: ..."), with how many of each. */
  failures: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** Seconds from the first request's departure to the last answer. */
  elapsedSeconds: number;
}

// A socket left idle is closed here after 4 s, before the server's keep-alive timeout (5 s) closes it:
// otherwise a request may leave on a socket the server is closing, and fail with ECONNRESET (seen once).
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });

function send(url: URL, request: LoadRequest): Promise<TimedAnswer> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers: request.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** One request outside any load (set-up, checks), on the same keep-alive agent. */
export const sendOnce = (baseUrl: string, request: LoadRequest) => send(new URL(baseUrl), request);

/**
 * Open loop, like runConstantRate: request i leaves at start + i / rate whatever the earlier ones
 * are doing, so a slow server shows up as latency rather than as a lower rate. Unlike it, this
 * keeps every answer's body for `accept`, which may refuse an answer (a string saying why) and
 * keep what it needs from it (a link), and it reports p95 and the maximum as well.
 */
export async function runOpenLoop(
  label: string,
  baseUrl: string,
  ratePerSecond: number,
  count: number,
  next: (i: number) => LoadRequest,
  accept: (i: number, answer: TimedAnswer) => string | undefined = () => undefined,
): Promise<LatencyFigures> {
  const url = new URL(baseUrl);
  const latencies: number[] = [];
  const timeline: { sentAtMs: number; ms: number }[] = [];
  const failures: Record<string, number> = {};
  const fail = (why: string) => void (failures[why] = (failures[why] ?? 0) + 1);
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(url, next(i)).then(
        (answer) => {
          latencies.push(answer.ms);
          timeline.push({ sentAtMs: (i * 1000) / ratePerSecond, ms: answer.ms });
          if (answer.status >= 400) return fail(`HTTP ${answer.status}`);
          const refused = accept(i, answer);
          if (refused) fail(`rejected: ${refused}`);
        },
        (error: NodeJS.ErrnoException) => fail(error.code ?? error.message),
      ),
    );
  }
  await Promise.all(inFlight);
  if (process.env.BENCH_TIMELINE) printTimeline(label, timeline, Number(process.env.BENCH_TIMELINE) || 5, Date.now() - (performance.now() - start));
  const elapsedSeconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const failed = Object.values(failures).reduce((sum, n) => sum + n, 0);
  return {
    label,
    sent: count,
    failed,
    failures,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN,
    meanMs: latencies.reduce((sum, ms) => sum + ms, 0) / (latencies.length || 1),
    elapsedSeconds,
  };
}

export const formatFigures = (f: LatencyFigures) =>
  `p50 ${f.p50Ms.toFixed(1)} ms  p95 ${f.p95Ms.toFixed(1)} ms  p99 ${f.p99Ms.toFixed(1)} ms  max ${f.maxMs.toFixed(1)} ms  ` +
  `(${f.sent} sent in ${f.elapsedSeconds.toFixed(1)} s, ${f.failed} failed${f.failed ? `: ${JSON.stringify(f.failures)}` : ''})`;

/** BENCH_TIMELINE=<seconds>: the latencies by window of sending time, to tell a steady queue from stalls. */
function printTimeline(label: string, timeline: { sentAtMs: number; ms: number }[], windowSeconds: number, startedAt: number): void {
  const windows = new Map<number, number[]>();
  for (const { sentAtMs, ms } of timeline) {
    const window = Math.floor(sentAtMs / 1000 / windowSeconds);
    windows.set(window, [...(windows.get(window) ?? []), ms]);
  }
  // The wall-clock start, to line the windows up with other records of the machine (disk, logs).
  console.log(`${label}, by ${windowSeconds} s of sending time from ${new Date(startedAt).toISOString()}: p50 / p99 / max ms`);
  for (const [window, values] of [...windows].sort((a, b) => a[0] - b[0])) {
    values.sort((a, b) => a - b);
    console.log(`  ${String(window * windowSeconds).padStart(4)} s  ${percentile(values, 50).toFixed(0)} / ${percentile(values, 99).toFixed(0)} / ${values.at(-1)!.toFixed(0)}`);
  }
}
