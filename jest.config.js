/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'], '^.+\\.mjs$': ['@swc/jest'] },
  // openid-client 6 and what it imports are ES modules only: swc turns them into CommonJS for jest's
  // module system too (the app itself loads openid-client with import(); src/sign-in/openid-client.ts).
  // Preact 11 is ES modules only too: the console's pure modules (formats, durations, dates) import its hooks.
  transformIgnorePatterns: ['/node_modules/(?!(openid-client|oauth4webapi|jose|preact)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The Prisma client is generated for nodenext resolution: `./x.js` means `./x.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // PostgreSQL, the Temporal dev server and the SMTP catcher start once for the whole run.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // Two cores: more workers only compete with the servers the tests talk to.
  maxWorkers: 2,
  // A worker that grew past this after a suite (Prisma clients, workflow bundles) is replaced: with 160
  // suites on two workers, one ran out of memory.
  workerIdleMemoryLimit: '1536MB',
};
