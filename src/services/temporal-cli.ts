import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from '../logger';

const run = promisify(execFile);

/** The newest CLI tag without a `replace` directive in its go.mod, so `go install` accepts it. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findOnPath(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.map((dir) => path.join(dir, 'temporal')).find(isExecutable);
}

/** Where `go install` puts binaries: GOBIN, else the first GOPATH's bin; undefined without Go. */
export async function goBinDir(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOBIN', 'GOPATH']);
    const [gobin, gopath] = stdout.split('\n').map((line) => line.trim());
    return gobin || (gopath ? path.join(gopath.split(path.delimiter)[0], 'bin') : undefined);
  } catch {
    return undefined; // no Go toolchain
  }
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, then PATH, then Go's bin folder; builds it with
 * Go when it is nowhere. Answers undefined when there is no Go either, so that the caller can
 * fall back to the SDK's download.
 */
export async function findOrBuildTemporalCli(configuredPath: string | undefined, logger: Logger): Promise<string | undefined> {
  if (configuredPath) {
    if (!isExecutable(configuredPath)) throw new Error(`TEMPORAL_CLI_PATH=${configuredPath} is not an executable file`);
    return configuredPath;
  }
  const onPath = findOnPath();
  if (onPath) return onPath;
  const binDir = await goBinDir();
  if (!binDir) return undefined;
  const built = path.join(binDir, 'temporal');
  if (isExecutable(built)) return built;

  logger.info(`building the Temporal CLI with 'go install ${TEMPORAL_CLI_MODULE}' (the first build takes minutes)`);
  try {
    await run('go', ['install', TEMPORAL_CLI_MODULE], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    logger.warn({ err: error }, 'building the Temporal CLI with Go failed');
    return undefined;
  }
  return isExecutable(built) ? built : undefined;
}
