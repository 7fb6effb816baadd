import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { prebuiltFile } from '../build-output';
import type { ConsoleSources } from './bundle-console';

export interface ConsoleAsset {
  text: string;
  /** Compressed once here rather than on every request. */
  gzipped: Buffer;
}

export interface ConsoleBundle {
  js: ConsoleAsset;
  css: ConsoleAsset;
  /** Changes with the content: the page links the assets with it, so they may be cached for good. */
  version: string;
}

let bundle: Promise<ConsoleBundle> | undefined;

/**
 * The console's script and style sheet: read from `npm run build`'s output when running from
 * dist/, else bundled in memory on first use (esbuild takes well under a second, so there is no
 * build step to forget in development and no stale bundle on disk).
 */
export function consoleBundle(): Promise<ConsoleBundle> {
  bundle ??= bundleConsole().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function bundleConsole(): Promise<ConsoleBundle> {
  const { js, css } = await consoleSources();
  const asset = (text: string): ConsoleAsset => ({ text, gzipped: gzipSync(text, { level: 9 }) });
  return {
    js: asset(js),
    css: asset(css),
    version: createHash('sha256').update(js).update(css).digest('hex').slice(0, 12),
  };
}

async function consoleSources(): Promise<ConsoleSources> {
  const [script, styles] = [prebuiltFile('consoleScript'), prebuiltFile('consoleStyles')];
  if (script && styles) {
    const [js, css] = await Promise.all([fs.readFile(script, 'utf8'), fs.readFile(styles, 'utf8')]);
    return { js, css };
  }
  // Loaded only here: esbuild is a development dependency, absent from a production install.
  const { bundleConsoleSources } = await import('./bundle-console.js');
  return bundleConsoleSources();
}
