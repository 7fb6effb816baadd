import type { Db } from '../db/prisma';
import { waitingForDatabase } from '../db/wait-for-database';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { logActivityUpdate, type AccountEffects } from '../../workflows/account.messages';
import { updateAccountWorkflow } from './account-workflow-client';
import { storedEffects } from './activity-result';
import { changeRows, toRulesMatchedView } from './lifecycle-views';
import type { RuleMatchedView, TaskView, TimerView } from './lifecycle.schemas';

export interface ApplyOptions {
  /**
   * A request answers its failure, and its caller may send it again: the activity goes whatever the
   * failure. The start-up sweep keeps it when Temporal is only unreachable, to try again later.
   */
  discardOnAnyFailure: boolean;
  /** Takes back what else the request wrote with the activity, in the transaction that removes it. */
  undo?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/**
 * The one way a logged activity (a call, or a campaign response) is applied: its account's workflow
 * runs the rules on it through a Workflow Update, given only the activity's id, and answers what it
 * changed. If the workflow refuses it (or on any failure, see ApplyOptions), the activity is removed
 * while still PENDING (one the workflow applied after all stays), with its response and `undo`.
 */
export async function applyActivity({ db, temporal }: { db: Db; temporal: TemporalDeps }, { accountId, activityId }: { accountId: string; activityId: string }, options: ApplyOptions): Promise<AccountEffects> {
  try {
    return await updateAccountWorkflow(temporal, accountId, logActivityUpdate, { activityId });
  } catch (error) {
    if (options.discardOnAnyFailure || error instanceof AppError) {
      // The workflow may have applied it although the call failed (the update's answer lost with a
      // Temporal node, or past the server's deadline): then the request succeeded, and says what it did.
      const applied = await discardPendingActivity(db, activityId, options.undo);
      if (applied) return applied;
    }
    throw error;
  }
}

/**
 * Removes an activity that will not be applied, with its response and `undo`, while it is still
 * PENDING. Answers the stored effects of one its workflow applied after all, which stays.
 */
export async function discardPendingActivity(db: Db, activityId: string, undo?: ApplyOptions['undo']): Promise<AccountEffects | undefined> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.activity.deleteMany({ where: { id: activityId, state: 'PENDING' } });
    if (!count) {
      const kept = await tx.activity.findUnique({ where: { id: activityId }, select: { state: true, result: true } });
      return kept?.state === 'APPLIED' && kept.result ? storedEffects(kept.result) : undefined;
    }
    await tx.response.deleteMany({ where: { activityId } });
    await undo?.(tx);
    return undefined;
  });
}

export interface EffectViews {
  tasksCreated: TaskView[];
  timersStarted: TimerView[];
  timersCancelled: TimerView[];
  rulesMatched: RuleMatchedView[];
}

/**
 * The tasks and timers an applied activity made or ended, and the verdicts of the rules whose trigger
 * matched it, read for its answer. The activity is applied: a 503 now would make the client send it a
 * second time, so the reads wait for PostgreSQL to come back, as the workflow's write did.
 */
export function effectViews(db: Db, effects: AccountEffects, activityId: string): Promise<EffectViews> {
  return waitingForDatabase(async () => {
    const rows = await changeRows(db, { taskIds: effects.taskIds, timersStarted: effects.timersStarted.map((timer) => timer.id), timersEnded: effects.timersEnded, activityId });
    return { tasksCreated: rows.tasks, timersStarted: rows.timersStarted, timersCancelled: rows.timersEnded, rulesMatched: toRulesMatchedView(rows.result) ?? [] };
  });
}
