import type { Prisma } from '../../src/generated/prisma/client';

/**
 * After the end: every REGISTERED registration never checked in is a no-show; the event records
 * how many and becomes COMPLETED. Runs once (the caller holds the event's row and checks it is
 * still SCHEDULED).
 */
export async function completeEvent(tx: Prisma.TransactionClient, eventId: string, now: Date): Promise<number> {
  await tx.eventRegistration.updateMany({ where: { eventId, status: 'REGISTERED', checkedInAt: null }, data: { noShow: true } });
  const noShows = await tx.eventRegistration.count({ where: { eventId, noShow: true } });
  await tx.event.update({ where: { id: eventId }, data: { status: 'COMPLETED', endedAt: now, noShows, noShowsCountedAt: now } });
  return noShows;
}
