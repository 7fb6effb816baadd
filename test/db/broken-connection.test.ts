import pg from 'pg';
import { sqlPool } from '../../src/db/prisma';
import { isDatabaseUnavailable } from '../../src/db/prisma-errors';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testService } from '../support/test-services';

let database: TestDatabase;
let admin: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Client({ connectionString: testService('databaseAdminUrl') });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

/** Ends a connection as a PostgreSQL shutdown does (57P01), and waits until it is gone. */
async function terminate(pid: number): Promise<void> {
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  await eventually(async () => expect((await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount).toBe(0));
  // Lets the client read the termination while it runs no statement: where it raises its 'error' event.
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

// Found by the PostgreSQL outage suite: a shutdown ending a connection that was checked out of the
// pool but ran no statement raised an 'error' event nobody listened to, which ends a Node process.
test('when PostgreSQL ends a checked-out connection that runs no statement then the process goes on, its next statement fails as a database outage and the pool drops it', async () => {
  const client = await sqlPool(database.db).connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await terminate(rows[0].pid);
  const failure = await client.query('SELECT 1').then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(isDatabaseUnavailable(failure)).toBe(true);
  client.release();
  expect(await database.db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
});

test('when PostgreSQL ends the connection a transaction holds between two statements then the transaction fails as a database outage', async () => {
  const transaction = database.db.$transaction(async (tx) => {
    const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    await terminate(pid);
    await tx.$queryRaw`SELECT 1`;
  });
  expect(isDatabaseUnavailable(await transaction.then(() => undefined, (error: unknown) => error))).toBe(true);
  expect(await database.db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
});
