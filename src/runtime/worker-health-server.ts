import http from 'node:http';
import type { State } from '@temporalio/worker';

export interface WorkerHealthServer {
  close(): Promise<void>;
}

/**
 * GET /health for orchestrators: 200 while the worker state is RUNNING, 503 in any other state
 * (not yet running, draining, stopping, stopped, failed), with the state as JSON. Plain node:http: a worker has no
 * other HTTP to share Express with.
 */
export async function startWorkerHealthServer(options: { port: number; state: () => State }): Promise<WorkerHealthServer> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://worker');
    if (url.pathname !== '/health' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    const state = options.state();
    response
      .writeHead(state === 'RUNNING' ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      .end(request.method === 'HEAD' ? undefined : JSON.stringify({ status: state }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
