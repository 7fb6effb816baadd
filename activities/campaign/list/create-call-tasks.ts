import { DateTime, Duration } from 'luxon';
import type { Db } from '../../../src/db/prisma';
import { Prisma } from '../../../src/generated/prisma/client';
import { CallTasksSettings } from '../../../src/campaigns/stage-settings.schemas';
import type { CampaignTaskWhy } from '../../../src/lifecycle/lifecycle.schemas';
import type { CallTaskCounts } from '../../../workflows/campaign.messages';
import { heartbeatWhile, lockStage, startedSettingsOf, type LockedStage } from './stage-row';

const TRANSACTION_TIMEOUT_MS = 5 * 60_000;

const OWNER_CONDITION = 'Assigned to the account’s owner';
const UNASSIGNED_CONDITION = 'The account has no owner: the task is unassigned until someone takes the account';

/**
 * One OPEN call task per account of the campaign's target cell (every LIST stage so far; never the
 * test cell, never an archived account, never an account whose listed contacts are all
 * do-not-contact), assigned to the account's owner, due `dueAfter` after the stage started.
 * One INSERT … SELECT; the unique (campaign_stage_id, account_id) makes a retry create none twice,
 * and a retry after the commit answers the counts stored in the stage's result.
 */
export async function createCallTasks(db: Db, { campaignId, stageId }: { campaignId: string; stageId: string }): Promise<CallTaskCounts> {
  const work = db.$transaction(
    async (tx) => {
      const stage = await lockStage(tx, campaignId, stageId, 'CALL_TASKS');
      if (typeof stage.result.tasksCreatedAt === 'string') return { tasksCreated: Number(stage.result.tasksCreated ?? 0), unassigned: Number(stage.result.unassigned ?? 0) };
      const settings = startedSettingsOf(stage, CallTasksSettings);
      const startedAt = DateTime.fromJSDate(stage.startedAt!, { zone: 'utc' });
      const dueAt = startedAt.plus(Duration.fromISO(settings.dueAfter));
      const why = baseWhy(stage, settings.dueAfter, startedAt, dueAt);

      await tx.$executeRaw`
        INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, state, why, campaign_stage_id, created_at)
        SELECT gen_random_uuid(), a.id, a.owner_id, 'CALL', ${settings.title}, CAST(${dueAt.toISO()} AS timestamptz), CAST('OPEN' AS "TaskState"),
          CAST(${JSON.stringify(why)} AS jsonb) || jsonb_build_object('conditions', CAST(${JSON.stringify(why.conditions)} AS jsonb)
            || to_jsonb(CASE WHEN a.owner_id IS NULL THEN ${UNASSIGNED_CONDITION} ELSE ${OWNER_CONDITION} END)),
          CAST(${stageId} AS uuid), now()
        FROM accounts a
        WHERE a.archived_at IS NULL
          AND a.id IN (
            SELECT r.account_id FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
            WHERE r.campaign_id = CAST(${campaignId} AS uuid) AND r.cell = 'TARGET' AND NOT c.do_not_contact)
        ORDER BY a.id
        ON CONFLICT (campaign_stage_id, account_id) DO NOTHING`;
      const [counts] = await tx.$queryRaw<CallTaskCounts[]>`
        SELECT count(*)::int AS "tasksCreated", (count(*) FILTER (WHERE assignee_id IS NULL))::int AS unassigned
        FROM tasks WHERE campaign_stage_id = CAST(${stageId} AS uuid)`;
      const result = { ...stage.result, ...counts, tasksCreatedAt: new Date().toISOString() };
      await tx.campaignStage.update({ where: { id: stageId }, data: { result: result as Prisma.InputJsonObject } });
      return counts;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  return heartbeatWhile(work);
}

/** What every task of the stage says about itself; the assignee condition is added per account. */
function baseWhy(stage: LockedStage, dueAfter: string, startedAt: DateTime, dueAt: DateTime): CampaignTaskWhy {
  const stageLabel = `stage ${stage.position + 1}${stage.name ? ` “${stage.name}”` : ''} (CALL_TASKS)`;
  return {
    source: 'campaign',
    campaignId: stage.campaignId,
    campaignName: stage.campaignName,
    stageId: stage.id,
    stagePosition: stage.position,
    stageName: stage.name,
    trigger: `Call tasks of campaign “${stage.campaignName}”, ${stageLabel}, started ${startedAt.toISO()}`,
    conditions: ['The account is in the campaign’s target list (target cell, not the test cell)'],
    dueExplanation: `${dueAfter} after the stage started (${startedAt.toISO()}): ${dueAt.toISO()}`,
  };
}
