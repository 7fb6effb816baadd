import { Prisma } from '../generated/prisma/client';

/** PostgreSQL gave up a transaction for a deadlock or a serialization conflict: running it again is safe. */
export function isTransactionConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') return true;
  for (let cause: unknown = error; cause && typeof cause === 'object'; ) {
    const { originalCode, kind, meta, cause: next } = cause as { originalCode?: unknown; kind?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (originalCode === '40P01' || originalCode === '40001' || kind === 'TransactionWriteConflict') return true;
    cause = meta?.driverAdapterError ?? next;
  }
  return false;
}

/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock (a stage edit racing the
 * workflow's cancellation, which locks the same rows in another order): a few tries, never a 500.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}
