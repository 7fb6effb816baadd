import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { applyActivity, discardPendingActivity } from './apply-activity';

/**
 * An API process that dies after logActivity or recordResponse committed a PENDING activity and
 * before its Workflow Update reached Temporal leaves the activity PENDING with nobody to apply it.
 * Hands each one created before `before` to its account's workflow, as the request would have:
 * applying is idempotent (an activity applied meanwhile answers its stored result), so this is safe
 * while other API processes' requests for the same activities are still in flight. One the workflow
 * refuses (or on an archived account) is removed with its response, as the request does on a refusal.
 * Any other failure (Temporal unreachable) is thrown, for the caller to retry.
 */
export async function resumePendingActivities({ db, temporal }: { db: Db; temporal: TemporalDeps }, before: Date): Promise<{ applied: number; removed: number }> {
  const pending = await db.$queryRaw<{ id: string; accountId: string; archived: boolean }[]>`
    SELECT a.id::text, a.account_id::text AS "accountId", (ac.archived_at IS NOT NULL) AS archived
    FROM activities a JOIN accounts ac ON ac.id = a.account_id
    WHERE a.state = 'PENDING' AND a.created_at < ${before}
    ORDER BY a.created_at, a.id`;
  let applied = 0;
  let removed = 0;
  for (const { id, accountId, archived } of pending) {
    if (archived) {
      await discardPendingActivity(db, id);
      removed++;
      continue;
    }
    try {
      await applyActivity({ db, temporal }, { accountId, activityId: id }, { discardOnAnyFailure: false });
      applied++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      removed++;
    }
  }
  return { applied, removed };
}
