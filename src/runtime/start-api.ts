import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createApp, type AppOptions } from '../api/app';
import type { Config } from '../config/config';
import { applyMigrations } from '../db/migrate';
import { createPrismaClient } from '../db/prisma';
import type { Logger } from '../logger';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { installDefaultRules } from '../rule-store/rule-store';
import { ensureAdmin } from '../users/ensure-admin';
import { consoleBundle } from '../console/console-bundle';
import { createCollateralStore } from '../collateral/store-from-config';
import { resumeInterruptedRequests } from './resume-interrupted-requests';
import type { ServiceUrls } from './service-urls';

export interface RunningApi {
  url: string;
  /** Set only on the start that created the bootstrap admin. */
  createdAdminKey?: string;
  stop(): Promise<void>;
}

export async function startApi(config: Config, logger: Logger, urls: ServiceUrls, { extraRoutes }: Pick<AppOptions, 'extraRoutes'> = {}): Promise<RunningApi> {
  if (config.runMigrations) {
    const { applied } = await applyMigrations(urls.databaseUrl);
    if (applied.length) logger.info({ applied }, 'database migrations applied');
  }
  const db = createPrismaClient(urls.databaseUrl, { maxConnections: config.databasePoolSize });
  const { createdKey } = await ensureAdmin(db, config.adminApiKey);
  const installedRules = await installDefaultRules(db);
  if (installedRules) logger.info({ rules: installedRules }, 'default rule set installed');
  // Lazy, so the API serves /health and a 503 /ready while Temporal is still coming up.
  const connection = Connection.lazy(temporalConnectionOptions(config, urls.temporalAddress));
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const campaignLimits = { evergreenMinInterval: config.campaigns.evergreenMinInterval, mailAttachmentsMaxBytes: config.mailCollateral.attachmentsMaxBytes };
  const collateral = { store: createCollateralStore(config.collateral.store), maxFileBytes: config.collateral.maxFileBytes };
  logger.info({ store: collateral.store.description, maxFileBytes: collateral.maxFileBytes }, 'collateral library store');
  const app = createApp({ db, temporal: { client, taskQueue: config.temporal.taskQueue }, logger, campaignLimits, collateral }, {
    publicUrl: config.publicUrl,
    rateLimits: config.rateLimits,
    trustProxy: config.trustProxy,
    signIn: config.signIn,
    temporalUi: config.temporal.uiUrl ? { url: config.temporal.uiUrl, namespace: config.temporal.namespace } : undefined,
    extraRoutes,
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, () => resolve(listening)).on('error', reject);
  });
  // Bundled now so a broken console shows in the start-up log, not on a user's first visit.
  consoleBundle().catch((error: unknown) => logger.error({ err: error }, 'the web console could not be bundled'));
  // Requests a killed API process left between PostgreSQL and Temporal are finished in the background.
  const resuming = resumeInterruptedRequests({ db, temporal: { client, taskQueue: config.temporal.taskQueue } }, logger);
  return {
    url: `http://localhost:${config.port}`,
    createdAdminKey: createdKey,
    async stop() {
      resuming.stop();
      await new Promise((resolve) => server.close(resolve));
      await connection.close();
      await db.$disconnect();
    },
  };
}
