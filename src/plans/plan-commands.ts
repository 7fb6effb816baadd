import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { decidePlanUpdate, submitPlanUpdate, transitionsFrom, type PlanTarget } from '../../workflows/plan.messages';
import { assertAuthorOrAdmin } from './plan-store';
import { getPlanView, planNotFound } from './plan-view';
import { updatePlanWorkflow } from './plan-workflow-client';

const verbs: Record<PlanTarget, string> = { SUBMITTED: 'submitted', APPROVED: 'approved', REJECTED: 'rejected' };

/**
 * Who may and whether the status allows it, read from PostgreSQL first: a refused transition
 * touches neither the database nor Temporal. The workflow's validators refuse the same way
 * when two requests race.
 */
async function checkTransition({ db, caller }: RequestContext, planId: string, to: PlanTarget) {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true, name: true, status: true, periodEnd: true, authorId: true, approverIds: true } });
  if (!plan) throw planNotFound(planId);
  if (to === 'SUBMITTED') assertAuthorOrAdmin(caller, plan, 'submit');
  // Even an admin: deciding one's own plan, on anyone's behalf, would skip its approval.
  else if (caller.id === plan.authorId) throw new AppError('FORBIDDEN', 'The author of a plan cannot approve or reject it');
  else if (!plan.approverIds.includes(caller.id) && caller.role !== 'admin') throw new AppError('FORBIDDEN', 'You are not an approver of this plan');
  if (!transitionsFrom[to].includes(plan.status)) {
    throw new AppError('CONFLICT', `Plan ${planId} is ${plan.status}: only a plan that is ${transitionsFrom[to].join(' or ')} can be ${verbs[to]}`);
  }
  return { ...plan, onBehalf: to !== 'SUBMITTED' && !plan.approverIds.includes(caller.id) };
}

export async function submitPlan(context: RequestContext, planId: string) {
  const plan = await checkTransition(context, planId, 'SUBMITTED');
  await updatePlanWorkflow(context.temporal, plan, submitPlanUpdate, { byUserId: context.caller.id });
  return getPlanView(context.db, planId);
}

/** One of the approvers decides; an admin who is not one decides on their behalf (recorded as such, and they are told). */
export async function decidePlan(context: RequestContext, planId: string, decision: 'APPROVED' | 'REJECTED', comment?: string) {
  const plan = await checkTransition(context, planId, decision);
  await updatePlanWorkflow(context.temporal, plan, decidePlanUpdate, { byUserId: context.caller.id, decision, ...(comment ? { comment } : {}), ...(plan.onBehalf ? { onBehalf: true } : {}) });
  return getPlanView(context.db, planId);
}
