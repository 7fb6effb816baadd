// npm run migrate:create -- <name>
// Writes prisma/migrations/<yyyyMMddHHmmss>_<name>/migration.sql with the SQL that brings the
// migrations folder to prisma/schema.prisma, like `prisma migrate dev --create-only`, but with
// the wasm schema engine (the native one cannot be downloaded here).
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_MIGRATIONS_DIR, MIGRATION_LOCKFILE_NAME } from '../src/db/migrate';
import { POSTGRESQL_MIGRATION_LOCKFILE, diffMigrationsToSchema } from '../src/db/migration-diff';

const EMBEDDED_DATABASE_URL = 'postgres://postgres@127.0.0.1:5433/crm';

/** Prisma names migrations with the UTC time, to the second. */
function utcTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function toMigrationSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

async function main(): Promise<void> {
  const slug = toMigrationSlug(process.argv.slice(2).join(' '));
  if (!slug) throw new Error('Usage: npm run migrate:create -- <name>   (e.g. add_user_phone)');
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new Error(
      'DATABASE_URL is not set. The migration is computed by replaying prisma/migrations into a temporary ' +
        'shadow database, created and dropped on that PostgreSQL server (the database itself is not changed). ' +
        `Set DATABASE_URL, or run this while \`npm start\` runs: DATABASE_URL=${EMBEDDED_DATABASE_URL} npm run migrate:create -- ${slug}`,
    );
  }

  const script = await diffMigrationsToSchema(databaseUrl);
  if (!script) {
    console.log('no schema changes');
    return;
  }
  const migrationDir = path.join(DEFAULT_MIGRATIONS_DIR, `${utcTimestamp(new Date())}_${slug}`);
  fs.mkdirSync(migrationDir, { recursive: true });
  fs.writeFileSync(path.join(migrationDir, 'migration.sql'), script);
  const lockfilePath = path.join(DEFAULT_MIGRATIONS_DIR, MIGRATION_LOCKFILE_NAME);
  if (!fs.existsSync(lockfilePath)) fs.writeFileSync(lockfilePath, POSTGRESQL_MIGRATION_LOCKFILE);
  console.log(`created ${path.relative(process.cwd(), path.join(migrationDir, 'migration.sql'))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
