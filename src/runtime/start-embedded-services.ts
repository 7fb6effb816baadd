import fs from 'node:fs';
import type { Config } from '../config/config';
import type { Logger } from '../logger';
import { startMailCatcher } from '../mail-catcher/mail-catcher';
import { startEmbeddedPostgres } from '../services/embedded-postgres';
import { startTemporalDevServer } from '../services/temporal-dev-server';
import { serviceUrls, type ServiceUrls } from './service-urls';

export interface EmbeddedServices extends ServiceUrls {
  temporalUiUrl?: string;
  mailCatcherUrl?: string;
  /** Stops what was started here, in reverse order. */
  stop(): Promise<void>;
}

/** Starts, on this machine, each service whose URL is not configured. */
export async function startEmbeddedServices(config: Config, logger: Logger): Promise<EmbeddedServices> {
  const urls = serviceUrls(config);
  const { embedded } = config;
  const stops: (() => Promise<void>)[] = [];
  fs.mkdirSync(config.dataDir, { recursive: true });
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch((error) => logger.warn({ err: error }, 'stopping a service failed'));
  };
  try {
    const [postgres, temporal, mail] = await Promise.all([
      config.databaseUrl
        ? undefined
        : startEmbeddedPostgres({ dataDir: embedded.postgresDir, port: embedded.postgresPort, database: 'crm', logger }).then((pg) => {
            stops.push(pg.stop);
            return pg;
          }),
      config.temporal.address
        ? undefined
        : startTemporalDevServer({
            cliPath: config.temporal.cliPath,
            port: embedded.temporalPort,
            uiPort: embedded.temporalUiPort,
            dbFile: embedded.temporalDbFile,
            namespace: config.temporal.namespace,
            logger,
          }).then((temporal) => {
            stops.push(temporal.stop);
            return temporal;
          }),
      config.smtpUrl
        ? undefined
        : startMailCatcher({ smtpPort: embedded.mailSmtpPort, httpPort: embedded.mailHttpPort, storageDir: embedded.mailDir, logger }).then((catcher) => {
            stops.push(() => catcher.close());
            return catcher;
          }),
    ]);
    return {
      databaseUrl: postgres?.databaseUrl ?? urls.databaseUrl,
      temporalAddress: temporal?.address ?? urls.temporalAddress,
      smtpUrl: mail?.smtpUrl ?? urls.smtpUrl,
      temporalUiUrl: temporal?.uiUrl,
      mailCatcherUrl: mail?.webUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
