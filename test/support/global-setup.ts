import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../src/db/migrate';
import { createLogger } from '../../src/logger';
import { startMailCatcher } from '../../src/mail-catcher/mail-catcher';
import { startEmbeddedPostgres } from '../../src/services/embedded-postgres';
import { findFreePort } from '../../src/services/free-port';
import { startTemporalDevServer } from '../../src/services/temporal-dev-server';
import { registerSearchAttributes } from '../../src/temporal/search-attributes';
import { testEnv } from './test-services';

const TEMPLATE_DATABASE = `crm_test_template_${process.pid}`;

/**
 * Starts the run's services: PostgreSQL (DATABASE_URL's server when set, else an embedded one),
 * Temporal (TEMPORAL_ADDRESS when set, else a dev server) and an SMTP catcher the tests can read.
 * Migrations run once, into a template database that each test file clones.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const stops: (() => Promise<void>)[] = [];
  (globalThis as { crmTestStops?: typeof stops }).crmTestStops = stops;

  const [adminUrl, temporalAddress, mail] = await Promise.all([
    startPostgres(logger, stops),
    process.env.TEMPORAL_ADDRESS ??
      (async () => {
        const temporal = await startTemporalDevServer({
          cliPath: process.env.TEMPORAL_CLI_PATH,
          port: await findFreePort(),
          namespace: 'default',
          logger,
        });
        stops.push(temporal.stop);
        return temporal.address;
      })(),
    startMailCatcher({ smtpPort: 0, httpPort: 0 }).then((catcher) => {
      stops.push(() => catcher.close());
      return catcher;
    }),
  ]);

  await registerSearchAttributes({ address: temporalAddress, namespace: 'default' });
  await createDatabase(adminUrl, TEMPLATE_DATABASE);
  stops.push(() => dropDatabase(adminUrl, TEMPLATE_DATABASE));
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await applyMigrations(templateUrl.toString());

  process.env[testEnv.databaseAdminUrl] = adminUrl;
  process.env[testEnv.templateDatabase] = TEMPLATE_DATABASE;
  process.env[testEnv.temporalAddress] = temporalAddress;
  process.env[testEnv.smtpUrl] = mail.smtpUrl;
  process.env[testEnv.mailCatcherUrl] = mail.webUrl;
}

async function startPostgres(logger: ReturnType<typeof createLogger>, stops: (() => Promise<void>)[]): Promise<string> {
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = '/postgres';
    return url.toString();
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, who must be able to enter mkdtemp's 0700 folder.
  fs.chmodSync(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: await findFreePort(), database: 'postgres', logger, unsafeFast: true });
  stops.push(async () => {
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return postgres.adminUrl;
}

async function createDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}`);
  await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await client.end();
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
}
