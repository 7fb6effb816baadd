import { applyWorkflowId, type ApplicationTarget } from '../../workflows/apply-to-accounts.messages';
import { applyToAccountsWorkflow } from '../../workflows/apply-to-accounts.workflow';
import type { RequestContext } from '../auth/request-context';
import type { Db, DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../db/prisma-errors';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { isWorkflowAlreadyStarted } from '../temporal/temporal-errors';
import { describeApplyWorkflow } from '../temporal/workflow-descriptions';
import { Prisma } from '../generated/prisma/client';
import { objectiveNotFound } from '../objectives/objective-store';
import { planOpenToChange } from './plan-guard';
import type { ApplicationView, ApplyRequest, ApplyResult } from './plan-apply.schemas';

/** Applies a plan to accounts: its author (or an admin), the plan neither EXPIRED nor REJECTED. */
export async function applyPlan(context: RequestContext, planId: string, request: ApplyRequest): Promise<ApplyResult> {
  await planOpenToChange(context.db, context.caller, planId, 'apply it');
  return runApplication(context, { planId }, request);
}

/** Applies an objective to accounts, on the same terms as its plan. */
export async function applyObjective(context: RequestContext, objectiveId: string, request: ApplyRequest): Promise<ApplyResult> {
  const objective = await context.db.objective.findUnique({ where: { id: objectiveId }, select: { planId: true } });
  if (!objective) throw objectiveNotFound(objectiveId);
  await planOpenToChange(context.db, context.caller, objective.planId, 'apply its objectives');
  return runApplication(context, { objectiveId }, request);
}

/** The target as stored: account ids once each; unknown or archived ones are a 400 naming each. */
async function checkedTarget(db: DbClient, request: ApplyRequest): Promise<ApplicationTarget> {
  if (request.segmentId) {
    const segment = await db.segment.findUnique({ where: { id: request.segmentId }, select: { id: true } });
    if (!segment) throw new AppError('VALIDATION_FAILED', `No segment ${request.segmentId}`, [{ path: 'body.segmentId', message: 'no such segment' }]);
    return { segmentId: segment.id };
  }
  if (request.accountIds) {
    const accountIds = [...new Set(request.accountIds.map((id) => id.toLowerCase()))];
    const found = await db.$queryRaw<{ id: string }[]>`
      SELECT a.id::text AS id FROM accounts a WHERE a.id = ANY(CAST(${accountIds} AS uuid[])) AND a.archived_at IS NULL`;
    const live = new Set(found.map((row) => row.id));
    const missing = accountIds.filter((id) => !live.has(id));
    if (missing.length > 0) {
      const index = new Map(request.accountIds.map((id, i) => [id.toLowerCase(), i]));
      throw new AppError(
        'VALIDATION_FAILED',
        `${missing.length} account id(s) are unknown or archived: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}`,
        missing.map((id) => ({ path: `body.accountIds.${index.get(id)}`, message: `unknown or archived account ${id}` })),
      );
    }
    return { accountIds };
  }
  return { all: true };
}

/**
 * Writes the PlanApplication row, runs its workflow (one per bulk operation, never one per account)
 * and answers once it is done. A workflow that could not start leaves no row behind.
 */
async function runApplication({ db, temporal, caller }: RequestContext, owner: { planId: string } | { objectiveId: string }, request: ApplyRequest): Promise<ApplyResult> {
  const target = await checkedTarget(db, request);
  const application = await db.planApplication
    .create({ data: { id: request.applicationId, ...owner, target: target as Prisma.InputJsonValue, byUserId: caller.id }, select: { id: true } })
    .catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError('CONFLICT', `The application id ${request.applicationId} is used already: choose a new one for each apply`, [
        { path: 'body.applicationId', message: 'used already' },
      ]);
    });
  let handle;
  try {
    handle = await startApplyWorkflow({ db, temporal }, application.id, owner);
  } catch (error) {
    // Started already by resumeRunningApplications (another API process, at its start-up): it runs.
    if (isWorkflowAlreadyStarted(error)) handle = temporal.client.workflow.getHandle<typeof applyToAccountsWorkflow>(applyWorkflowId(application.id));
    else {
      await db.planApplication.delete({ where: { id: application.id } });
      throw error;
    }
  }
  const outcome = await handle.result();
  if (outcome.state === 'FAILED') {
    throw new AppError('INTERNAL', `Applying failed (application ${application.id}): ${outcome.error ?? 'unknown error'}`);
  }
  return { applicationId: application.id, state: outcome.state, matched: outcome.matched, added: outcome.added, alreadyApplied: outcome.matched - outcome.added };
}

async function startApplyWorkflow({ db, temporal }: { db: DbClient; temporal: TemporalDeps }, applicationId: string, owner: { planId: string } | { objectiveId: string }) {
  const named =
    'planId' in owner
      ? { kind: 'plan' as const, name: (await db.plan.findUnique({ where: { id: owner.planId }, select: { name: true } }))?.name ?? owner.planId }
      : { kind: 'objective' as const, name: (await db.objective.findUnique({ where: { id: owner.objectiveId }, select: { name: true } }))?.name ?? owner.objectiveId };
  return temporal.client.workflow.start(applyToAccountsWorkflow, {
    workflowId: applyWorkflowId(applicationId),
    taskQueue: temporal.taskQueue,
    args: [{ applicationId }],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    ...describeApplyWorkflow({ id: applicationId, owner: named }),
  });
}

/**
 * An API process that dies after writing a PlanApplication row and before its workflow started leaves
 * the row RUNNING for ever. Starts the workflow of each RUNNING row written before `before` (its
 * chunks are idempotent); one whose workflow exists (it started, it runs or ran) is left alone.
 * Answers how many were started; a failure to reach Temporal is thrown, for the caller to retry.
 */
export async function resumeRunningApplications({ db, temporal }: { db: Db; temporal: TemporalDeps }, before: Date): Promise<number> {
  const running = await db.planApplication.findMany({ where: { state: 'RUNNING', startedAt: { lt: before } }, select: { id: true, planId: true, objectiveId: true }, orderBy: { startedAt: 'asc' } });
  let started = 0;
  for (const row of running) {
    try {
      await startApplyWorkflow({ db, temporal }, row.id, row.objectiveId ? { objectiveId: row.objectiveId } : { planId: row.planId ?? '' });
      started++;
    } catch (error) {
      if (!isWorkflowAlreadyStarted(error)) throw error;
    }
  }
  return started;
}

export async function getApplication(db: DbClient, id: string): Promise<ApplicationView> {
  const row = await db.planApplication.findUnique({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', `No plan application ${id}`, [{ path: 'path.id', message: 'no such plan application' }]);
  const target = row.target as ApplicationTarget;
  return {
    id: row.id,
    workflowId: applyWorkflowId(row.id),
    planId: row.planId,
    objectiveId: row.objectiveId,
    target: 'accountIds' in target ? { kind: 'accounts', accounts: target.accountIds.length } : 'segmentId' in target ? { kind: 'segment', segmentId: target.segmentId } : { kind: 'all' },
    state: row.state,
    matched: row.matched,
    added: row.added,
    byUserId: row.byUserId,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
