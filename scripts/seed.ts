// npm run seed [-- --force]
// Demo data for a first run, into the system `npm start` runs (same defaults: nothing to configure;
// DATABASE_URL, TEMPORAL_*, PORT / PUBLIC_URL when the system uses them). docs/administration.md#demo-data
import { Client, Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../src/config/config';
import { createPrismaClient } from '../src/db/prisma';
import { serviceUrls } from '../src/runtime/service-urls';
import { SeedRefused } from '../src/seed/demo-marker';
import { seedDemoData } from '../src/seed/seed-demo-data';
import { formatSeedResult } from '../src/seed/seed-report';
import { temporalConnectionOptions } from '../src/temporal/connection-options';

const usage = 'Usage: npm run seed [-- --force]   (--force: seed another demo organization beside the one already there)';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}\n${usage}`);
    return 2;
  }
  const config = loadConfig();
  const urls = serviceUrls(config);
  const connection = await Connection.connect(temporalConnectionOptions(config, urls.temporalAddress)).catch((error: Error) => {
    throw new Error(`Temporal does not answer at ${urls.temporalAddress} (${error.message}). Start the system first (npm start, in another terminal), then run the seed again.`);
  });
  const db = createPrismaClient(urls.databaseUrl, { maxConnections: 4 });
  try {
    const result = await seedDemoData(
      { db, temporal: { client: new Client({ connection, namespace: config.temporal.namespace }), taskQueue: config.temporal.taskQueue }, apiUrl: config.publicUrl, progress: (line) => console.log(line) },
      { force: args.includes('--force') },
    );
    console.log(
      formatSeedResult(result, {
        consoleUrl: `${config.publicUrl}/console/`,
        temporalUiUrl: config.temporal.uiUrl,
        mailCatcherUrl: config.smtpUrl ? undefined : `http://127.0.0.1:${config.embedded.mailHttpPort}`,
      }),
    );
    return 0;
  } finally {
    await connection.close();
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SeedRefused || error instanceof ConfigError) console.error(error.message);
    else console.error(`The seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
