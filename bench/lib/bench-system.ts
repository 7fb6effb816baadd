import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppOptions } from '../../src/api/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logger';
import { startEmbeddedServices } from '../../src/runtime/start-embedded-services';
import { startApi } from '../../src/runtime/start-api';
import { startWorker } from '../../src/runtime/start-worker';
import { findFreePort } from '../../src/services/free-port';
import { startTemporalDevServer, type RunningTemporal } from '../../src/services/temporal-dev-server';
import { installTemporalRuntime } from '../../src/temporal/temporal-runtime';
import { generateApiKey } from '../../src/users/api-keys';
import { startSmtpSink, type SmtpSink } from './smtp-sink-process';

export interface BenchSystem {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  temporalAddress: string;
  /** The throwaway folder holding PostgreSQL's and Temporal's data: bench/lib/process-cpu.ts finds their processes by it. */
  dataDir: string;
  /** The worker's process when it runs in one of its own (`separateProcesses`). */
  workerPid?: number;
  /** The SMTP server the worker sends to (`separateProcesses`): its counts tell what was delivered. */
  sink?: SmtpSink;
  /**
   * Stops the worker and the Temporal dev server, then starts both again on the same SQLite file and
   * port; the API keeps running. Not possible when TEMPORAL_ADDRESS names a server the bench did not start.
   */
  restartTemporalAndWorker(): Promise<TemporalRestart>;
  stop(): Promise<void>;
}

/** Milliseconds from the restart's beginning. */
export interface TemporalRestart {
  stoppedMs: number;
  temporalUpMs: number;
  workerStartedMs: number;
}

/**
 * The whole system as `npm start` runs it, on a throwaway data folder and free ports. With
 * `separateProcesses`, as deployments run it instead: the worker in a process of its own (`npm run
 * worker`) and the e-mail to an SMTP server in another (bench/lib/smtp-sink.ts), so the API's process
 * serves requests only.
 */
export async function startBenchSystem({ separateProcesses = false, extraRoutes }: { separateProcesses?: boolean } & Pick<AppOptions, 'extraRoutes'> = {}): Promise<BenchSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const ports = await Promise.all(Array.from({ length: 6 }, findFreePort));
  // The dev server is started here rather than by startEmbeddedServices, so that it can be restarted.
  const ownsTemporal = !process.env.TEMPORAL_ADDRESS;
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
    ...(ownsTemporal ? { TEMPORAL_ADDRESS: `127.0.0.1:${ports[2]}`, TEMPORAL_UI_URL: `http://localhost:${ports[3]}` } : {}),
  });
  const logger = createLogger(config.logLevel);
  installTemporalRuntime(logger);
  const devServer = { cliPath: config.temporal.cliPath, port: ports[2], uiPort: ports[3], dbFile: config.embedded.temporalDbFile, namespace: config.temporal.namespace, logger };
  let temporal: RunningTemporal | undefined;
  const [services] = await Promise.all([startEmbeddedServices(config, logger), ownsTemporal ? startTemporalDevServer(devServer).then((started) => (temporal = started)) : undefined]);
  const api = await startApi(config, logger, services, { extraRoutes });
  const startAnyWorker = async () =>
    sink ? startWorkerProcess({ DATA_DIR: dataDir, DATABASE_URL: services.databaseUrl, TEMPORAL_ADDRESS: services.temporalAddress, SMTP_URL: sink.url, PUBLIC_URL: config.publicUrl, ADMIN_API_KEY: adminKey }) : await startWorker(config, logger, services);
  let worker = await startAnyWorker();
  return {
    baseUrl: `http://127.0.0.1:${config.port}`,
    adminKey,
    databaseUrl: services.databaseUrl,
    temporalAddress: services.temporalAddress,
    dataDir,
    get workerPid() {
      return 'pid' in worker ? worker.pid : undefined;
    },
    sink,
    async restartTemporalAndWorker() {
      if (!temporal) throw new Error('TEMPORAL_ADDRESS is set: the bench did not start that Temporal server and cannot restart it');
      const began = performance.now();
      await worker.stop();
      await temporal.stop();
      const stoppedMs = performance.now() - began;
      temporal = await startTemporalDevServer(devServer);
      const temporalUpMs = performance.now() - began;
      worker = await startAnyWorker();
      return { stoppedMs, temporalUpMs, workerStartedMs: performance.now() - began };
    },
    async stop() {
      await worker.stop();
      await api.stop();
      await services.stop();
      await temporal?.stop();
      await sink?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm run worker` in a child process, with this process's environment and `env`; stopped with SIGTERM. */
function startWorkerProcess(env: Record<string, string>): { pid?: number; stop(): Promise<void> } {
  const child: ChildProcess = spawn(process.execPath, [...cpuProfileArgs(), '--import', 'tsx', path.join(__dirname, '../../src/worker.main.ts')], {
    env: { ...process.env, ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return {
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** BENCH_CPU_PROFILE_DIR: the worker's process writes a CPU profile of each of its threads there when it stops. */
const cpuProfileArgs = () => (process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : []);
