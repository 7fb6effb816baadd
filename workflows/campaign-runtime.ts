import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { CampaignCoreActivities, JourneyActivities, ListActivities, MailingActivities } from '../activities/campaign';
import {
  campaignProgressQuery,
  cancelCampaignUpdate,
  completeCampaignUpdate,
  conditionsChangedSignal,
  decideApprovalUpdate,
  editStageUpdate,
  isEnded,
  pauseCampaignUpdate,
  replaceApproverUpdate,
  resumeCampaignUpdate,
  stopEnrollmentUpdate,
  type ApprovalOutcome,
  type CampaignStatus,
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
export const core = proxyActivities<CampaignCoreActivities>({ startToCloseTimeout: '1 minute', retry });
export const journey = proxyActivities<JourneyActivities>({ startToCloseTimeout: '1 minute', retry });
// A list over a million contacts is one long SQL statement (an evergreen enrollment too).
export const lists = proxyActivities<ListActivities>({ startToCloseTimeout: '30 minutes', retry });
export const enrollments = proxyActivities<Pick<JourneyActivities, 'enrollCohort'>>({ startToCloseTimeout: '30 minutes', retry });
// Batches heartbeat: a worker that dies mid-batch is noticed within seconds and the batch resumes elsewhere.
const mailing = proxyActivities<MailingActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry });

/** Version 3 of the campaign workflow: it keeps its status and running stage type as search attributes. */
export const CAMPAIGN_SEARCH_ATTRIBUTES = 'campaign-search-attributes';

export interface StageOutcome {
  status: StageStatus;
  reason?: string;
  result?: object;
}

/** A stage to run: the stage itself, or its run for one enrollment of an evergreen campaign. */
export interface StageRun {
  stageId: string;
  enrollmentId: string | null;
  type: StageType;
}

interface ApprovalState {
  approverIds: string[];
  decidedIds: string[];
  outcome: ApprovalOutcome;
  reason?: string;
}

/** What the two ways of running a campaign share: its state, its handlers and how each stage type runs. */
export type CampaignRuntime = ReturnType<typeof createCampaignRuntime>;

/**
 * Sets the campaign's handlers (before the first await, so an early update waits instead of being
 * refused) and answers its state and stage runners. `act` wraps every activity a stage calls: the
 * journey uses it to know when none is in flight before continuing as new.
 */
export function createCampaignRuntime(campaignId: string) {
  const state = {
    paused: false,
    ended: null as CampaignStatus | null,
    status: 'SCHEDULED' as CampaignStatus,
    /** Counts stage edits: a stage about to start is started only if none landed since its plan was read. */
    planChanges: 0,
    /** Counts news that should make the journey look at its plan again (edits, pause, resume, a condition met, a stage ended). */
    wakes: 0,
    /** Set once the journey path is taken: only it handles stop and complete. */
    journey: false,
    /** The stages running now. */
    running: [] as StageRun[],
    /** The running stage type the search attribute names (null: none). */
    stageType: null as StageType | null,
    approvals: new Map<string, ApprovalState>(),
    act: <T>(call: () => Promise<T>): Promise<T> => call(),
  };
  const serialized = createSerializer();
  const mail = createMailSender();
  const publishSearchAttributes = createSearchAttributePublisher(CAMPAIGN_SEARCH_ATTRIBUTES);
  const setStatus = (status: CampaignStatus) => {
    state.status = status;
    // What an admin filters on in the Temporal UI (e.g. RUNNING at an APPROVAL stage): kept current from the answers PostgreSQL gives.
    publishSearchAttributes([
      { key: campaignStatusKey, value: status },
      { key: campaignStageTypeKey, value: state.stageType },
    ]);
  };
  const changed = () => {
    state.wakes++;
  };
  const end = (status: CampaignStatus) => {
    state.ended = status;
    state.stageType = null;
    setStatus(status);
  };

  // Validators refuse before anything is recorded in the history.
  const refuseIfEnded = (_input?: object) => {
    if (state.ended) throw refusal(`The campaign is ${state.ended.toLowerCase()}`);
  };
  const awaitingApproval = (stageId: string) => {
    refuseIfEnded();
    const approval = state.approvals.get(stageId);
    if (!approval || approval.outcome !== 'waiting') throw refusal('This stage is not awaiting approval');
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
      state.paused = true;
      setStatus(answer.status);
      changed();
      return answer;
    }),
    { validator: refuseUnless(() => !state.paused, 'The campaign is already paused') },
  );
  setHandler(
    resumeCampaignUpdate,
    ({ byUserId }) => serialized(async () => {
      const answer = await core.setPaused({ campaignId, paused: false, byUserId });
      state.paused = false;
      setStatus(answer.status);
      changed();
      return answer;
    }),
    { validator: refuseUnless(() => state.paused, 'The campaign is not paused') },
  );
  setHandler(
    cancelCampaignUpdate,
    ({ byUserId, reason }) => serialized(async () => {
      const answer = await core.endCampaign({ campaignId, status: 'CANCELLED', reason, byUserId });
      end(answer.status);
      return answer;
    }),
    { validator: refuseIfEnded },
  );
  // The in-order path re-reads its plan here (as released); the journey re-plans in its loop.
  let afterEdit = async () => {
    state.planChanges++;
    changed();
  };
  setHandler(
    editStageUpdate,
    ({ stageId, byUserId, ...edit }) => serialized(async () => {
      await core.editStage({ campaignId, stageId, byUserId, ...edit });
      await afterEdit();
    }),
    { validator: refuseIfEnded },
  );
  setHandler(
    decideApprovalUpdate,
    (input) => serialized(async () => {
      const answer = await core.recordApproval({ campaignId, ...input });
      const approval = state.approvals.get(input.stageId);
      if (approval) {
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
      const approval = state.approvals.get(input.stageId);
      if (approval) {
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
        const known = state.approvals.get(input.stageId);
        if (known && known.outcome !== 'waiting') throw refusal('This stage is not awaiting approval');
      },
    },
  );
  setHandler(conditionsChangedSignal, changed);
  const refuseUnlessJourney = (_input?: object) => {
    refuseIfEnded();
    if (!state.journey) throw refusal('This campaign runs on an earlier version of the workflow: cancel it instead');
  };
  setHandler(
    stopEnrollmentUpdate,
    (input) => serialized(async () => {
      const answer = await journey.stopEnrollment({ campaignId, ...input });
      if (isEnded(answer.status)) end(answer.status);
      changed();
      return answer;
    }),
    { validator: refuseUnlessJourney },
  );
  setHandler(
    completeCampaignUpdate,
    (input) => serialized(async () => {
      const answer = await journey.completeCampaign({ campaignId, ...input });
      if (isEnded(answer.status)) end(answer.status);
      return answer;
    }),
    {
      validator: (input) => {
        refuseUnlessJourney(input);
        const [first] = state.running;
        if (first) throw refusal(`A ${first.type} stage is running: wait for it to end, or cancel the campaign`);
      },
    },
  );
  setHandler(campaignProgressQuery, () => ({
    currentStageId: state.running[0]?.stageId ?? null,
    runningStageIds: [...new Set(state.running.map((run) => run.stageId))],
    paused: state.paused,
    cancelled: state.ended === 'CANCELLED',
    awaitingApprovers: [...state.approvals.values()].flatMap((approval) => (approval.outcome === 'waiting' ? approval.approverIds.filter((id) => !approval.decidedIds.includes(id)) : [])),
  }));

  const waitUntil = async (at: string, woken: () => boolean, summary: string) => {
    const ms = Date.parse(at) - Date.now();
    if (ms > 0) await condition(woken, ms, { summary });
  };
  const refOf = (run: StageRun) => ({ campaignId, stageId: run.stageId, ...(run.enrollmentId ? { enrollmentId: run.enrollmentId } : {}) });
  const notifyApprovers = async (stageId: string, kind: 'request' | 'reminder' | 'escalation') =>
    mail.send((await state.act(() => core.notifyApprovers({ campaignId, stageId, kind }))).emailIds);

  async function runApproval(run: StageRun, start: StageStart): Promise<StageOutcome> {
    const approval: ApprovalState = { ...start.approval! };
    state.approvals.set(run.stageId, approval);
    const decided = () => approval.outcome !== 'waiting' || !!state.ended;
    await notifyApprovers(run.stageId, 'request');
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
      if (!decided()) await notifyApprovers(run.stageId, kind);
    }
    await condition(decided);
    state.approvals.delete(run.stageId);
    const { outcome, reason } = approval;
    return outcome === 'approved' ? { status: 'COMPLETED', result: { outcome } } : { status: 'REJECTED', reason: reason ?? 'rejected by an approver', result: { outcome } };
  }

  // Stages whose batches one lane is sending. A batch resends what it finds in flight, as a crash's
  // leftovers: two lanes of one stage (two enrollments) take turns, and either sends both's rows.
  const mailingStages = new Set<string>();

  /** `betweenBatches` runs after each batch: the in-order path continues as new there when its history is long. */
  async function runMailing(run: StageRun, betweenBatches: () => Promise<void>): Promise<StageOutcome> {
    const { stageId } = run;
    const { recipients } = await state.act(() => mailing.prepareMailing(refOf(run)));
    await condition(() => !mailingStages.has(stageId) || !!state.ended);
    mailingStages.add(stageId);
    try {
      return await sendBatches(run, recipients, betweenBatches);
    } finally {
      mailingStages.delete(stageId);
    }
  }

  async function sendBatches(run: StageRun, recipients: number, betweenBatches: () => Promise<void>): Promise<StageOutcome> {
    const { stageId } = run;
    for (;;) {
      await condition(() => !state.paused || !!state.ended);
      if (state.ended) break;
      const batch = await state.act(() => mailing.sendMailingBatch({ campaignId, stageId }));
      if (batch.remaining === 0 || state.ended) break;
      if (batch.stoppedBecause === 'ended') {
        // Ended outside this workflow's hands: read what PostgreSQL says.
        const { status } = await state.act(() => core.loadCampaignPlan({ campaignId }));
        if (isEnded(status)) state.ended = status;
        setStatus(status);
      } else if (!batch.stoppedBecause && batch.nextAttemptAt) {
        await waitUntil(batch.nextAttemptAt, () => !!state.ended || state.paused, `mailing resumes at ${batch.nextAttemptAt}`);
      }
      await betweenBatches();
    }
    if (state.ended) await state.act(() => mailing.cancelMailing({ stageId }));
    return { status: 'COMPLETED', result: { recipients } };
  }

  async function runStage(run: StageRun, start: StageStart, betweenBatches: () => Promise<void>): Promise<StageOutcome> {
    switch (run.type) {
      case 'LIST':
        return { status: 'COMPLETED', result: await state.act(() => lists.freezeTargetList({ campaignId, stageId: run.stageId })) };
      case 'CALL_TASKS':
        return { status: 'COMPLETED', result: await state.act(() => lists.createCallTasks(refOf(run))) };
      case 'WAIT':
        await waitUntil(start.waitUntil!, () => !!state.ended, `wait ends at ${start.waitUntil}`);
        return { status: 'COMPLETED', result: { until: start.waitUntil } };
      case 'APPROVAL':
        return runApproval(run, start);
      case 'MAILING':
        return runMailing(run, betweenBatches);
    }
  }

  return {
    state,
    serialized,
    mail,
    setStatus,
    end,
    waitUntil,
    refOf,
    runStage,
    /** The in-order path's edit hook, as released: it re-reads its plan inside the update. */
    onEdit(hook: () => Promise<void>) {
      afterEdit = hook;
    },
  };
}
