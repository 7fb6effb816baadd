import { removeAllocation, setAllocation } from '../../budgets/budget-allocations';
import { budgetHistory } from '../../budgets/budget-history';
import { createBudget, getBudget, listBudgets, updateBudget } from '../../budgets/budget-tree';
import { createEntry, deleteEntry, getCheckbook, updateEntry } from '../../budgets/checkbook';
import { checkbookCsv } from '../../budgets/checkbook-csv';
import { mergeBudgets } from '../../budgets/merge-budgets';
import {
  BudgetAllocationParams,
  BudgetEntryParams,
  BudgetEntryView,
  BudgetHistory,
  BudgetIdParams,
  BudgetTree,
  BudgetView,
  Checkbook,
  CreateBudgetRequest,
  CreateEntryRequest,
  MergeBudgetRequest,
  SetAllocationRequest,
  UpdateBudgetRequest,
  UpdateEntryRequest,
} from '../../budgets/budgets.schemas';
import { defineRoute } from '../route';

// Marketers and admins keep the budgets; every role reads them.
const keepers = ['marketer', 'admin'] as const;
const tag = 'Budgets';

export const budgetRoutes = [
  defineRoute({
    method: 'get', path: '/budgets', tag, roles: 'any',
    summary: 'Every budget tree, depth first, each node with its funds, what it allocated, committed, spent, remaining and the return of the campaigns it funds, rolled up',
    response: { status: 200, description: 'The budgets', schema: BudgetTree },
    handler: ({ deps }) => listBudgets(deps.db),
  }),
  defineRoute({
    method: 'post', path: '/budgets', tag, roles: keepers,
    summary: 'Start a budget tree (no parentId) or add a sub-budget, funded from its parent (409 naming the amount over what the parent has left)',
    body: CreateBudgetRequest,
    response: { status: 201, description: 'The budget', schema: BudgetView },
    errors: [404, 409],
    handler: ({ body, caller, deps }) => createBudget(deps.db, caller.id, body),
  }),
  defineRoute({
    method: 'get', path: '/budgets/:id', tag, roles: 'any',
    summary: 'A budget with its figures, its path from the root, its sub-budgets and the campaigns and events it funds',
    params: BudgetIdParams,
    response: { status: 200, description: 'The budget', schema: BudgetView },
    errors: [404],
    handler: ({ params, deps }) => getBudget(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/budgets/:id', tag, roles: keepers,
    summary: 'Rename, describe, give to another owner, change the period or the funds (more: from the parent; less: not below what it allocated)',
    params: BudgetIdParams,
    body: UpdateBudgetRequest,
    response: { status: 200, description: 'The budget', schema: BudgetView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateBudget(deps.db, caller.id, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/budgets/:id/history', tag, roles: 'any',
    summary: "What happened to the budget's funds, oldest first: created, changed, allocations, entries, merges",
    params: BudgetIdParams,
    response: { status: 200, description: 'The history', schema: BudgetHistory },
    errors: [404],
    handler: ({ params, deps }) => budgetHistory(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/budgets/:id/allocations', tag, roles: keepers,
    summary: 'Fund a campaign or an event from the budget, or change what it gets (one budget funds each; moving it gives its funds back to the other); 409 over what the budget has left or in another currency',
    params: BudgetIdParams,
    body: SetAllocationRequest,
    response: { status: 200, description: 'The budget', schema: BudgetView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => setAllocation(deps.db, caller.id, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/budgets/:id/allocations/:allocationId', tag, roles: keepers,
    summary: 'Stop funding a campaign or event from the budget: its funds come back',
    params: BudgetAllocationParams,
    response: { status: 200, description: 'The budget', schema: BudgetView },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => removeAllocation(deps.db, caller.id, params.id, params.allocationId),
  }),
  defineRoute({
    method: 'get', path: '/budgets/:id/checkbook', tag, roles: 'any',
    summary: 'The checkbook of the budget and its sub-budgets: entered invoices and orders, sub-source costs of funded campaigns, cost lines of funded events, newest first (JSON or CSV)',
    params: BudgetIdParams,
    response: { status: 200, description: 'The checkbook', schema: Checkbook },
    csv: checkbookCsv,
    errors: [404],
    handler: ({ params, deps }) => getCheckbook(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/budgets/:id/entries', tag, roles: keepers,
    summary: 'Enter an invoice (ACTUAL) or an order (COMMITTED) against the budget, optionally for a campaign or event it funds',
    params: BudgetIdParams,
    body: CreateEntryRequest,
    response: { status: 201, description: 'The entry', schema: BudgetEntryView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => createEntry(deps.db, caller.id, params.id, body),
  }),
  defineRoute({
    method: 'patch', path: '/budgets/:id/entries/:entryId', tag, roles: keepers,
    summary: 'Correct an entry, or mark an order ACTUAL when its invoice arrives',
    params: BudgetEntryParams,
    body: UpdateEntryRequest,
    response: { status: 200, description: 'The entry', schema: BudgetEntryView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateEntry(deps.db, caller.id, params.id, params.entryId, body),
  }),
  defineRoute({
    method: 'delete', path: '/budgets/:id/entries/:entryId', tag, roles: keepers,
    summary: 'Delete an entry (the history keeps it)',
    params: BudgetEntryParams,
    response: { status: 204, description: 'Deleted' },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => deleteEntry(deps.db, caller.id, params.id, params.entryId),
  }),
  defineRoute({
    method: 'post', path: '/budgets/:id/merge', tag, roles: keepers,
    summary: 'Merge the budget into a sibling (or a root into another root): funds, sub-budgets, allocations and entries move in one transaction; it stays, merged, with its history',
    params: BudgetIdParams,
    body: MergeBudgetRequest,
    response: { status: 200, description: 'The budget that took everything', schema: BudgetView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => mergeBudgets(deps.db, caller.id, params.id, body.intoId),
  }),
];
