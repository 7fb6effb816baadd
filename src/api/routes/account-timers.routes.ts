import { AccountIdParams } from '../../lifecycle/lifecycle.schemas';
import { AccountTimerPage, AccountTimersQuery } from '../../lifecycle/account-timers.schemas';
import { listAccountTimers } from '../../lifecycle/list-account-timers';
import { defineRoute } from '../route';

export const accountTimerRoutes = [
  defineRoute({
    method: 'get', path: '/accounts/:id/timers', tag: 'Lifecycle', roles: ['manager', 'marketer', 'admin'],
    summary: "The account's timers in every state (pending, fired, cancelled), latest started first, each with its history and the rule that started it",
    params: AccountIdParams, query: AccountTimersQuery,
    response: { status: 200, description: 'A page of timers', schema: AccountTimerPage },
    errors: [404],
    handler: ({ params, query, caller, deps }) => listAccountTimers(deps.db, caller, params.id, query),
  }),
];
