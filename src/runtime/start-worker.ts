import { NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';
import { createPrismaClient } from '../db/prisma';
import type { Logger } from '../logger';
import { createMailer } from '../mail/mailer';
import { createCollateralStore } from '../collateral/store-from-config';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { registerSearchAttributes } from '../temporal/search-attributes';
import { createCrmWorker } from '../temporal/worker';
import type { ServiceUrls } from './service-urls';
import { startWorkerHealthServer } from './worker-health-server';

export interface RunningWorker {
  /** Settles when the worker stops; rejects if it fails. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(config: Config, logger: Logger, urls: ServiceUrls): Promise<RunningWorker> {
  const db = createPrismaClient(urls.databaseUrl, { maxConnections: config.databasePoolSize });
  const mailer = createMailer(urls.smtpUrl, config.mailFrom);
  const connectionOptions = temporalConnectionOptions(config, urls.temporalAddress);
  await registerSearchAttributes({ ...connectionOptions, namespace: config.temporal.namespace });
  const connection = await NativeConnection.connect(connectionOptions);
  const worker = await createCrmWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dependencies: {
      db,
      mailer,
      publicUrl: config.publicUrl,
      responseRecheck: config.campaigns.responseRecheck,
      eventTaskEscalateAfter: config.events.taskEscalateAfter,
      // MAILING stages attach the library's files to their messages.
      collateralStore: createCollateralStore(config.collateral.store),
      mailAttachmentsMaxBytes: config.mailCollateral.attachmentsMaxBytes,
      collateralLinkTtlMs: config.mailCollateral.linkTtlMs,
    },
    tuning: config.worker.tuning,
  });
  const { healthPort } = config.worker;
  const health = healthPort === undefined ? undefined : await startWorkerHealthServer({ port: healthPort, state: () => worker.getState() });
  const done = worker.run().finally(async () => {
    await health?.close();
    await connection.close();
    mailer.close();
    await db.$disconnect();
  });
  logger.info({ taskQueue: config.temporal.taskQueue, healthPort, metricsPort: config.worker.metricsPort }, 'Temporal worker polling');
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done.catch((error) => logger.error({ err: error }, 'worker stopped with an error'));
    },
  };
}
