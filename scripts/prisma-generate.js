// Runs `prisma generate` on machines without internet. The CLI insists on locating the
// native schema engine even though generate never uses it; pointing it at any existing
// file (here the Node binary) satisfies that check.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  // A production install (`npm ci --omit=dev`) has no Prisma CLI and needs no client source:
  // `npm run build` bundled the generated client into dist/.
  console.log('prisma-generate: no Prisma CLI (production install): the client comes bundled in dist/');
  process.exit(0);
}
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
execFileSync(process.execPath, [cli, 'generate', '--schema', path.join(__dirname, '..', 'prisma', 'schema.prisma')], {
  stdio: 'inherit',
  env,
});
