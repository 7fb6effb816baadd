import { z } from 'zod';
import { Why } from '../../lifecycle/lifecycle.schemas';
import { defineRoute } from '../route';

const NotificationView = z
  .object({ id: z.uuid(), accountId: z.uuid().nullable(), taskId: z.uuid().nullable(), message: z.string(), why: Why, createdAt: z.iso.datetime(), readAt: z.iso.datetime().nullable() })
  .meta({ id: 'Notification' });

const ListNotificationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  unread: z.enum(['true', 'false']).optional().meta({ description: 'true: only those not marked read (POST /notifications/read); false: only those read' }),
});
const MarkReadRequest = z
  .strictObject({ ids: z.array(z.uuid()).min(1).max(500).optional().meta({ description: 'The notifications to mark read; absent: every unread one of the caller' }) })
  .meta({ id: 'MarkNotificationsRead' });

export const notificationRoutes = [
  defineRoute({
    method: 'get', path: '/notifications', tag: 'Tasks', roles: 'any',
    summary: 'The caller’s notifications, newest first (for example an overdue task of someone they manage)',
    query: ListNotificationsQuery,
    response: { status: 200, description: 'Notifications', schema: z.object({ items: z.array(NotificationView), unread: z.number().int().meta({ description: 'How many of the caller’s notifications are unread' }) }).meta({ id: 'NotificationList' }) },
    handler: async ({ query, caller, deps }) => {
      const rows = await deps.db.notification.findMany({
        where: { recipientId: caller.id, ...(query.unread ? { readAt: query.unread === 'true' ? null : { not: null } } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        select: { id: true, accountId: true, taskId: true, message: true, why: true, createdAt: true, readAt: true },
      });
      return {
        items: rows.map((row) => ({ ...row, why: row.why as z.output<typeof Why>, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null })),
        unread: await deps.db.notification.count({ where: { recipientId: caller.id, readAt: null } }),
      };
    },
  }),
  defineRoute({
    method: 'post', path: '/notifications/read', tag: 'Tasks', roles: 'any',
    summary: 'Mark the caller’s notifications read (those named, or every unread one): the home page’s tile shows the unread ones',
    body: MarkReadRequest,
    response: { status: 200, description: 'How many were marked and how many stay unread', schema: z.object({ marked: z.number().int(), unread: z.number().int() }).meta({ id: 'NotificationsMarkedRead' }) },
    handler: async ({ body, caller, deps }) => {
      const { count } = await deps.db.notification.updateMany({ where: { recipientId: caller.id, readAt: null, ...(body.ids ? { id: { in: body.ids } } : {}) }, data: { readAt: new Date() } });
      return { marked: count, unread: await deps.db.notification.count({ where: { recipientId: caller.id, readAt: null } }) };
    },
  }),
];
