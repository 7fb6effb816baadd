import { spawn, type ChildProcess } from 'node:child_process';
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
import { startSmtpSink, type SmtpSink } from './smtp-sink-process';

export interface BenchSystem {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it, on a throwaway data folder and free ports. With
 * `separateProcesses`, as deployments run it instead: the worker in a process of its own (`npm run
 * worker`) and the e-mail to an SMTP server in another (bench/lib/smtp-sink.ts), so the API's process
 * serves requests only.
 */
export async function startBenchSystem({ separateProcesses = false }: { separateProcesses?: boolean } = {}): Promise<BenchSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const ports = await Promise.all(Array.from({ length: 6 }, findFreePort));
  const adminKey = generateApiKey();
  const sink: SmtpSink | undefined = separateProcesses ? await startSmtpSink() : undefined;
  const config = loadConfig({
    ...process.env,
    ...(sink ? { SMTP_URL: sink.url } : {}),
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
  const worker = sink ? startWorkerProcess({ DATA_DIR: dataDir, DATABASE_URL: services.databaseUrl, TEMPORAL_ADDRESS: services.temporalAddress, SMTP_URL: sink.url, PUBLIC_URL: config.publicUrl, ADMIN_API_KEY: adminKey }) : await startWorker(config, logger, services);
  return {
    baseUrl: `http://127.0.0.1:${config.port}`,
    adminKey,
    databaseUrl: services.databaseUrl,
    async stop() {
      await worker.stop();
      await api.stop();
      await services.stop();
      await sink?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm run worker` in a child process, with this process's environment and `env`; stopped with SIGTERM. */
function startWorkerProcess(env: Record<string, string>): { stop(): Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../src/worker.main.ts')], {
    env: { ...process.env, ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
