import path from 'node:path';

/**
 * What `npm run build` (scripts/build.ts) writes next to the bundled entry files, and where the
 * running code finds it. Both sides read these names, so the layout is written down once.
 */
export const buildOutputFiles = {
  apiEntry: 'api.main.js',
  workerEntry: 'worker.main.js',
  /** `bundleWorkflowCode`'s output, loaded with `workflowBundle: { codePath }`. */
  workflowBundle: 'workflow-bundle.js',
  consoleScript: path.join('console', 'app.js'),
  consoleStyles: path.join('console', 'app.css'),
  /** schema.prisma and migrations/: migrations are applied at API start-up, from here. */
  prismaDir: 'prisma',
} as const;

// scripts/build.ts has esbuild replace this identifier with `true`. Run from source (tsx, jest) it
// is never declared, which `typeof` tolerates.
declare const CRM_PREBUILT: true | undefined;

/**
 * The folder of the bundled entry file when running from `dist/`, else undefined (from source, the
 * workflows, the console and the migrations are read where they are written).
 */
export const prebuiltDir: string | undefined = typeof CRM_PREBUILT === 'undefined' ? undefined : __dirname;

/** A file of the build output, or undefined when running from source. */
export function prebuiltFile(name: keyof typeof buildOutputFiles): string | undefined {
  return prebuiltDir === undefined ? undefined : path.join(prebuiltDir, buildOutputFiles[name]);
}
