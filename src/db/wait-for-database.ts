import { isDatabaseUnavailable } from './prisma-errors';

const RETRY_MS = 500;
const PATIENCE_MS = 20_000;

/**
 * Runs `read` again while the database is unavailable, for up to 20 s: for the reads that answer a
 * request whose write is already applied, where a 503 would make the client send it a second time.
 */
export async function waitingForDatabase<T>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + RETRY_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
