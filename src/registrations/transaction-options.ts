/**
 * Registrations of one event queue on its row lock (and all of them on IMPORT_LOCK): in a rush, a
 * transaction may wait for the ones ahead of it well past Prisma's defaults (2 s to start, 5 s to run).
 */
export const REGISTRATION_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const;
