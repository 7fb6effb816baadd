import type { DbClient } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';

export interface NotificationInput {
  recipientId: string;
  accountId?: string | null;
  taskId?: string | null;
  message: string;
  why: Prisma.InputJsonValue;
  /** Unique: a retried step notifies each person once. */
  dedupeKey: string;
}

export interface RecordedNotifications {
  notificationIds: string[];
  /** Their e-mails, in the mail outbox. */
  emailIds: string[];
}

/**
 * Notifies people in the app and puts each notification's e-mail in the outbox. Safe to run again
 * (inside a transaction or not): what exists already is kept, and answered in the same order.
 */
export async function recordNotifications(db: DbClient, notifications: readonly NotificationInput[]): Promise<RecordedNotifications> {
  if (!notifications.length) return { notificationIds: [], emailIds: [] };
  const keys = notifications.map((notification) => notification.dedupeKey);
  await db.notification.createMany({ data: [...notifications], skipDuplicates: true });
  const rows = await db.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { id: true, dedupeKey: true, accountId: true, why: true } });
  await db.outboundEmail.createMany({
    data: rows.map((row) => ({ dedupeKey: `notification:${row.id}`, kind: 'NOTIFICATION' as const, notificationId: row.id, accountId: row.accountId, why: row.why as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
  const emails = await db.outboundEmail.findMany({ where: { notificationId: { in: rows.map((row) => row.id) } }, select: { id: true, notificationId: true } });
  const idByKey = new Map(rows.map((row) => [row.dedupeKey, row.id]));
  const emailByNotification = new Map(emails.map((email) => [email.notificationId, email.id]));
  const notificationIds = keys.map((key) => idByKey.get(key)!);
  return { notificationIds, emailIds: notificationIds.map((id) => emailByNotification.get(id)!) };
}
