/**
 * For a transaction that may queue in a rush: behind others on a row lock (an event's seats, a stock
 * line), on IMPORT_LOCK, or for a pooled connection when a burst of requests each hold one across a
 * call to Temporal (taking accounts). Past Prisma's defaults (2 s to start, 5 s to run) it would end
 * in a 500 on a loaded machine.
 */
export const PATIENT_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const;
