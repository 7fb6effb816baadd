import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { TimerView } from './lifecycle.schemas';

export const AccountTimersQuery = z.strictObject({
  state: z.enum(['pending', 'fired', 'cancelled']).optional().meta({ description: 'Only the timers in this state; all of them by default' }),
  limit: z.coerce.number<string>().int().min(1).max(200).default(100),
  cursor: PageCursorParam.optional(),
});
export type AccountTimersQuery = z.output<typeof AccountTimersQuery>;

export const AccountTimerView = TimerView.extend({
  taskId: z.uuid().nullable().meta({ description: 'The task an escalation (task-overdue) timer watches' }),
  activityId: z.uuid().nullable().meta({ description: 'The activity whose rule started the timer' }),
  createdAt: z.iso.datetime().meta({ description: 'When it was started' }),
  settledAt: z.iso.datetime().nullable().meta({ description: 'When it fired or was cancelled; null while pending' }),
}).meta({ id: 'AccountTimer', description: 'A timer of the account in any state, with its history (rescheduled, cancelled, fired: when, by whom, why)' });
export type AccountTimerView = z.output<typeof AccountTimerView>;

export const AccountTimerPage = z
  .object({
    items: z.array(AccountTimerView).meta({ description: 'Latest started first' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }),
  })
  .meta({ id: 'AccountTimerPage' });
export type AccountTimerPage = z.output<typeof AccountTimerPage>;
