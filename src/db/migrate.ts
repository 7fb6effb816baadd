import fs from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import type { MigrationDirectory, MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { prebuiltFile } from '../build-output';
import { NO_SCHEMA_FILTER, openSchemaEngine } from './schema-engine';

// Run from dist/, the copy the build put beside the bundle: the project's prisma/ is not shipped.
const prismaDir = prebuiltFile('prismaDir') ?? path.join(__dirname, '..', '..', 'prisma');
export const DEFAULT_MIGRATIONS_DIR = path.join(prismaDir, 'migrations');
export const DEFAULT_SCHEMA_PATH = path.join(prismaDir, 'schema.prisma');
export const MIGRATION_LOCKFILE_NAME = 'migration_lock.toml';

export interface MigrationPaths {
  migrationsDir?: string;
  schemaPath?: string;
}

// Any constant distinct from the engine's own key (72707369), so the two locks cannot deadlock.
const APPLY_MIGRATIONS_LOCK_KEY = 4_815_162_342;

/** Reads the migrations folder exactly as the Prisma CLI does before calling the engine. */
export async function readMigrationList(migrationsDir: string): Promise<MigrationList> {
  const lockfileContent = await fs.readFile(path.join(migrationsDir, MIGRATION_LOCKFILE_NAME), 'utf8').catch(() => null);
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories: MigrationDirectory[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory())) {
    const content = await fs
      .readFile(path.join(migrationsDir, entry.name, 'migration.sql'), 'utf8')
      .then((value) => ({ tag: 'ok' as const, value }))
      .catch((error: Error) => ({ tag: 'error' as const, value: error.message }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: 'migration.sql', content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir: migrationsDir,
    lockfile: { path: MIGRATION_LOCKFILE_NAME, content: lockfileContent },
    migrationDirectories,
    shadowDbInitScript: '',
  };
}

/**
 * The engine takes pg_advisory_lock(72707369) itself, but gives up after 10 s, and only releases
 * it when its pool ends. Holding our own lock around the whole run makes a concurrent caller wait
 * for as long as the migrations take instead of failing.
 */
async function withMigrationLock<T>(databaseUrl: string, run: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [APPLY_MIGRATIONS_LOCK_KEY]);
    return await run();
  } finally {
    await client.end(); // ending the session releases the lock, even if run() failed
  }
}

/** What `prisma migrate deploy` does: applies pending prisma/migrations/* and records them in _prisma_migrations. */
export async function applyMigrations(databaseUrl: string, options: MigrationPaths = {}): Promise<{ applied: string[] }> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  return withMigrationLock(databaseUrl, async () => {
    const migrationsList = await readMigrationList(migrationsDir);
    const { engine, close } = await openSchemaEngine({ databaseUrl, schemaPath });
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_SCHEMA_FILTER });
      return { applied: appliedMigrationNames };
    } finally {
      await close();
    }
  });
}
