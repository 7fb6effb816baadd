// npm run build [-- --out-dir <folder>]   (default: dist/)
// The production build: the API and worker entry files bundled by esbuild (dependencies stay in
// node_modules), the workflows bundled once by the Temporal SDK, the console prebuilt, and the
// Prisma schema and migrations copied, so `node dist/api.main.js` and `node dist/worker.main.js`
// need nothing of the sources and no development dependency. The layout is src/build-output.ts.
// No type check here: `npm run typecheck` does that, and the build stays a few seconds long.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import { build } from 'esbuild';
import { buildOutputFiles } from '../src/build-output';
import { bundleConsoleSources } from '../src/console/bundle-console';

const root = path.join(__dirname, '..');

async function bundleServer(outDir: string): Promise<void> {
  await build({
    entryPoints: {
      [path.parse(buildOutputFiles.apiEntry).name]: path.join(root, 'src', 'api.main.ts'),
      [path.parse(buildOutputFiles.workerEntry).name]: path.join(root, 'src', 'worker.main.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Installed by `npm ci --omit=dev` beside dist/; native and wasm packages cannot be bundled anyway.
    packages: 'external',
    // src/build-output.ts: tells the bundled code to load the workflows, console and migrations from here.
    define: { CRM_PREBUILT: 'true' },
    sourcemap: 'linked',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

async function bundleWorkflows(outDir: string): Promise<void> {
  const silent = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'workflows'),
    // Webpack's progress is INFO; its warnings and errors still show.
    logger: { trace: silent, debug: silent, info: silent, warn: console.warn, error: console.error, log: silent } as never,
  });
  await fs.writeFile(path.join(outDir, buildOutputFiles.workflowBundle), code);
}

async function bundleConsole(outDir: string): Promise<void> {
  const { js, css } = await bundleConsoleSources();
  await fs.mkdir(path.dirname(path.join(outDir, buildOutputFiles.consoleScript)), { recursive: true });
  await fs.writeFile(path.join(outDir, buildOutputFiles.consoleScript), js);
  await fs.writeFile(path.join(outDir, buildOutputFiles.consoleStyles), css);
}

async function copyPrisma(outDir: string): Promise<void> {
  const target = path.join(outDir, buildOutputFiles.prismaDir);
  await fs.mkdir(target, { recursive: true });
  await fs.copyFile(path.join(root, 'prisma', 'schema.prisma'), path.join(target, 'schema.prisma'));
  await fs.cp(path.join(root, 'prisma', 'migrations'), path.join(target, 'migrations'), { recursive: true });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
  const outDir = path.resolve(values['out-dir']!);
  const started = Date.now();
  // Never a stale file from an earlier build.
  await fs.rm(outDir, { recursive: true, force: true });
  await fs.mkdir(outDir, { recursive: true });
  await Promise.all([bundleServer(outDir), bundleWorkflows(outDir), bundleConsole(outDir), copyPrisma(outDir)]);
  console.log(`built ${path.relative(process.cwd(), outDir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
