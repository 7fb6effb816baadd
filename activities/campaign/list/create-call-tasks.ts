import { DateTime, Duration } from 'luxon';
import { cohortConditions } from '../../../src/campaigns/describe-cohort';
import { CohortFilter } from '../../../src/campaigns/journey.schemas';
import type { Db } from '../../../src/db/prisma';
import { Prisma } from '../../../src/generated/prisma/client';
import { CallTasksSettings } from '../../../src/campaigns/stage-settings.schemas';
import type { CampaignTaskWhy } from '../../../src/lifecycle/lifecycle.schemas';
import type { CallTaskCounts } from '../../../workflows/campaign.messages';
import { freezeStageCohort, type CohortCounts } from './freeze-stage-cohort';
import { heartbeatWhile } from './stage-row';
import { enrollmentCondition, lockRun, mergeRunResult, parseOrRefuse, type LockedRun, type RunInput } from './stage-run';

/** Generous: the cohort of a 1,000,000-contact list freezes in seconds. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

const OWNER_CONDITION = 'Assigned to the account’s owner';
const UNASSIGNED_CONDITION = 'The account has no owner: the task is unassigned until someone takes the account';
const TARGET_CONDITION = 'The account is in the campaign’s target list (target cell, not the test cell)';

export type CallTaskResult = CallTaskCounts & { cohort?: CohortCounts };

/**
 * One OPEN call task per account the stage works on, assigned to the account's owner, due
 * `dueAfter` after the run started. The accounts: those of the stage's cohort when it has one
 * (frozen first, in the same transaction), else of the campaign's target cell (every LIST stage so
 * far); for an enrollment, only its recipients. Never an archived account, nor one whose contacts
 * there are all do-not-contact. One INSERT … SELECT; the unique (campaign_stage_id, account_id)
 * keeps an account to one task per stage, also across the enrollments of an evergreen campaign (a
 * later enrollment's run skips an account that already has the stage's task). A retry after the
 * commit answers the counts stored in the run's result (the stage's, or the enrollment run's).
 */
export async function createCallTasks(db: Db, input: RunInput): Promise<CallTaskResult> {
  const work = db.$transaction(
    async (tx) => {
      const run = await lockRun(tx, input, 'CALL_TASKS');
      if (typeof run.result.tasksCreatedAt === 'string') return storedCounts(run.result);
      const settings = parseOrRefuse(CallTasksSettings, withoutFrozenCollateral(run.startedSettings), `stage ${run.stageId} started with invalid settings`);
      const cohort = run.cohort === null ? null : parseOrRefuse(CohortFilter, run.cohort, `stage ${run.stageId} has an invalid cohort`);
      const counts = cohort ? await freezeStageCohort(tx, { ...input, cohort }) : undefined;
      const startedAt = DateTime.fromJSDate(run.startedAt, { zone: 'utc' });
      const dueAt = startedAt.plus(Duration.fromISO(settings.dueAfter));
      const why = baseWhy(run, settings.dueAfter, startedAt, dueAt, cohort ? await cohortWords(tx, run, cohort) : [TARGET_CONDITION]);

      const created = await insertTasks(tx, run, Prisma.sql`
        INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, state, why, campaign_stage_id, created_at)
        SELECT gen_random_uuid(), a.id, a.owner_id, 'CALL', ${settings.title}, CAST(${dueAt.toISO()} AS timestamptz), CAST('OPEN' AS "TaskState"),
          CAST(${JSON.stringify(why)} AS jsonb) || jsonb_build_object('conditions', CAST(${JSON.stringify(why.conditions)} AS jsonb)
            || to_jsonb(CASE WHEN a.owner_id IS NULL THEN ${UNASSIGNED_CONDITION} ELSE ${OWNER_CONDITION} END)),
          CAST(${run.stageId} AS uuid), now()
        FROM accounts a
        WHERE a.archived_at IS NULL AND a.id IN (${cohort ? memberAccounts(run) : targetAccounts(run)})
        ORDER BY a.id
        ON CONFLICT (campaign_stage_id, account_id) DO NOTHING`);
      await mergeRunResult(tx, run, { ...created, tasksCreatedAt: new Date().toISOString() });
      return { ...created, ...(counts ? { cohort: counts } : {}) };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  return heartbeatWhile(work);
}

/**
 * Runs the insert and answers the run's counts. A stage's own run counts every task of the stage
 * (whatever an earlier attempt left); an enrollment's run counts what it created, since the stage's
 * tasks are shared with the other enrollments (its attempts are exact: the run's lock, the marker
 * committed with the tasks).
 */
async function insertTasks(tx: Prisma.TransactionClient, run: LockedRun, insert: Prisma.Sql): Promise<CallTaskCounts> {
  const counted = Prisma.sql`count(*)::int AS "tasksCreated", (count(*) FILTER (WHERE assignee_id IS NULL))::int AS unassigned`;
  if (run.enrollmentId) {
    const [counts] = await tx.$queryRaw<CallTaskCounts[]>`WITH created AS (${insert} RETURNING assignee_id) SELECT ${counted} FROM created`;
    return counts;
  }
  await tx.$executeRaw(insert);
  const [counts] = await tx.$queryRaw<CallTaskCounts[]>`SELECT ${counted} FROM tasks WHERE campaign_stage_id = CAST(${run.stageId} AS uuid)`;
  return counts;
}

/** The settings without the collateral frozen at the start (read by the task views, not here). */
function withoutFrozenCollateral(startedSettings: unknown): unknown {
  if (!startedSettings || typeof startedSettings !== 'object') return startedSettings;
  const { collateral: _frozen, ...settings } = startedSettings as Record<string, unknown>;
  return settings;
}

/** The accounts of the run's target cell with a contact there that may be called. */
const targetAccounts = (run: LockedRun) => Prisma.sql`
  SELECT r.account_id FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id
  WHERE r.campaign_id = CAST(${run.campaignId} AS uuid) AND r.cell = 'TARGET' ${enrollmentCondition('r', run.enrollmentId)} AND NOT c.do_not_contact`;

/** The accounts of the run's cohort with a member that may be called. */
const memberAccounts = (run: LockedRun) => Prisma.sql`
  SELECT m.account_id FROM campaign_stage_members m JOIN contacts c ON c.id = m.contact_id
  WHERE m.stage_id = CAST(${run.stageId} AS uuid) ${enrollmentCondition('m', run.enrollmentId)} AND NOT c.do_not_contact`;

function storedCounts(result: Record<string, unknown>): CallTaskResult {
  const counts = { tasksCreated: Number(result.tasksCreated ?? 0), unassigned: Number(result.unassigned ?? 0) };
  return result.cohort && typeof result.cohort === 'object' ? { ...counts, cohort: result.cohort as CohortCounts } : counts;
}

/** The cohort in words, stages named as in the trigger and sub-sources by name and code. */
async function cohortWords(tx: Prisma.TransactionClient, run: LockedRun, cohort: CohortFilter): Promise<string[]> {
  const stages = await tx.$queryRaw<{ position: number; name: string | null; type: string }[]>`
    SELECT position, name, type::text FROM campaign_stages WHERE campaign_id = CAST(${run.campaignId} AS uuid)`;
  const sources = await tx.$queryRaw<{ code: string; name: string }[]>`
    SELECT code, name FROM campaign_sources WHERE campaign_id = CAST(${run.campaignId} AS uuid)`;
  const stageLabel = (position: number) => {
    const stage = stages.find((candidate) => candidate.position === position);
    return stage ? stageLabelOf(stage) : `stage ${position + 1}`;
  };
  const sourceName = (code: string) => {
    const source = sources.find((candidate) => candidate.code === code);
    return source && source.name !== code ? `${code} (“${source.name}”)` : code;
  };
  return cohortConditions(cohort, stageLabel, sourceName);
}

const stageLabelOf = (stage: { position: number; name: string | null; type: string }) =>
  `stage ${stage.position + 1}${stage.name ? ` “${stage.name}”` : ''} (${stage.type})`;

/** What every task of the run says about itself; the assignee condition is added per account. */
function baseWhy(run: LockedRun, dueAfter: string, startedAt: DateTime, dueAt: DateTime, conditions: string[]): CampaignTaskWhy {
  const started = run.enrollmentId ? `started for enrollment ${run.enrollmentId}` : 'started';
  return {
    source: 'campaign',
    campaignId: run.campaignId,
    campaignName: run.campaignName,
    stageId: run.stageId,
    stagePosition: run.position,
    stageName: run.name,
    trigger: `Call tasks of campaign “${run.campaignName}”, ${stageLabelOf(run)}, ${started} ${startedAt.toISO()}`,
    conditions,
    dueExplanation: `${dueAfter} after the stage started (${startedAt.toISO()}): ${dueAt.toISO()}`,
  };
}
