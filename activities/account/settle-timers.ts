import type { Prisma } from '../../src/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/** Ends one timer, fired or cancelled, appending the event and its reason to the timer's history. */
export async function settleTimer(tx: Tx, timer: { id: string; history: unknown }, state: 'FIRED' | 'CANCELLED', entry: object, now: Date): Promise<void> {
  const history = [...(timer.history as object[]), { at: now.toISOString(), ...entry }];
  await tx.timer.update({ where: { id: timer.id }, data: { state, settledAt: now, history } });
}

/** Cancels every pending timer that `where` selects, for one reason; answers their ids. */
export async function cancelPendingTimers(tx: Tx, where: Prisma.TimerWhereInput, entry: object, now: Date): Promise<string[]> {
  const pending = await tx.timer.findMany({ where: { ...where, state: 'PENDING' }, select: { id: true, history: true } });
  for (const timer of pending) await settleTimer(tx, timer, 'CANCELLED', { event: 'cancelled', ...entry }, now);
  return pending.map((timer) => timer.id);
}
