import type { Prisma } from '../../src/generated/prisma/client';
import { registrationCloseAt, type EventStepRow } from './event-step-row';

/**
 * Makes registrationOpenedAt / registrationClosedAt say what the event's current dates say: set
 * when the time has come, cleared when a move put that time back in the future (a registration
 * closed early re-opens when its close moves later). Answers whether anything changed.
 */
export async function settleRegistrationWindow(tx: Prisma.TransactionClient, event: EventStepRow, now: Date): Promise<boolean> {
  const shouldBeOpen = !event.registrationOpensAt || event.registrationOpensAt <= now;
  const closeAt = registrationCloseAt(event);
  const shouldBeClosed = closeAt !== null && closeAt <= now;
  const data: Prisma.EventUpdateInput = {};
  if (shouldBeOpen !== (event.registrationOpenedAt !== null)) data.registrationOpenedAt = shouldBeOpen ? now : null;
  if (shouldBeClosed !== (event.registrationClosedAt !== null)) data.registrationClosedAt = shouldBeClosed ? now : null;
  if (!Object.keys(data).length) return false;
  await tx.event.update({ where: { id: event.id }, data });
  return true;
}
