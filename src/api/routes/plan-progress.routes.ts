import { getObjectiveProgress } from '../../plan-progress/objective-progress';
import { getPlanReport } from '../../plan-progress/plan-report';
import { ObjectiveIdParams, ObjectiveProgress, ObjectiveProgressQuery, PlanIdParams, PlanReport } from '../../plan-progress/progress.schemas';
import { planReportCsv } from '../../reports/plan-report-csv';
import { defineRoute } from '../route';

const everyRole = ['manager', 'marketer', 'admin'] as const;

export const planProgressRoutes = [
  defineRoute({
    method: 'get', path: '/objectives/:id/progress', tag: 'Plan progress', roles: everyRole,
    summary: "An objective's progress: applied activities linked to it against its target, in total and per account it applies to (a manager: their accounts)",
    params: ObjectiveIdParams, query: ObjectiveProgressQuery,
    response: { status: 200, description: 'The progress', schema: ObjectiveProgress },
    errors: [404, 503],
    handler: ({ params, query, caller, deps }) => getObjectiveProgress(deps.db, caller, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/reports/plans/:id', tag: 'Plan progress', roles: everyRole,
    summary: "A plan's progress: revenue of linked opportunities (WON: won, open stages: pipeline) against its target, accounts applied, objectives and child plans. JSON, or CSV with ?format=csv",
    params: PlanIdParams,
    response: { status: 200, description: 'The report', schema: PlanReport },
    errors: [404, 503],
    csv: planReportCsv,
    handler: ({ params, deps }) => getPlanReport(deps.db, params.id),
  }),
];
