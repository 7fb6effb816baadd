import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { findFreePort } from '../../../src/services/free-port';
import { testService } from '../../support/test-services';

export interface ApiProcess {
  /** http://127.0.0.1:<port> of this process. */
  url: string;
  pid: number;
  /** SIGKILL: no graceful close, requests in flight are cut, like a machine that dies. */
  kill(): Promise<void>;
  /** SIGTERM: the API's own shutdown. */
  stop(): Promise<void>;
  /** The last 20,000 characters of its stdout and stderr. */
  output(): string;
}

const root = path.join(__dirname, '..', '..', '..');

/**
 * `npm run api` as its own process (on a free port) against the run's Temporal server and the given
 * database (or `temporalAddress`, a proxy to it); a worker must poll `taskQueue` for workflow-backed
 * requests. Answers once it answers GET /api/v1/me with the admin key.
 */
export async function startApiProcess(options: StartOptions): Promise<ApiProcess> {
  // The free port is only free until the child binds it, a second later: another test file's server
  // may take it first, and this child then exits with EADDRINUSE. Such a start is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(options);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test((error as Error).message)) throw error;
    }
  }
}

type StartOptions = {
  databaseUrl: string;
  taskQueue: string;
  adminApiKey: string;
  publicUrl: string;
  temporalAddress?: string;
  namespace?: string;
  /** The SMTP server of the test's own, instead of the run's catcher. */
  smtpUrl?: string;
  /** A built entry file (`npm run build`'s api.main.js), run by plain node; default: the source, through tsx. */
  entryFile?: string;
};

async function startOnFreePort(options: StartOptions): Promise<ApiProcess> {
  const port = await findFreePort();
  // tsx as a loader in this very process: its CLI would run the API in a child that a SIGKILL of the
  // CLI leaves running.
  const args = options.entryFile ? ['--enable-source-maps', options.entryFile] : ['--import', 'tsx', path.join(root, 'src', 'api.main.ts')];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress ?? testService('temporalAddress'),
      TEMPORAL_NAMESPACE: options.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: options.smtpUrl ?? testService('smtpUrl'),
      PUBLIC_URL: options.publicUrl,
      ADMIN_API_KEY: options.adminApiKey,
      PORT: String(port),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const read = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`API process exited with ${exitCode} before it was ready:\n${output}`);
    // Ready, and this very API (on this test's database, with its admin key), not a server of another
    // test file that took the port first.
    const answers = (route: string, headers: Record<string, string> = {}) =>
      fetch(`${url}${route}`, { headers, signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.status === 200,
        () => false,
      );
    const ready = (await answers('/ready')) && (await answers('/api/v1/me', { Authorization: `Bearer ${options.adminApiKey}` }));
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`API process was not ready in 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    pid: child.pid!,
    async kill() {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
    output: () => output,
  };
}
