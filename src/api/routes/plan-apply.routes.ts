import { PlanIdParams, ObjectiveIdParams } from '../../objectives/objectives.schemas';
import { applyObjective, applyPlan, getApplication } from '../../plan-apply/apply-to-accounts';
import { ApplicationIdParams, ApplicationView, ApplyRequest, ApplyResult } from '../../plan-apply/plan-apply.schemas';
import { defineRoute } from '../route';

// The plan's author (checked in the handler) or an admin applies; one workflow per operation.
const authors = ['marketer', 'manager', 'admin'] as const;
// 10,000 account ids are about 390 kB of JSON, past the app's default body limit.
const largeBody = {
  limit: '1mb',
  /** A CSV body lists account ids, one per line, under an optional `accountId` header. */
  toBody: (text: string) => ({ accountIds: text.split(/\r?\n/).map((line) => line.trim().replace(/^"(.*)"$/, '$1')).filter((line, i) => line !== '' && !(i === 0 && /^(account_?id|id)$/i.test(line))) }),
};
const applied = { status: 201, description: 'The application, done: accounts matched, newly added, already applied', schema: ApplyResult } as const;

export const planApplyRoutes = [
  defineRoute({
    method: 'post', path: '/plans/:id/apply', tag: 'Plans', roles: authors,
    summary: 'Apply a plan to chosen accounts ({accountIds}), a segment ({segmentId}) or all accounts ({all: true}); applying twice adds nothing',
    params: PlanIdParams,
    body: ApplyRequest,
    csvBody: largeBody,
    response: applied,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => applyPlan(context, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/objectives/:id/apply', tag: 'Objectives', roles: authors,
    summary: 'Apply an objective to chosen accounts, a segment or all accounts, as for its plan',
    params: ObjectiveIdParams,
    body: ApplyRequest,
    csvBody: largeBody,
    response: applied,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => applyObjective(context, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/plan-applications/:id', tag: 'Plans', roles: 'any',
    summary: 'Progress of one apply operation: state, accounts matched and added, start and finish times',
    params: ApplicationIdParams,
    response: { status: 200, description: 'The application', schema: ApplicationView },
    errors: [404],
    handler: ({ params, deps }) => getApplication(deps.db, params.id),
  }),
];
