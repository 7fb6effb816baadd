import type { Config } from '../config/config';

export interface ServiceUrls {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
}

/** The configured services, or where `npm start` runs its embedded ones. */
export function serviceUrls(config: Config): ServiceUrls {
  const { embedded } = config;
  return {
    databaseUrl: config.databaseUrl ?? `postgresql://postgres:postgres@127.0.0.1:${embedded.postgresPort}/crm`,
    temporalAddress: config.temporal.address ?? `127.0.0.1:${embedded.temporalPort}`,
    smtpUrl: config.smtpUrl ?? `smtp://127.0.0.1:${embedded.mailSmtpPort}`,
  };
}
