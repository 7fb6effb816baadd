import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../../src/services/free-port';
import { startApiProcess, type ApiProcess } from '../faults/support/api-process';
import { waitForMail } from '../support/mailbox';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

// `npm run build`, then the built API and worker run by plain node, as the production image runs
// them. The build goes to a folder of its own beside a link to node_modules, the image's layout
// (/app/dist next to /app/node_modules), so nothing can be read from the sources by accident.
jest.setTimeout(180_000);

const root = path.join(__dirname, '..', '..');
const adminApiKey = `build-test-admin-key-${randomUUID()}`;
const taskQueue = `production-build-${randomUUID()}`;
const publicUrl = 'http://crm.test';

let buildDir: string;
let dist: string;
let database: ScratchDatabase;
let api: ApiProcess | undefined;
let worker: WorkerProcess | undefined;
let workerHealthUrl: string;
let workerMetricsUrl: string;

beforeAll(async () => {
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-build-'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(buildDir, 'node_modules'), 'dir');
  dist = path.join(buildDir, 'dist');
  await promisify(execFile)('npm', ['run', 'build', '--', '--out-dir', dist], { cwd: root });

  // Empty: the built API must find and apply the migrations the build copied into dist/.
  database = await createScratchDatabase();
  api = await startApiProcess({ databaseUrl: database.url, taskQueue, adminApiKey, publicUrl, entryFile: path.join(dist, 'api.main.js') });
  const [healthPort, metricsPort] = await Promise.all([findFreePort(), findFreePort()]);
  workerHealthUrl = `http://127.0.0.1:${healthPort}/health`;
  workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  worker = await startWorkerProcess({
    databaseUrl: database.url,
    taskQueue,
    publicUrl,
    entryFile: path.join(dist, 'worker.main.js'),
    env: { WORKER_HEALTH_PORT: String(healthPort), WORKER_METRICS_PORT: String(metricsPort) },
  });
});

afterAll(async () => {
  await worker?.stop();
  await api?.stop();
  await database?.drop();
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

test('when the project is built then dist/ holds the entry files, the workflow bundle, the console and the migrations', () => {
  for (const file of ['api.main.js', 'worker.main.js', 'workflow-bundle.js', 'console/app.js', 'console/app.css', 'prisma/schema.prisma']) {
    expect(fs.existsSync(path.join(dist, file))).toBe(true);
  }
  expect(fs.readdirSync(path.join(dist, 'prisma', 'migrations'))).toEqual(fs.readdirSync(path.join(root, 'prisma', 'migrations')));
});

test('when the built API runs then it answers /health and serves the prebuilt console', async () => {
  const health = await fetch(`${api!.url}/health`);
  expect(health.status).toBe(200);
  const script = await fetch(`${api!.url}/console/assets/app.js`);
  expect(script.status).toBe(200);
  expect(await script.text()).toBe(fs.readFileSync(path.join(dist, 'console', 'app.js'), 'utf8'));
});

test('when the built worker runs then its health endpoint answers 200 and it serves Temporal metrics to Prometheus', async () => {
  const health = await fetch(workerHealthUrl);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'RUNNING' });

  const metrics = await fetch(workerMetricsUrl);
  expect(metrics.status).toBe(200);
  expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await metrics.text()).toMatch(new RegExp(`^temporal_num_pollers\\{.*task_queue="${taskQueue}".*\\} \\d+$`, 'm'));
});

test('when a user is created through the built API then the built worker runs the welcome workflow from its prebuilt bundle', async () => {
  const email = `built.${randomUUID().slice(0, 8)}@example.com`;
  const created = await fetch(`${api!.url}/api/v1/users`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminApiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, name: 'Built Manager', role: 'manager' }),
  });
  expect(created.status).toBe(201);
  await waitForMail((mail) => mail.to.includes(email));
});
