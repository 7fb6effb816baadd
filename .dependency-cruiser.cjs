// The import-cycle check of `npm run lint`: `depcruise --config .dependency-cruiser.cjs src workflows activities`.
// The import boundaries themselves are ESLint's (eslint.config.mjs); this file checks cycles only.
// Type-only imports count (tsPreCompilationDeps): a cycle through `import type` is reported too,
// under its own rule name, so the report tells a runtime cycle from one that only types make.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle made of value imports: module load order decides what is undefined at start-up.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-via-types',
      severity: 'error',
      comment: 'An import cycle closed by at least one `import type`: harmless at run time, but the modules are still tangled.',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
  ],
  options: {
    // Prisma's generated client has import cycles of its own; it is not ours to untangle.
    exclude: { path: '^src/generated/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The browser console (src/console/app) is in the graph too: its extensionless imports
    // resolve the same way; .tsx is in the list for it.
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.d.ts', '.js', '.json'] },
  },
};
