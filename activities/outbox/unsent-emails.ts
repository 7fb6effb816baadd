import type { DbClient } from '../../src/db/prisma';

/** The outbox rows not sent yet among `emailIds` and the e-mails of `notificationIds`: what a retried step hands on to deliver. */
export async function unsentEmailsOf(db: DbClient, { emailIds, notificationIds }: { emailIds: readonly string[]; notificationIds: readonly string[] }): Promise<string[]> {
  if (!emailIds.length && !notificationIds.length) return [];
  const rows = await db.outboundEmail.findMany({
    where: { OR: [{ id: { in: [...emailIds] } }, { notificationId: { in: [...notificationIds] } }], sentAt: null, skippedReason: null },
    select: { id: true },
    orderBy: [{ createdAt: 'asc' }, { dedupeKey: 'asc' }],
  });
  return rows.map((row) => row.id);
}
