import http from 'node:http';

export interface LoadResult {
  label: string;
  sent: number;
  failed: number;
  medianMs: number;
  p99Ms: number;
}

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function send(baseUrl: URL, request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request({ host: baseUrl.hostname, port: baseUrl.port, method: request.method, path: request.path, headers: request.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode! < 400 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Open loop: requests leave on schedule whether or not earlier ones have answered, so a slow
 * server shows up as latency instead of silently lowering the rate (coordinated omission).
 */
export async function runConstantRate(label: string, baseUrl: string, ratePerSecond: number, seconds: number, next: (i: number) => LoadRequest): Promise<LoadResult> {
  const url = new URL(baseUrl);
  const total = ratePerSecond * seconds;
  const latencies: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(url, next(i)).then((ms) => void latencies.push(ms), () => void failed++));
  }
  await Promise.all(inFlight);
  latencies.sort((a, b) => a - b);
  return { label, sent: total, failed, medianMs: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
