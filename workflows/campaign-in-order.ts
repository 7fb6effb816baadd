import { allHandlersFinished, condition } from '@temporalio/workflow';
import { isEnded, type CampaignPlan, type CampaignStatus } from './campaign.messages';
import { core, type CampaignRuntime } from './campaign-runtime';

/**
 * The campaign workflow as released up to version 3: one stage after another, each on its date.
 * Kept for executions that started on it (they replay it until they end or continue as new, and
 * then take the journey); docs/versioning.md says when it goes.
 */
export async function runStagesInOrder(runtime: CampaignRuntime, campaignId: string, continueAsNewIfLong: () => Promise<void>): Promise<CampaignStatus> {
  const { state, serialized, setStatus } = runtime;
  let plan: CampaignPlan = { status: 'SCHEDULED', stages: [] };
  runtime.onEdit(async () => {
    plan = await core.loadCampaignPlan({ campaignId });
    state.planChanges++;
  });

  await serialized(async () => {
    plan = await core.loadCampaignPlan({ campaignId });
    state.paused = plan.status === 'PAUSED';
    if (isEnded(plan.status)) state.ended = plan.status;
    state.stageType = plan.stages.find((stage) => stage.status === 'RUNNING')?.type ?? null;
    setStatus(plan.status);
  });
  while (!state.ended) {
    const stage = plan.stages.find((candidate) => candidate.status === 'PENDING' || candidate.status === 'RUNNING');
    if (!stage) break;
    const run = { stageId: stage.id, enrollmentId: null, type: stage.type };
    state.running = [run];
    const seen = state.planChanges;
    if (stage.status === 'PENDING') {
      const changed = () => state.planChanges !== seen || !!state.ended;
      if (stage.startAt) await runtime.waitUntil(stage.startAt, changed, `stage ${stage.type} ${stage.id} starts at ${stage.startAt}`);
      await condition(() => !state.paused || changed());
      if (changed()) continue;
    }
    // An edit that landed since the date was checked must be honoured before starting.
    const start = await serialized(async () => (state.planChanges === seen && !state.ended ? core.startStage({ campaignId, stageId: stage.id }) : null));
    if (!start) continue;
    if (start.started) {
      state.stageType = stage.type;
      // Starting a stage makes a SCHEDULED campaign RUNNING (a paused one starts none).
      setStatus('RUNNING');
      const outcome = await runtime.runStage(run, start, continueAsNewIfLong);
      if (state.ended) break;
      await core.completeStage({ campaignId, stageId: stage.id, ...outcome });
      state.stageType = null;
      if (outcome.status === 'REJECTED') {
        state.ended = (await core.endCampaign({ campaignId, status: 'REJECTED', reason: outcome.reason })).status;
        break;
      }
    }
    plan = await core.loadCampaignPlan({ campaignId });
    setStatus(state.ended ?? plan.status);
    if (!state.ended) await continueAsNewIfLong();
  }
  state.running = [];
  if (!state.ended) state.ended = (await core.endCampaign({ campaignId, status: 'COMPLETED' })).status;
  state.stageType = null;
  setStatus(state.ended);
  await condition(() => allHandlersFinished() && runtime.mail.idle());
  return state.ended;
}
