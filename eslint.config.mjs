// ESLint keeps the code's boundaries, not its style: no stylistic rule set is on.
//  1. Workflow code is deterministic: workflows/ imports values only from the workflow SDK and
//     from its own folder (workflow files, *.messages.ts contracts, helpers); types from anywhere.
//  2. Nothing under src/ imports activities/, except the worker's wiring (src/temporal/worker.ts).
//  3. Nothing outside src/api/ and src/runtime/ imports src/api/ (tests may).
//  4. activities/ imports from workflows/ only the *.messages.ts contracts, never workflow code.
// Import cycles are checked by dependency-cruiser (.dependency-cruiser.cjs), also in `npm run lint`.
// The parser runs without type information (no `project`), which keeps the run fast.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const root = path.dirname(fileURLToPath(import.meta.url));

// Resolved-path zones for import-x/no-restricted-paths: the imported file is resolved, so
// `../../activities`, `../activities/plan/plan-core` and an index import are all the same folder,
// and the console's own `../api` (src/console/app/api.ts) is not mistaken for src/api/.
// They apply to value and type imports alike.
const zones = {
  srcImportsActivities: {
    target: './src',
    from: './activities',
    message:
      'src/ must not import activities/ (only the worker wiring, src/temporal/worker.ts, does). ' +
      'Move shared types to workflows/*.messages.ts or to a src/ domain folder.',
  },
  importsApi: {
    target: './',
    from: './src/api',
    message:
      'Only src/api/, src/runtime/ and tests import src/api/: domain code must not depend on the HTTP layer ' +
      '(take what you need as a parameter, e.g. TemporalDeps from src/temporal, Caller from src/auth).',
  },
  activitiesImportWorkflowCode: {
    target: './activities',
    from: './workflows/**',
    except: [path.join(root, 'workflows/**/*.messages.ts')],
    message:
      'activities/ may import from workflows/ only the *.messages.ts contracts, never workflow code ' +
      '(workflow files run in the deterministic sandbox, activities in plain Node).',
  },
};

function restrictedPaths(...names) {
  return [
    'error',
    { basePath: root, zones: Object.entries(zones).filter(([name]) => names.includes(name)).map(([, zone]) => zone) },
  ];
}
const allZones = Object.keys(zones);
const allZonesBut = (name) => allZones.filter((zone) => zone !== name);

const determinism =
  'Workflow code must be deterministic (it is replayed from history): it may import values only from ' +
  '@temporalio/workflow, @temporalio/common and ./ files in workflows/; anything else only with `import type`. ' +
  'I/O belongs in activities.';

export default [
  {
    ignores: [
      'src/generated/**', // Prisma's generated client
      'node_modules/**',
      'coverage/**',
      '.data/**',
      '.scratch/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2022 },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json', '.node'],
          // nodenext style: `./x.js` names `./x.ts`.
          extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
          conditionNames: ['types', 'import', 'require', 'node', 'default'],
        }),
      ],
    },
    rules: { 'import-x/no-restricted-paths': restrictedPaths(...allZones) },
  },
  {
    files: ['src/temporal/worker.ts'],
    rules: { 'import-x/no-restricted-paths': restrictedPaths(...allZonesBut('srcImportsActivities')) },
  },
  {
    files: ['src/api/**', 'src/runtime/**', 'test/**', 'bench/**'],
    rules: { 'import-x/no-restricted-paths': restrictedPaths(...allZonesBut('importsApi')) },
  },
  {
    files: ['scripts/**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The rule the regex test test/unit/workflow-purity.test.ts used to check.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Everything but the workflow SDK and ./ files of this folder (no `..` anywhere).
              regex: '^(?!@temporalio/(?:workflow|common)$)(?!\\./(?!.*\\.\\.))',
              caseSensitive: true,
              allowTypeImports: true,
              message: determinism,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: `No dynamic import() in workflows. ${determinism}` },
        { selector: "CallExpression[callee.name='require']", message: `No require() in workflows. ${determinism}` },
      ],
    },
  },
];
