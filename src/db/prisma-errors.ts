import { Prisma } from '../generated/prisma/client';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

// Socket errors, and PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now (shutting down, starting up).
const unreachableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
// What @prisma/adapter-pg reports when the connection could not be made or was lost.
const unreachableKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
// node-postgres's own errors for a connection lost mid-query carry no code, only these messages.
const lostConnectionMessage = /^Connection terminated( unexpectedly)?$|^Client has encountered a connection error and is not queryable$/;

/**
 * True when the database could not be reached, as opposed to refusing the query. With the driver
 * adapter, the driver's error is not the Prisma error's `cause`: it is `meta.driverAdapterError.cause`
 * (raw queries: P2010, model queries: various codes), so both are followed.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && ['P1001', 'P1002', 'P1017'].includes(error.code)) return true;
  const seen = new Set<unknown>();
  for (let cause: unknown = error; cause && typeof cause === 'object' && !seen.has(cause); ) {
    seen.add(cause);
    const { code, originalCode, kind, message, meta } = cause as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown } };
    const ownCode = originalCode ?? code;
    if (typeof ownCode === 'string' && unreachableCodes.has(ownCode)) return true;
    if (typeof kind === 'string' && unreachableKinds.has(kind)) return true;
    if (typeof message === 'string' && lostConnectionMessage.test(message)) return true;
    cause = meta?.driverAdapterError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * True when a transaction could not start in time (every pooled connection busy past its `maxWait`) or
 * outlived its `timeout` and was rolled back: nothing of it was written, and the same request can
 * succeed once the rush is over (P2028).
 */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2028';
}

/**
 * True when PostgreSQL refused a value (SQLSTATE class 22, data exception: a text that is no
 * timestamp, a number out of range), as opposed to the query or the connection failing.
 */
export function isDataException(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let cause: unknown = error; cause && typeof cause === 'object' && !seen.has(cause); ) {
    seen.add(cause);
    const { code, originalCode, meta } = cause as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown } };
    const ownCode = originalCode ?? code;
    if (typeof ownCode === 'string' && /^22[0-9A-Z]{3}$/.test(ownCode)) return true;
    cause = meta?.driverAdapterError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}
