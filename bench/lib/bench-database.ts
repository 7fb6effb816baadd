import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLogger } from '../../src/logger';
import { startEmbeddedPostgres } from '../../src/services/embedded-postgres';
import { findFreePort } from '../../src/services/free-port';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * A database of the benchmark's own: a fresh one on DATABASE_URL's server when it is set (created
 * here, dropped by stop()), else an embedded PostgreSQL in a throwaway folder.
 */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    const database = `crm_bench_${name}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const adminQuery = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await adminQuery(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    const url = new URL(admin);
    url.pathname = `/${database}`;
    return { url: url.toString(), stop: () => adminQuery(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-bench-${name}-`));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await findFreePort(), database: 'crm_bench', logger });
  return {
    url: server.databaseUrl,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
