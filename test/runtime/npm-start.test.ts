import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../src/services/free-port';
import { eventually } from '../support/eventually';

// `npm start` as a user runs it: embedded PostgreSQL, Temporal dev server, mail catcher,
// worker and API in one command, then Ctrl-C, then a second start on the same data.
jest.setTimeout(240_000);

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
let dataDir: string;
let env: NodeJS.ProcessEnv;
let ports: Record<'api' | 'postgres' | 'temporal' | 'ui' | 'smtp' | 'mail', number>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-start-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const [api, postgres, temporal, ui, smtp, mail] = await Promise.all(Array.from({ length: 6 }, findFreePort));
  ports = { api, postgres, temporal, ui, smtp, mail };
  const { DATABASE_URL: _db, TEMPORAL_ADDRESS: _t, SMTP_URL: _s, ADMIN_API_KEY: _k, ...inherited } = process.env;
  env = {
    ...inherited,
    DATA_DIR: dataDir,
    PORT: String(api),
    EMBEDDED_POSTGRES_PORT: String(postgres),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    MAIL_CATCHER_SMTP_PORT: String(smtp),
    MAIL_CATCHER_HTTP_PORT: String(mail),
    LOG_LEVEL: 'warn',
  };
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
}

async function start(): Promise<Started> {
  const child = spawn(tsx, ['src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('CRM workflow engine is running')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

async function stop({ child }: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  return exited;
}

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const api = (pathname: string, init?: RequestInit) => fetch(`http://127.0.0.1:${ports.api}${pathname}`, init);

test('when npm start runs with nothing configured then every service answers, Ctrl-C stops them all, and a second start reuses the data', async () => {
  const first = await start();
  const adminKey = /Admin API key \(shown once, store it now\): (crm_\S+)/.exec(first.output())?.[1];
  expect(adminKey).toBeDefined();
  expect(first.output()).toContain(`Temporal UI   http://127.0.0.1:${ports.ui}`);
  expect(first.output()).toContain(`Mail catcher  http://127.0.0.1:${ports.mail}`);

  expect((await api('/ready')).status).toBe(200);
  const auth = { Authorization: `Bearer ${adminKey}` };
  expect(await (await api('/api/v1/me', { headers: auth })).json()).toMatchObject({ role: 'admin' });
  expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);

  // The whole chain: API -> workflow -> activity -> PostgreSQL and SMTP -> the mail catcher's page.
  const created = await api('/api/v1/users', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'first.manager@example.com', name: 'First Manager', role: 'manager' }),
  });
  expect(created.status).toBe(201);
  await eventually(async () => {
    const messages = await (await fetch(`http://127.0.0.1:${ports.mail}/api/messages`)).json();
    expect(JSON.stringify(messages)).toContain('first.manager@example.com');
  });

  expect(await stop(first)).toBe(0);
  for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);

  const second = await start();
  expect(second.output()).not.toContain('Admin API key');
  expect((await api('/api/v1/me', { headers: auth })).status).toBe(200);
  const users = await api('/api/v1/users', {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'first.manager@example.com', name: 'Again', role: 'manager' }),
  });
  expect(users.status).toBe(409);
  expect(await stop(second)).toBe(0);
});
