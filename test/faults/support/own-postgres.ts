import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '../../../src/db/migrate';
import { createLogger } from '../../../src/logger';
import { startEmbeddedPostgres, type RunningPostgres } from '../../../src/services/embedded-postgres';
import { findFreePort } from '../../../src/services/free-port';

export interface OwnPostgres {
  /** The migrated database's URL; stays the same across stop() and start(). */
  databaseUrl: string;
  /** Stops the server (SIGINT: PostgreSQL's fast shutdown, open sessions are terminated). */
  stop(): Promise<void>;
  /** Starts it again on the same data folder and port. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  dispose(): Promise<void>;
}

type Op = 'start' | 'stop';
interface Reply {
  id: number;
  ok: boolean;
  databaseUrl?: string;
  error?: string;
}

const root = path.join(__dirname, '..', '..', '..');

/**
 * A PostgreSQL server of this test file's own, in a temporary folder on a free port, with the
 * migrations applied to its `crm` database: a test may stop it without harming the run's shared
 * one. The server is run by src/services/embedded-postgres.ts in a child process (this very file),
 * since jest's module runtime cannot load the ESM-only embedded-postgres package; the child stops
 * the server when the test process goes away.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-own-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, who must be able to enter mkdtemp's 0700 folder.
  fs.chmodSync(folder, 0o755);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', __filename], {
    cwd: root,
    env: { ...process.env, OWN_POSTGRES_DIR: path.join(folder, 'data'), OWN_POSTGRES_PORT: String(await findFreePort()) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let next = 0;
  const pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  child.on('message', (reply: Reply) => pending.get(reply.id)?.resolve(reply));
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error('the PostgreSQL child process exited'));
  });
  const ask = (op: Op) =>
    new Promise<Reply>((resolve, reject) => {
      const id = ++next;
      pending.set(id, {
        resolve: (reply) => {
          pending.delete(id);
          if (reply.ok) resolve(reply);
          else reject(new Error(`PostgreSQL ${op} failed: ${reply.error}`));
        },
        reject,
      });
      child.send({ id, op });
    });
  const dispose = async () => {
    if (child.connected) {
      await ask('stop').catch(() => undefined);
      child.disconnect();
    }
    await exited;
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    const { databaseUrl } = await ask('start');
    await applyMigrations(databaseUrl!);
    return {
      databaseUrl: databaseUrl!,
      stop: async () => void (await ask('stop')),
      start: async () => void (await ask('start')),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The child: starts and stops the server when asked; stops it and exits when the parent goes. */
function serve(): void {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const options = { dataDir: process.env.OWN_POSTGRES_DIR!, port: Number(process.env.OWN_POSTGRES_PORT), database: 'crm', logger };
  let running: RunningPostgres | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  process.on('message', ({ id, op }: { id: number; op: Op }) => {
    queue = queue.then(async () => {
      try {
        if (op === 'start') running ??= await startEmbeddedPostgres(options);
        else {
          await running?.stop();
          running = undefined;
        }
        process.send?.({ id, ok: true, databaseUrl: `postgresql://postgres:postgres@127.0.0.1:${options.port}/crm` } satisfies Reply);
      } catch (error) {
        process.send?.({ id, ok: false, error: String((error as Error).message ?? error) } satisfies Reply);
      }
    });
  });
  process.on('disconnect', () => {
    void queue.then(async () => {
      await running?.stop().catch(() => undefined);
      process.exit(0);
    });
  });
}

if (require.main === module) serve();
