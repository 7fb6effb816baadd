import { z } from 'zod';
import { Why } from '../../lifecycle/lifecycle.schemas';
import { defineRoute } from '../route';

const NotificationView = z
  .object({ id: z.uuid(), accountId: z.uuid().nullable(), taskId: z.uuid().nullable(), message: z.string(), why: Why, createdAt: z.iso.datetime() })
  .meta({ id: 'Notification' });

const ListNotificationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const notificationRoutes = [
  defineRoute({
    method: 'get', path: '/notifications', tag: 'Tasks', roles: 'any',
    summary: 'The caller’s notifications, newest first (for example an overdue task of someone they manage)',
    query: ListNotificationsQuery,
    response: { status: 200, description: 'Notifications', schema: z.object({ items: z.array(NotificationView) }).meta({ id: 'NotificationList' }) },
    handler: async ({ query, caller, deps }) => {
      const rows = await deps.db.notification.findMany({
        where: { recipientId: caller.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        select: { id: true, accountId: true, taskId: true, message: true, why: true, createdAt: true },
      });
      return { items: rows.map((row) => ({ ...row, why: row.why as z.output<typeof Why>, createdAt: row.createdAt.toISOString() })) };
    },
  }),
];
