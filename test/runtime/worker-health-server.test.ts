import type { State } from '@temporalio/worker';
import { startWorkerHealthServer, type WorkerHealthServer } from '../../src/runtime/worker-health-server';
import { findFreePort } from '../../src/services/free-port';

let state: State = 'INITIALIZED';
let server: WorkerHealthServer;
let url: string;

beforeAll(async () => {
  const port = await findFreePort();
  server = await startWorkerHealthServer({ port, state: () => state });
  url = `http://127.0.0.1:${port}`;
});
afterAll(() => server.close());

test('when the worker runs then GET /health answers 200 with its state', async () => {
  state = 'RUNNING';
  const response = await fetch(`${url}/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'RUNNING' });
});

test.each<State>(['INITIALIZED', 'DRAINING', 'STOPPING', 'STOPPED', 'FAILED'])('when the worker is %s then GET /health answers 503', async (current) => {
  state = current;
  const response = await fetch(`${url}/health`);
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ status: current });
});

test('when another path is asked for then it answers 404', async () => {
  expect((await fetch(`${url}/metrics`)).status).toBe(404);
});
