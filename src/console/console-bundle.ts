import { createHash } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

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

const appDir = path.join(__dirname, 'app');
let bundle: Promise<ConsoleBundle> | undefined;

/**
 * The console's script and style sheet, bundled in memory on first use: esbuild takes well under a
 * second, so there is no build step to forget and no stale bundle on disk.
 */
export function consoleBundle(): Promise<ConsoleBundle> {
  bundle ??= bundleConsole().catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return bundle;
}

async function bundleConsole(): Promise<ConsoleBundle> {
  const result = await build({
    entryPoints: [path.join(appDir, 'main.tsx')],
    bundle: true,
    write: false,
    outdir: '/console-assets',
    format: 'esm',
    target: ['es2022'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    tsconfig: path.join(appDir, 'tsconfig.json'),
    logLevel: 'silent',
  });
  const output = (extension: string): ConsoleAsset => {
    const text = result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
    return { text, gzipped: gzipSync(text, { level: 9 }) };
  };
  const [js, css] = [output('.js'), output('.css')];
  return { js, css, version: createHash('sha256').update(js.text).update(css.text).digest('hex').slice(0, 12) };
}
