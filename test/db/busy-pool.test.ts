import { toAppError } from '../../src/api/error-handler';
import { createPrismaClient, type Db } from '../../src/db/prisma';
import { isDatabaseBusy } from '../../src/db/prisma-errors';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let onePooled: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  onePooled = createPrismaClient(database.url, { maxConnections: 1 });
});
afterAll(async () => {
  await onePooled?.$disconnect();
  await database?.drop();
});

// Found by bench/accounts-in-work.bench.ts: a burst of takes, each holding a pooled connection across a
// call to Temporal, left later ones unable to start their transaction, and they answered 500.
test('when every pooled connection is busy past a transaction maxWait then the failure is the database being busy, answered 503 with nothing written', async () => {
  let release!: () => void;
  let holding!: () => void;
  const holdsTheConnection = new Promise<void>((resolve) => (holding = resolve));
  const held = onePooled.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1`;
    holding();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await holdsTheConnection;
  const failure = await onePooled.$transaction(async (tx) => tx.user.create({ data: { email: 'never@example.com', name: 'Never', role: 'manager' } }), { maxWait: 100 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  release();
  await held;

  expect(isDatabaseBusy(failure)).toBe(true);
  expect(toAppError(failure)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  expect(await database.db.user.count({ where: { email: 'never@example.com' } })).toBe(0);
});
