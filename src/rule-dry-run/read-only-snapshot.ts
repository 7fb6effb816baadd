import type { PoolClient } from 'pg';
import { sqlPool, type Db } from '../db/prisma';

/**
 * Runs `read` in one REPEATABLE READ, READ ONLY transaction on a connection of the pool: every
 * query sees the same snapshot, and PostgreSQL itself refuses any write.
 */
export async function inReadOnlySnapshot<T>(db: Db, read: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await sqlPool(db).connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await read(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    // A connection that could not even roll back is dropped rather than handed to the next caller.
    client.release(broken);
  }
}
