/**
 * Every change of a stock line queues on its row lock: in a rush (a launch, twenty marketers reserving
 * the same brochure) a transaction may wait for the ones ahead of it past Prisma's defaults (2 s to
 * start, 5 s to run).
 */
export const STOCK_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const;
