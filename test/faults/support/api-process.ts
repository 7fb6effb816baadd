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
 * requests. Answers once GET /ready is 200.
 */
export async function startApiProcess(options: { databaseUrl: string; taskQueue: string; adminApiKey: string; publicUrl: string; temporalAddress?: string }): Promise<ApiProcess> {
  const port = await findFreePort();
  // tsx as a loader in this very process: its CLI would run the API in a child that a SIGKILL of the
  // CLI leaves running.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'api.main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: options.temporalAddress ?? testService('temporalAddress'),
      TEMPORAL_TASK_QUEUE: options.taskQueue,
      SMTP_URL: testService('smtpUrl'),
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
    const ready = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
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
