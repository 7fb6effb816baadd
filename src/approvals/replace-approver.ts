import type { RequestContext } from '../auth/request-context';
import { updateCampaignWorkflow } from '../campaigns/campaign-workflow-client';
import { replaceStageApprover, type StageApproverChange } from '../campaigns/stage-approvers';
import { AppError } from '../errors/app-error';
import { replacePlanApprover, type PlanApproverChange } from '../plans/plan-approvers';
import { updatePlanWorkflow } from '../plans/plan-workflow-client';
import { replaceApproverUpdate } from '../../workflows/campaign.messages';
import { replacePlanApproverUpdate } from '../../workflows/plan.messages';
import type { PlanNaming } from './approvals-naming';

/** The workflow refused: the stage or plan was decided, or ended, meanwhile; nothing waits for the user there now. */
async function unlessDecidedMeanwhile(send: () => Promise<{ changed: boolean }>): Promise<boolean> {
  try {
    return (await send()).changed;
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') return false;
    throw error;
  }
}

/**
 * A stage not started yet changes in PostgreSQL (it starts with its settings); a waiting one through
 * its workflow, whose update rewrites startedSettings, asks the new approvers and makes them count.
 * Answers whether the stage changed.
 */
export async function replaceApproverOnStage({ db, temporal }: RequestContext, change: StageApproverChange, status: 'PENDING' | 'RUNNING'): Promise<boolean> {
  if (status === 'PENDING') {
    const answer = await db.$transaction((tx) => replaceStageApprover(tx, change, 'PENDING'));
    if (answer.result !== 'not-in-status') return answer.result === 'changed';
    // It started meanwhile: its workflow takes the change.
    if (answer.status !== 'RUNNING') return false;
  }
  const { campaignId, ...replacement } = change;
  return unlessDecidedMeanwhile(() => updateCampaignWorkflow(temporal, campaignId, replaceApproverUpdate, replacement));
}

/** A draft or rejected plan changes in PostgreSQL; a submitted one through its workflow, which asks the new approvers. */
export async function replaceApproverOnPlan({ db, temporal }: RequestContext, plan: PlanNaming, change: PlanApproverChange): Promise<boolean> {
  if (plan.status !== 'SUBMITTED') {
    const answer = await db.$transaction((tx) => replacePlanApprover(tx, change, ['DRAFT', 'REJECTED']));
    if (answer.result !== 'not-in-status') return answer.result === 'changed';
    if (answer.status !== 'SUBMITTED') return false;
  }
  const { planId: _planId, ...replacement } = change;
  return unlessDecidedMeanwhile(() => updatePlanWorkflow(temporal, { ...plan, status: 'SUBMITTED' }, replacePlanApproverUpdate, replacement));
}
