import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, Prisma } from '../generated/prisma/client';

export type Db = PrismaClient;
/** Data access takes this, so the same function runs alone or inside `$transaction`. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

const pools = new WeakMap<Db, pg.Pool>();

export function createPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  // An idle connection that breaks (PostgreSQL restarting) must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  // Nor one that breaks while checked out between two statements (a transaction waiting for its next
  // one), where the pool does not listen: its next statement fails as a database outage instead, and
  // the pool drops it when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The node-postgres pool under a client made by createPrismaClient, for the hot statements where
 * Prisma's cost per statement shows (measured here: 0.22 ms of client CPU and 0.43 ms of latency per
 * UPDATE through Prisma, 0.05 ms and 0.21 ms through pg). Same connections, same limits.
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('sqlPool: this Prisma client was not made by createPrismaClient');
  return pool;
}
