import { allHandlersFinished, condition, setCurrentDetails } from '@temporalio/workflow';
import { isEnded, type CampaignRunPlan, type CampaignStatus, type PlannedRun } from './campaign.messages';
import { core, enrollments, journey, type CampaignRuntime, type StageRun } from './campaign-runtime';

const runKey = (run: { stageId: string; enrollmentId: string | null }) => `${run.stageId}/${run.enrollmentId ?? ''}`;

/**
 * The campaign as a journey: PostgreSQL says which stage runs may start (their date passed, their
 * start condition holds) and until when the others wait; this loop starts those, each in its own
 * lane (branches run side by side), sleeps until the earliest time anything can change, and
 * plans again. An evergreen campaign also enrolls a cohort on its schedule; each cohort's runs
 * come in the same plan. The workflow holds ids and times only, so it can continue as new at any
 * quiet moment: the next run resumes the RUNNING runs from PostgreSQL.
 */
export async function runJourney(runtime: CampaignRuntime, campaignId: string, historyIsLong: () => boolean, continueAsNew: () => Promise<never>): Promise<CampaignStatus> {
  const { state, serialized, setStatus } = runtime;
  state.journey = true;
  const lanes = new Map<string, StageRun>();
  let laneFailure: unknown = null;
  let inFlight = 0;
  state.act = async (call) => {
    inFlight++;
    try {
      return await call();
    } finally {
      inFlight--;
    }
  };
  const showRunning = () => {
    state.running = [...lanes.values()];
    state.stageType = state.running[0]?.type ?? null;
    if (!state.ended) setStatus(state.status);
  };

  async function runLane(run: PlannedRun, seen: number): Promise<void> {
    const ref = runtime.refOf(run);
    // An edit or a pause that landed since the plan was read must be honoured before starting.
    const start = await state.act(() =>
      serialized(async () => (state.planChanges === seen && !state.ended && (run.status === 'RUNNING' || !state.paused) ? core.startStage(ref) : null)),
    );
    if (!start?.started) return;
    // Starting a stage makes a SCHEDULED campaign RUNNING (a paused one starts none).
    if (state.status === 'SCHEDULED') state.status = 'RUNNING';
    showRunning();
    const outcome = await runtime.runStage(run, start, async () => undefined);
    if (state.ended) return;
    await state.act(() => core.completeStage({ ...ref, ...outcome }));
    if (outcome.status === 'REJECTED' && !state.ended) {
      runtime.end((await state.act(() => core.endCampaign({ campaignId, status: 'REJECTED', reason: outcome.reason }))).status);
    }
  }
  const startLane = (run: PlannedRun, seen: number) => {
    const key = runKey(run);
    lanes.set(key, { stageId: run.stageId, enrollmentId: run.enrollmentId, type: run.type });
    runLane(run, seen)
      .catch((error: unknown) => {
        laneFailure = error;
      })
      .finally(() => {
        lanes.delete(key);
        showRunning();
        state.wakes++;
      });
  };

  /**
   * At a quiet moment (no activity in flight: lanes asleep on a timer, an approval or a send window,
   * or ended), so nothing is abandoned mid-way. A lane that calls activities back to back (a long
   * mailing) defers it to its end; its history is bounded by its batches.
   */
  async function drainThenContinueAsNew(): Promise<never> {
    await condition(() => inFlight === 0 && allHandlersFinished() && runtime.mail.idle());
    return continueAsNew();
  }

  // PostgreSQL's word on the campaign's status wins: it may have ended outside this workflow's hands.
  const plan = async (): Promise<CampaignRunPlan> => {
    const answer = await state.act(() => journey.planCampaignRuns({ campaignId }));
    if (!state.ended && isEnded(answer.status)) state.ended = answer.status;
    if (answer.status !== state.status) setStatus(answer.status);
    return answer;
  };
  let current = await serialized(async () => {
    const first = await journey.planCampaignRuns({ campaignId });
    state.paused = first.status === 'PAUSED';
    if (isEnded(first.status)) state.ended = first.status;
    setStatus(first.status);
    return first;
  });

  while (!state.ended) {
    if (laneFailure) throw laneFailure;
    const seen = state.planChanges;
    const wakes = state.wakes;
    for (const run of current.runs) {
      if (lanes.has(runKey(run))) continue;
      if (run.status === 'RUNNING' || (run.startable && !state.paused)) startLane(run, seen);
    }
    const next = current.evergreen?.nextEnrollmentAt ?? null;
    if (next && !state.paused && Date.parse(next) <= Date.now()) {
      await state.act(() => enrollments.enrollCohort({ campaignId, scheduledFor: next }));
      current = await plan();
      continue;
    }
    const waiting = current.runs.filter((run) => run.status === 'PENDING' && !lanes.has(runKey(run)));
    const times = [...waiting.map((run) => run.wakeAt), state.paused ? null : next, current.recheckAt].filter((at): at is string => at !== null);
    if (lanes.size === 0 && !state.paused && !waiting.some((run) => run.startable) && times.length === 0 && isFinished(current)) {
      runtime.end((await core.endCampaign({ campaignId, status: 'COMPLETED' })).status);
      break;
    }
    const woken = () => state.wakes !== wakes || !!state.ended || laneFailure !== null;
    const earliest = times.sort()[0];
    const waitsFor = waiting.flatMap((run) => (run.waitsFor ? [`${labelOf(run)}: ${run.waitsFor}`] : []));
    setCurrentDetails(waitsFor.length ? `Waiting:\n${waitsFor.join('\n')}` : '');
    if (earliest) {
      const soonest = waiting.find((run) => run.wakeAt === earliest);
      const what = earliest === next ? `enrollment at ${next}` : soonest?.waitsFor ? `${labelOf(soonest)}: ${soonest.waitsFor}` : `re-plan at ${earliest}`;
      await runtime.waitUntil(earliest, woken, what);
    } else {
      await condition(woken);
    }
    if (state.ended) break;
    // After a wait, so that every run gets somewhere however small the threshold.
    if (historyIsLong()) await drainThenContinueAsNew();
    current = await plan();
  }
  if (laneFailure) throw laneFailure;
  setCurrentDetails('');
  await condition(() => lanes.size === 0 && allHandlersFinished() && runtime.mail.idle());
  return state.ended!;
}

const labelOf = (run: PlannedRun) => run.label ?? `${run.type} stage ${run.stageId}${run.enrollmentId ? ` of enrollment ${run.enrollmentId}` : ''}`;

/**
 * Nothing left that can ever start: every stage ran (or waits on one that can no longer end), and
 * an evergreen campaign was stopped letting its cohorts finish. A tracking-only campaign (no
 * stages) runs until it is completed or cancelled.
 */
function isFinished(plan: CampaignRunPlan): boolean {
  if (plan.evergreen) return plan.evergreen.stoppedWith !== null && plan.evergreen.nextEnrollmentAt === null;
  return plan.stageCount > 0;
}
