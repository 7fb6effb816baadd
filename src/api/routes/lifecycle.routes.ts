import { z } from 'zod';
import { archiveAccount, cancelTimer, rescheduleTimer } from '../../lifecycle/account-commands';
import {
  AccountIdParams,
  AccountTimerParams,
  LogActivityRequest,
  LogActivityResponse,
  ReasonRequest,
  RescheduleTimerRequest,
  TakeAccountResponse,
  TimerView,
} from '../../lifecycle/lifecycle.schemas';
import { logActivity } from '../../lifecycle/log-activity';
import { takeAccount } from '../../lifecycle/take-account';
import { defineRoute } from '../route';

const ArchiveResponse = z.object({ accountId: z.uuid(), archivedAt: z.iso.datetime(), archivedReason: z.string(), timersCancelled: z.number().int() }).meta({ id: 'ArchiveResult' });

export const lifecycleRoutes = [
  defineRoute({
    method: 'post', path: '/accounts/:id/take', tag: 'Lifecycle', roles: ['manager', 'admin'],
    summary: 'Take a NEW account into work: POTENTIAL, owned by the caller (the one status change made by hand)',
    params: AccountIdParams,
    response: { status: 200, description: 'The account is in work and its workflow runs', schema: TakeAccountResponse },
    errors: [404, 409, 503],
    handler: ({ params, context }) => takeAccount(context, params.id),
  }),
  defineRoute({
    method: 'post', path: '/accounts/:id/activities', tag: 'Lifecycle', roles: ['manager', 'admin'],
    summary: "Log a call, meeting, e-mail, fax or note, optionally with one of the account's contacts; answers the new status and the tasks and timers it made or cancelled",
    params: AccountIdParams, body: LogActivityRequest,
    response: { status: 201, description: 'What the rules did with it', schema: LogActivityResponse },
    errors: [404, 409, 422, 503],
    handler: ({ params, body, context }) => logActivity(context, params.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/accounts/:id/timers/:timerId', tag: 'Lifecycle', roles: ['manager', 'admin'],
    summary: 'Reschedule a pending timer; the reason is kept in its history',
    params: AccountTimerParams, body: RescheduleTimerRequest,
    response: { status: 200, description: 'The timer', schema: TimerView },
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => rescheduleTimer(context, params.id, params.timerId, body),
  }),
  defineRoute({
    method: 'post', path: '/accounts/:id/timers/:timerId/cancel', tag: 'Lifecycle', roles: ['manager', 'admin'],
    summary: 'Cancel a pending timer; the reason is kept in its history',
    params: AccountTimerParams, body: ReasonRequest,
    response: { status: 200, description: 'The timer', schema: TimerView },
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => cancelTimer(context, params.id, params.timerId, body.reason),
  }),
  defineRoute({
    method: 'post', path: '/accounts/:id/archive', tag: 'Lifecycle', roles: ['manager', 'marketer', 'admin'],
    summary: 'Archive a junk record: it leaves lists, its timers and open tasks end, its workflow ends, its history stays',
    params: AccountIdParams, body: ReasonRequest,
    response: { status: 200, description: 'Archived', schema: ArchiveResponse },
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => archiveAccount(context, params.id, body.reason),
  }),
];
