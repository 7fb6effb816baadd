import { logActivityUpdate } from '../../workflows/account.messages';
import type { ApiDependencies } from '../api/route';
import { AppError } from '../errors/app-error';
import { updateAccountWorkflow } from './account-workflow-client';
import { discardPendingActivity } from './discard-pending-activity';

/**
 * An API process that dies after logActivity or recordResponse committed a PENDING activity and
 * before its Workflow Update reached Temporal leaves the activity PENDING with nobody to apply it.
 * Hands each one created before `before` to its account's workflow, as the request would have:
 * applying is idempotent (an activity applied meanwhile answers its stored result), so this is safe
 * while other API processes' requests for the same activities are still in flight. One the workflow
 * refuses (or on an archived account) is removed with its response, as the request does on a refusal.
 * Any other failure (Temporal unreachable) is thrown, for the caller to retry.
 */
export async function resumePendingActivities({ db, temporal }: Pick<ApiDependencies, 'db' | 'temporal'>, before: Date): Promise<{ applied: number; removed: number }> {
  const pending = await db.$queryRaw<{ id: string; accountId: string; archived: boolean }[]>`
    SELECT a.id::text, a.account_id::text AS "accountId", (ac.archived_at IS NOT NULL) AS archived
    FROM activities a JOIN accounts ac ON ac.id = a.account_id
    WHERE a.state = 'PENDING' AND a.created_at < ${before}
    ORDER BY a.created_at, a.id`;
  let applied = 0;
  let removed = 0;
  for (const { id, accountId, archived } of pending) {
    try {
      if (archived) throw new AppError('CONFLICT', `Account ${accountId} is archived`);
      await updateAccountWorkflow(temporal, accountId, logActivityUpdate, { activityId: id });
      applied++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await db.$transaction((tx) => discardPendingActivity(tx, id));
      removed++;
    }
  }
  return { applied, removed };
}
