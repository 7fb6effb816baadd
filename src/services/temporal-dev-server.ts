import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Logger } from '../logger';
import { findOrBuildTemporalCli, TEMPORAL_CLI_MODULE } from './temporal-cli';
import { waitUntil } from './wait-until';

export interface TemporalDevServerOptions {
  cliPath?: string;
  port: number;
  /** Omit for a headless server (tests). */
  uiPort?: number;
  /** SQLite file; omit to keep state in memory (tests). */
  dbFile?: string;
  namespace: string;
  logger: Logger;
}

export interface RunningTemporal {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
  /** SIGKILL, no shutdown at all (fault tests); only on a server this process spawned itself. */
  kill?(): Promise<void>;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  // A dev server left running by an earlier run that was killed still holds the port: reuse it.
  if (await answers(address)) {
    options.logger.warn({ address }, 'a Temporal server already answers there; reusing it');
    return { address, uiUrl, stop: async () => undefined };
  }
  const cli = await findOrBuildTemporalCli(options.cliPath, options.logger);
  if (cli) return spawnDevServer(cli, address, uiUrl, options);
  return downloadAndStartDevServer(uiUrl, options);
}

function devServerArgs(options: TemporalDevServerOptions): string[] {
  return [
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--namespace', options.namespace,
    '--log-level', 'warn',
    // Temporal's own stress tests run SQLite in WAL mode; the default journal is far slower.
    '--sqlite-pragma', 'journal_mode=WAL',
    '--sqlite-pragma', 'synchronous=NORMAL',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
  ];
}

const START_ATTEMPTS = 3;

async function spawnDevServer(cli: string, address: string, uiUrl: string | undefined, options: TemporalDevServerOptions, attempt = 1): Promise<RunningTemporal> {
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const child = spawn(cli, ['server', 'start-dev', ...devServerArgs(options)], { stdio: ['ignore', 'ignore', 'pipe'] });
  // The head says why it stopped (a Go panic starts there); the tail, what it did last.
  let head = '';
  let tail = '';
  let exited: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    if (head.length < 2000) head = (head + chunk.toString()).slice(0, 2000);
    else tail = (tail + chunk.toString()).slice(-2000);
  });
  child.on('exit', (code, signal) => {
    exited = `exited (${signal ?? code}) ${head.trim()}${tail ? ` … ${tail.trim()}` : ''}`;
  });
  child.on('error', (error) => {
    exited = `could not be run: ${error.message}`;
  });

  try {
    await waitUntil(() => answers(address), {
      what: `Temporal dev server (${cli}) on ${address}`,
      timeoutMs: 60_000,
      abort: () => exited,
    });
  } catch (error) {
    // The dev server picks its internal ports by probing for free ones: another process may take
    // one between the probe and the bind, and the server then stops at start-up. Tried again.
    if (!exited || attempt >= START_ATTEMPTS) throw error;
    options.logger.warn({ address, attempt, exited }, 'the Temporal dev server stopped while starting: starting it again');
    return spawnDevServer(cli, address, uiUrl, options, attempt + 1);
  }
  options.logger.debug({ address, cli }, 'Temporal dev server started');

  const end = async (signal: 'SIGTERM' | 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  return { address, uiUrl, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

async function downloadAndStartDevServer(uiUrl: string | undefined, options: TemporalDevServerOptions): Promise<RunningTemporal> {
  options.logger.info('no Temporal CLI and no Go toolchain: letting the Temporal SDK download the CLI');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        ip: '127.0.0.1',
        port: options.port,
        namespace: options.namespace,
        dbFilename: options.dbFile,
        ui: Boolean(options.uiPort),
        uiPort: options.uiPort,
        extraArgs: ['--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'],
      },
    });
    return { address: env.address, uiUrl, stop: () => env.teardown() };
  } catch (error) {
    throw new Error(
      'Could not start a Temporal server. Any one of these fixes it:\n' +
        '  1. set TEMPORAL_CLI_PATH to a `temporal` binary, or put one on PATH;\n' +
        `  2. install Go 1.25+ so that 'go install ${TEMPORAL_CLI_MODULE}' can build it;\n` +
        '  3. allow downloads from temporal.download so the Temporal SDK can fetch it;\n' +
        '  or set TEMPORAL_ADDRESS to a running Temporal server.\n' +
        `The download failed with: ${(error as Error).message}`,
    );
  }
}

async function answers(address: string): Promise<boolean> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.healthService.check({});
      return true;
    } finally {
      await connection.close();
    }
  } catch {
    return false;
  }
}
