import type { DbClient } from '../db/prisma';
import { AppError, type ErrorDetail } from '../errors/app-error';

/** What a request asks to link an activity or opportunity to (undefined: not given, null: unlink). */
export interface PlanLinkRequest {
  planId?: string | null;
  objectiveId?: string | null;
}

export interface PlanLinks {
  planId: string | null;
  objectiveId: string | null;
}

/**
 * Checks the plan and objective an activity or opportunity is linked to, and answers the links to store.
 *
 * - An unknown plan or objective: 400 naming `body.planId` / `body.objectiveId`.
 * - An objective of another plan than the one given: 400 naming `body.objectiveId`.
 * - An objective without a plan: the link gets the objective's plan, so plan figures count it.
 * - Any plan status is accepted, EXPIRED included: linking records history (a deal won for last
 *   quarter's plan is still that plan's revenue).
 *
 * `current` are the links stored before (a PATCH changes only what it names).
 */
export async function resolvePlanLinks(db: DbClient, request: PlanLinkRequest, current?: PlanLinks): Promise<PlanLinks> {
  const checked = await checkPlanLinks(db, request, current);
  if (checked.details.length > 0) throw linkError(checked.details);
  return checked.links;
}

export function linkError(details: ErrorDetail[]): AppError {
  return new AppError('VALIDATION_FAILED', details.map((detail) => detail.message).join('; '), details);
}

/** resolvePlanLinks, answering the problems instead of throwing, so a caller can add its own. */
export async function checkPlanLinks(
  db: DbClient,
  request: PlanLinkRequest,
  current: PlanLinks = { planId: null, objectiveId: null },
): Promise<{ links: PlanLinks; details: ErrorDetail[] }> {
  const planId = request.planId === undefined ? current.planId : request.planId;
  const objectiveId = request.objectiveId === undefined ? current.objectiveId : request.objectiveId;
  const [plan, objective] = await Promise.all([
    planId ? db.plan.findUnique({ where: { id: planId }, select: { id: true } }) : null,
    objectiveId ? db.objective.findUnique({ where: { id: objectiveId }, select: { id: true, planId: true } }) : null,
  ]);
  const details: ErrorDetail[] = [];
  if (planId && !plan) details.push({ path: 'body.planId', message: `No plan ${planId}` });
  if (objectiveId && !objective) details.push({ path: 'body.objectiveId', message: `No objective ${objectiveId}` });
  if (plan && objective && objective.planId !== plan.id) {
    // Whichever of the two the request changed is the one to name.
    const path = request.objectiveId === undefined ? 'body.planId' : 'body.objectiveId';
    details.push({ path, message: `Objective ${objective.id} belongs to plan ${objective.planId}, not to plan ${plan.id}` });
  }
  if (objective && !planId && request.planId === null) {
    // Unlinking the plan while keeping its objective would leave an objective without its plan.
    details.push({ path: 'body.planId', message: `Objective ${objective.id} belongs to plan ${objective.planId}: unlink the objective too (objectiveId: null)` });
  }
  if (objective && !planId) return { links: { planId: objective.planId, objectiveId: objective.id }, details };
  return { links: { planId: planId ?? null, objectiveId: objectiveId ?? null }, details };
}
