import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { CampaignCoreActivities, ListActivities, MailingActivities } from '../activities/campaign';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  decideApprovalUpdate,
  editStageUpdate,
  isEnded,
  pauseCampaignUpdate,
  replaceApproverUpdate,
  resumeCampaignUpdate,
  type ApprovalOutcome,
  type CampaignPlan,
  type CampaignStatus,
  type PlannedStage,
  type StageStart,
  type StageStatus,
  type StageType,
} from './campaign.messages';
import { createMailSender } from './mail-sender';
import { refusal } from './refusal';
import { createSearchAttributePublisher } from './search-attribute-publisher';
import { campaignStageTypeKey, campaignStatusKey } from './search-attributes';
import { createSerializer } from './serialize';

// A decision taken must reach PostgreSQL: retry until it lands, except refusals.
const retry: ActivityOptions['retry'] = {
  initialInterval: '1 second',
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT', 'VALIDATION_FAILED', 'RULE_VIOLATION'],
};
const core = proxyActivities<CampaignCoreActivities>({ startToCloseTimeout: '1 minute', retry });
// A list over a million contacts is one long SQL statement.
const lists = proxyActivities<ListActivities>({ startToCloseTimeout: '30 minutes', retry });
// Batches heartbeat: a worker that dies mid-batch is noticed within seconds and the batch resumes elsewhere.
const mailing = proxyActivities<MailingActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry });

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Continue as new past this many history events (tests); otherwise when Temporal suggests it. */
  continueAsNewAfterEvents?: number;
}

interface StageOutcome {
  status: StageStatus;
  reason?: string;
  result?: object;
}

/**
 * One per campaign: runs its stages in order, each on its date (a durable timer that edits
 * re-arm), and holds ids, dates and counts only. Its state lives in PostgreSQL, so a
 * continue-as-new or a lost worker picks up at the stage that was running.
 */
export async function campaignWorkflow({ campaignId, continueAsNewAfterEvents }: CampaignWorkflowInput): Promise<CampaignStatus> {
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= continueAsNewAfterEvents);
  let plan: CampaignPlan = { status: 'SCHEDULED', stages: [] };
  let paused = false;
  let ended: CampaignStatus | null = null;
  let planChanges = 0;
  let current: PlannedStage | null = null;
  let approval: { stageId: string; approverIds: string[]; decidedIds: string[]; outcome: ApprovalOutcome; reason?: string } | null = null;
  const serialized = createSerializer();
  const mail = createMailSender();
  // What an admin filters on in the Temporal UI (e.g. RUNNING at an APPROVAL stage): kept current from the answers PostgreSQL gives.
  let runningStageType: StageType | null = null;
  const publishSearchAttributes = createSearchAttributePublisher(CAMPAIGN_SEARCH_ATTRIBUTES);
  const setStatus = (status: CampaignStatus) => {
    publishSearchAttributes([
      { key: campaignStatusKey, value: status },
      { key: campaignStageTypeKey, value: runningStageType },
    ]);
  };
  const notifyApprovers = async (stageId: string, kind: 'request' | 'reminder' | 'escalation') =>
    mail.send((await core.notifyApprovers({ campaignId, stageId, kind })).emailIds);

  // Validators refuse before anything is recorded in the history.
  const refuseIfEnded = (_input?: object) => {
    if (ended) throw refusal(`The campaign is ${ended.toLowerCase()}`);
  };
  const awaitingApproval = (stageId: string) => {
    refuseIfEnded();
    if (!approval || approval.stageId !== stageId || approval.outcome !== 'waiting') throw refusal('This stage is not awaiting approval');
    return approval;
  };
  const refuseUnless = (allowed: () => boolean, message: string) => (_input: object) => {
    refuseIfEnded();
    if (!allowed()) throw refusal(message);
  };
  setHandler(
    pauseCampaignUpdate,
    ({ byUserId }) => serialized(async () => {
      const answer = await core.setPaused({ campaignId, paused: true, byUserId });
      paused = true;
      setStatus(answer.status);
      return answer;
    }),
    { validator: refuseUnless(() => !paused, 'The campaign is already paused') },
  );
  setHandler(
    resumeCampaignUpdate,
    ({ byUserId }) => serialized(async () => {
      const answer = await core.setPaused({ campaignId, paused: false, byUserId });
      paused = false;
      setStatus(answer.status);
      return answer;
    }),
    { validator: refuseUnless(() => paused, 'The campaign is not paused') },
  );
  setHandler(
    cancelCampaignUpdate,
    ({ byUserId, reason }) => serialized(async () => {
      const answer = await core.endCampaign({ campaignId, status: 'CANCELLED', reason, byUserId });
      ended = answer.status;
      runningStageType = null;
      setStatus(answer.status);
      return answer;
    }),
    { validator: refuseIfEnded },
  );
  setHandler(
    editStageUpdate,
    ({ stageId, byUserId, ...edit }) => serialized(async () => {
      await core.editStage({ campaignId, stageId, byUserId, ...edit });
      plan = await core.loadCampaignPlan({ campaignId });
      planChanges++;
    }),
    { validator: refuseIfEnded },
  );
  setHandler(
    decideApprovalUpdate,
    (input) => serialized(async () => {
      const answer = await core.recordApproval({ campaignId, ...input });
      if (approval?.stageId === input.stageId) {
        approval.decidedIds.push(input.approverId);
        approval.outcome = answer.outcome;
        if (answer.outcome === 'rejected') approval.reason = input.comment;
      }
      // Only a decision on behalf of the approvers tells them (answers recorded before it have no e-mails).
      mail.send(answer.emailIds);
      return { outcome: answer.outcome };
    }),
    {
      validator: (input) => {
        const awaiting = awaitingApproval(input.stageId);
        if (!input.onBehalf && !awaiting.approverIds.includes(input.approverId)) throw refusal('Not an approver of this stage', 'FORBIDDEN');
        if (awaiting.decidedIds.includes(input.approverId)) throw refusal('This approver has already decided');
      },
    },
  );
  setHandler(
    replaceApproverUpdate,
    (input) => serialized(async () => {
      // The activity refuses unless PostgreSQL has the stage RUNNING and undecided. It runs after the
      // step that started the stage, so by now this run waits on that stage's approval.
      const answer = await core.replaceStageApprover({ campaignId, ...input });
      if (approval?.stageId === input.stageId) {
        approval.approverIds = answer.approverIds;
        if (approval.outcome === 'waiting') approval.outcome = answer.outcome;
      }
      mail.send(answer.emailIds);
      return { changed: answer.changed, approverIds: answer.approverIds };
    }),
    {
      // Not refused while the stage is being started (PostgreSQL already says RUNNING): the activity checks.
      validator: (input) => {
        refuseIfEnded();
        const known = approval;
        if (known && known.stageId === input.stageId && known.outcome !== 'waiting') throw refusal('This stage is not awaiting approval');
      },
    },
  );
  setHandler(campaignProgressQuery, () => ({
    currentStageId: current?.id ?? null,
    paused,
    cancelled: ended === 'CANCELLED',
    awaitingApprovers: approval && approval.outcome === 'waiting' ? approval.approverIds.filter((id) => !approval!.decidedIds.includes(id)) : [],
  }));

  const waitUntil = async (at: string, woken: () => boolean, summary: string) => {
    const ms = Date.parse(at) - Date.now();
    if (ms > 0) await condition(woken, ms, { summary });
  };

  async function runApproval(stage: PlannedStage, start: StageStart): Promise<StageOutcome> {
    const state = { stageId: stage.id, ...start.approval! } as NonNullable<typeof approval>;
    approval = state;
    const decided = () => state.outcome !== 'waiting' || !!ended;
    await notifyApprovers(stage.id, 'request');
    const nudges = (
      [
        [start.approval!.remindAt, 'reminder'],
        [start.approval!.escalateAt, 'escalation'],
      ] as const
    )
      .filter((nudge): nudge is [string, 'reminder' | 'escalation'] => nudge[0] !== null)
      .sort((a, b) => a[0].localeCompare(b[0]));
    for (const [at, kind] of nudges) {
      await waitUntil(at, decided, `approval ${kind} at ${at}`);
      if (!decided()) await notifyApprovers(stage.id, kind);
    }
    await condition(decided);
    const { outcome, reason } = state;
    approval = null;
    return outcome === 'approved' ? { status: 'COMPLETED', result: { outcome } } : { status: 'REJECTED', reason: reason ?? 'rejected by an approver', result: { outcome } };
  }

  async function runMailing(stage: PlannedStage): Promise<StageOutcome> {
    const { recipients } = await mailing.prepareMailing({ campaignId, stageId: stage.id });
    for (;;) {
      await condition(() => !paused || !!ended);
      if (ended) break;
      const batch = await mailing.sendMailingBatch({ campaignId, stageId: stage.id });
      if (batch.remaining === 0 || ended) break;
      if (batch.stoppedBecause === 'ended') {
        // Ended outside this workflow's hands: read what PostgreSQL says.
        plan = await core.loadCampaignPlan({ campaignId });
        if (isEnded(plan.status)) ended = plan.status;
        setStatus(plan.status);
      } else if (!batch.stoppedBecause && batch.nextAttemptAt) {
        await waitUntil(batch.nextAttemptAt, () => !!ended || paused, `mailing resumes at ${batch.nextAttemptAt}`);
      }
      if (historyIsLong()) await continueAsNewNow();
    }
    if (ended) await mailing.cancelMailing({ stageId: stage.id });
    return { status: 'COMPLETED', result: { recipients } };
  }

  async function runStage(stage: PlannedStage, start: StageStart): Promise<StageOutcome> {
    switch (stage.type) {
      case 'LIST':
        return { status: 'COMPLETED', result: await lists.freezeTargetList({ campaignId, stageId: stage.id }) };
      case 'CALL_TASKS':
        return { status: 'COMPLETED', result: await lists.createCallTasks({ campaignId, stageId: stage.id }) };
      case 'WAIT':
        await waitUntil(start.waitUntil!, () => !!ended, `wait ends at ${start.waitUntil}`);
        return { status: 'COMPLETED', result: { until: start.waitUntil } };
      case 'APPROVAL':
        return runApproval(stage, start);
      case 'MAILING':
        return runMailing(stage);
    }
  }

  async function continueAsNewNow(): Promise<never> {
    await condition(() => allHandlersFinished() && mail.idle());
    return continueAsNew<typeof campaignWorkflow>({ campaignId, continueAsNewAfterEvents });
  }

  // Handlers are set before this first await, so an early update waits behind it instead of being refused.
  await serialized(async () => {
    plan = await core.loadCampaignPlan({ campaignId });
    paused = plan.status === 'PAUSED';
    if (isEnded(plan.status)) ended = plan.status;
    runningStageType = plan.stages.find((stage) => stage.status === 'RUNNING')?.type ?? null;
    setStatus(plan.status);
  });
  while (!ended) {
    const stage = plan.stages.find((candidate) => candidate.status === 'PENDING' || candidate.status === 'RUNNING');
    if (!stage) break;
    current = stage;
    const seen = planChanges;
    if (stage.status === 'PENDING') {
      const changed = () => planChanges !== seen || !!ended;
      if (stage.startAt) await waitUntil(stage.startAt, changed, `stage ${stage.type} ${stage.id} starts at ${stage.startAt}`);
      await condition(() => !paused || changed());
      if (changed()) continue;
    }
    // An edit that landed since the date was checked must be honoured before starting.
    const start = await serialized(async () => (planChanges === seen && !ended ? core.startStage({ campaignId, stageId: stage.id }) : null));
    if (!start) continue;
    if (start.started) {
      runningStageType = stage.type;
      // Starting a stage makes a SCHEDULED campaign RUNNING (a paused one starts none).
      setStatus('RUNNING');
      const outcome = await runStage(stage, start);
      if (ended) break;
      await core.completeStage({ campaignId, stageId: stage.id, ...outcome });
      runningStageType = null;
      if (outcome.status === 'REJECTED') {
        ended = (await core.endCampaign({ campaignId, status: 'REJECTED', reason: outcome.reason })).status;
        break;
      }
    }
    plan = await core.loadCampaignPlan({ campaignId });
    setStatus(ended ?? plan.status);
    if (historyIsLong() && !ended) await continueAsNewNow();
  }
  if (!ended) ended = (await core.endCampaign({ campaignId, status: 'COMPLETED' })).status;
  runningStageType = null;
  setStatus(ended);
  await condition(() => allHandlersFinished() && mail.idle());
  return ended;
}

/** Version 3 of the campaign workflow: it keeps its status and running stage type as search attributes. */
export const CAMPAIGN_SEARCH_ATTRIBUTES = 'campaign-search-attributes';
