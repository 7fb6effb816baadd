import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '../../src/db/migrate';
import { diffMigrationsToSchema } from '../../src/db/migration-diff';
import { createScratchDatabase, type ScratchDatabase } from '../support/test-database';

const migrationNames = fs
  .readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('database migrations', () => {
  let database: ScratchDatabase;
  beforeAll(async () => {
    database = await createScratchDatabase();
  });
  afterAll(() => database?.drop());

  test('when the migrations are applied to an empty database then a second run applies nothing', async () => {
    expect(migrationNames.length).toBeGreaterThan(0);

    expect(await applyMigrations(database.url)).toEqual({ applied: migrationNames });
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });

    const tables = await query<{ table_name: string }>(database.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'users', 'api_keys']));
    // Recorded as `prisma migrate deploy` records them, so the Prisma CLI can take over this database.
    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      database.url,
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(recorded).toEqual(
      migrationNames.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256').update(fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, name, 'migration.sql'))).digest('hex'),
        finished_at: expect.any(Date),
      })),
    );
  });

  test('when two processes apply the migrations at once then each migration is applied once', async () => {
    const concurrent = await createScratchDatabase();
    try {
      const [first, second] = await Promise.all([applyMigrations(concurrent.url), applyMigrations(concurrent.url)]);
      expect([...first.applied, ...second.applied].sort()).toEqual(migrationNames);
    } finally {
      await concurrent.drop();
    }
  });

  test('schema.prisma and the migrations agree', async () => {
    const missingMigration = await diffMigrationsToSchema(database.url);
    if (missingMigration) {
      throw new Error(`prisma/schema.prisma has changes no migration creates: run \`npm run migrate:create -- <name>\`.\n${missingMigration}`);
    }
  });
});
