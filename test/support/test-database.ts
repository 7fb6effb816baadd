import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPrismaClient, type Db } from '../../src/db/prisma';
import { testService } from './test-services';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface TestDatabase extends ScratchDatabase {
  db: Db;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testService('databaseAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of its own on the run's PostgreSQL: empty, or cloned from a template. */
async function createDatabase(template?: string): Promise<ScratchDatabase> {
  const name = `crm_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await adminQuery(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`);
  const url = new URL(testService('databaseAdminUrl'));
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`) };
}

/** An empty database, no migrations applied: for testing the migrations themselves. */
export const createScratchDatabase = () => createDatabase();

/** A migrated database of its own for one test file, cloned from the run's template in ~100 ms. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createDatabase(testService('templateDatabase'));
  const db = createPrismaClient(database.url);
  return {
    ...database,
    db,
    async drop() {
      await db.$disconnect();
      await database.drop();
    },
  };
}
