import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { startEmbeddedServices } from '../../src/runtime/start-embedded-services';
import { startApi } from '../../src/runtime/start-api';
import { startWorker } from '../../src/runtime/start-worker';
import { findFreePort } from '../../src/services/free-port';
import { installTemporalRuntime } from '../../src/temporal/temporal-runtime';
import { generateApiKey } from '../../src/users/api-keys';

export interface BenchSystem {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/** The whole system as `npm start` runs it, on a throwaway data folder and free ports. */
export async function startBenchSystem(): Promise<BenchSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const ports = await Promise.all(Array.from({ length: 6 }, findFreePort));
  const adminKey = generateApiKey();
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(ports[0]),
    EMBEDDED_POSTGRES_PORT: String(ports[1]),
    TEMPORAL_PORT: String(ports[2]),
    TEMPORAL_UI_PORT: String(ports[3]),
    MAIL_CATCHER_SMTP_PORT: String(ports[4]),
    MAIL_CATCHER_HTTP_PORT: String(ports[5]),
    ADMIN_API_KEY: adminKey,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const logger = createLogger(config.logLevel);
  installTemporalRuntime(logger);
  const services = await startEmbeddedServices(config, logger);
  const api = await startApi(config, logger, services);
  const worker = await startWorker(config, logger, services);
  return {
    baseUrl: `http://127.0.0.1:${config.port}`,
    adminKey,
    databaseUrl: services.databaseUrl,
    async stop() {
      await worker.stop();
      await api.stop();
      await services.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
