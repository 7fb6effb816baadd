import path from 'node:path';
import { build } from 'esbuild';

export interface ConsoleBundle {
  js: string;
  css: string;
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
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  return { js: output('.js'), css: output('.css') };
}
