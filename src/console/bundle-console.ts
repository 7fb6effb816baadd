import path from 'node:path';
import { build } from 'esbuild';

export interface ConsoleSources {
  js: string;
  css: string;
}

const appDir = path.join(__dirname, 'app');

/**
 * Bundles the console (Preact TSX and its style sheet) in memory. Run from source at first use, and
 * once by `npm run build`, so production needs neither esbuild nor the browser packages.
 */
export async function bundleConsoleSources(): Promise<ConsoleSources> {
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
