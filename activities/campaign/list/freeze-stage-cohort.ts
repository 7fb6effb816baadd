import { DateTime, Duration } from 'luxon';
import type { CohortFilter } from '../../../src/campaigns/journey.schemas';
import { AppError } from '../../../src/errors/app-error';
import { Prisma } from '../../../src/generated/prisma/client';
import { accountsCount, cohortInsert, mergesInKeyOrder, type CohortPlan } from './cohort-statement';
import { mergeRunResult } from './stage-run';

/** What a frozen cohort holds; stored under `cohort` in the stage's (or the enrollment run's) result. */
export interface CohortCounts {
  /** Contacts of the cohort (rows in campaign_stage_members). */
  members: number;
  /** Their distinct accounts: counted for a CALL_TASKS stage (a task per account), not for a MAILING (a message per contact). */
  accounts?: number;
  frozenAt: string;
}

export interface FreezeCohortInput {
  campaignId: string;
  stageId: string;
  enrollmentId?: string | null;
  cohort: CohortFilter;
}

/**
 * For this transaction only (as freeze-target-list.ts, measured there): the hash joins and the sort
 * of a million rows stay in memory, and no JIT inlining or optimization for a statement run once.
 */
const SESSION_SETTINGS = [
  ['work_mem', '256MB'],
  ['jit_inline_above_cost', '-1'],
  ['jit_optimize_above_cost', '-1'],
] as const;

/**
 * Computes a MAILING or CALL_TASKS stage's cohort with one INSERT … SELECT into
 * campaign_stage_members (set-based, see cohort-statement.ts) and stores its counts with
 * `frozenAt` under `cohort` in the run's result; answers the counts. Runs inside the caller's
 * transaction. Idempotent: the run's row is locked first (two attempts go one after the other) and a
 * retry after the commit answers the stored counts. That lock makes the insert exact without
 * ON CONFLICT: no members of this run can exist unless its counts were committed with them, and two
 * enrollments of one stage never share a contact (a contact is listed once per campaign). The size
 * of the cell it is drawn from is not counted: a scan of the list, a tenth of the freeze's time,
 * for a number the LIST stage's (or the enrollment's) counts already give.
 */
export async function freezeStageCohort(tx: Prisma.TransactionClient, input: FreezeCohortInput): Promise<CohortCounts> {
  const enrollmentId = input.enrollmentId ?? null;
  const run = await lockRunMarker(tx, input.campaignId, input.stageId, enrollmentId);
  if (isStored(run.stored)) return storedCounts(run.stored);

  const plan = await planOf(tx, { ...input, enrollmentId }, run.position);
  const settings = [...SESSION_SETTINGS, ...(mergesInKeyOrder(plan) ? [['enable_hashjoin', 'off'] as const] : [])];
  await tx.$queryRaw`SELECT ${Prisma.join(settings.map(([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`))}`;
  const members = await tx.$executeRaw(cohortInsert(plan));
  // The caller's own statements in this transaction (the call tasks' insert) plan as usual.
  await tx.$queryRaw`SELECT set_config('enable_hashjoin', 'on', true)`;
  const accounts = run.type === 'CALL_TASKS' ? (await tx.$queryRaw<{ count: number }[]>(accountsCount(plan)))[0].count : undefined;
  const counts: CohortCounts = { members, ...(accounts === undefined ? {} : { accounts }), frozenAt: new Date().toISOString() };
  await mergeRunResult(tx, { stageId: input.stageId, enrollmentId }, { cohort: counts });
  return counts;
}

async function lockRunMarker(tx: Prisma.TransactionClient, campaignId: string, stageId: string, enrollmentId: string | null) {
  const [row] = enrollmentId
    ? await tx.$queryRaw<{ position: number; type: string; stored: unknown }[]>`
        SELECT s.position, s.type::text, er.result -> 'cohort' AS stored
        FROM campaign_enrollment_runs er JOIN campaign_stages s ON s.id = er.stage_id
        WHERE er.enrollment_id = CAST(${enrollmentId} AS uuid) AND er.stage_id = CAST(${stageId} AS uuid) AND s.campaign_id = CAST(${campaignId} AS uuid)
        FOR UPDATE OF er`
    : await tx.$queryRaw<{ position: number; type: string; stored: unknown }[]>`
        SELECT position, type::text, result -> 'cohort' AS stored FROM campaign_stages
        WHERE id = CAST(${stageId} AS uuid) AND campaign_id = CAST(${campaignId} AS uuid)
        FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND', `stage ${stageId}${enrollmentId ? ` of enrollment ${enrollmentId}` : ''} of campaign ${campaignId} not found`);
  return row;
}

const isStored = (stored: unknown): stored is Record<string, unknown> =>
  !!stored && typeof stored === 'object' && typeof (stored as Record<string, unknown>).frozenAt === 'string';

function storedCounts(stored: Record<string, unknown>): CohortCounts {
  const accounts = stored.accounts === undefined ? {} : { accounts: Number(stored.accounts) };
  return { members: Number(stored.members ?? 0), ...accounts, frozenAt: String(stored.frozenAt) };
}

interface StageRef {
  position: number;
  id: string;
  type: string;
  /** When it started (for an enrollment: its run for that enrollment); null if it has not. */
  startedAt: Date | null;
}

/**
 * Resolves what the filter names (stage positions, a sub-source code, when the contacts were
 * listed) into ids and times for the statement. A reference that cannot work is refused for good
 * (VALIDATION_FAILED naming the field): validation should have caught it when the stage was saved.
 */
async function planOf(tx: Prisma.TransactionClient, input: FreezeCohortInput & { enrollmentId: string | null }, ownPosition: number): Promise<CohortPlan> {
  const { campaignId, stageId, enrollmentId, cohort } = input;
  const stages = enrollmentId
    ? await tx.$queryRaw<StageRef[]>`
        SELECT s.position, s.id::text, s.type::text, er.started_at AS "startedAt"
        FROM campaign_stages s LEFT JOIN campaign_enrollment_runs er ON er.stage_id = s.id AND er.enrollment_id = CAST(${enrollmentId} AS uuid)
        WHERE s.campaign_id = CAST(${campaignId} AS uuid)`
    : await tx.$queryRaw<StageRef[]>`
        SELECT position, id::text, type::text, started_at AS "startedAt" FROM campaign_stages WHERE campaign_id = CAST(${campaignId} AS uuid)`;
  const earlier = (position: number, path: string, type?: string): StageRef => {
    const stage = stages.find((candidate) => candidate.position === position);
    const problem = !stage || position >= ownPosition ? `must name an earlier stage of the campaign (stage ${position + 1} is not)` : type && stage.type !== type ? `must name a ${type} stage (stage ${position + 1} is ${stage.type})` : null;
    if (problem) throw new AppError('VALIDATION_FAILED', `stage ${stageId}: cohort ${path} ${problem}`, [{ path: `cohort.${path}`, message: problem }]);
    return stage!;
  };

  const plan: CohortPlan = { campaignId, stageId, enrollmentId, cell: cohort.cell ?? 'TARGET' };
  if (cohort.response) {
    const { responded, sourceCode, window } = cohort.response;
    plan.response = { responded };
    if (sourceCode) plan.response.sourceId = await sourceIdOf(tx, campaignId, stageId, sourceCode);
    if (window) {
      const from = earlier(window.fromStage, 'response.window.fromStage').startedAt;
      // A window whose stage never started holds no response.
      plan.response.window = from
        ? { from, to: window.duration ? DateTime.fromJSDate(from, { zone: 'utc' }).plus(Duration.fromISO(window.duration)).toJSDate() : null }
        : 'empty';
    }
  }
  if (cohort.accountStatus) {
    plan.accountStatus = { statuses: cohort.accountStatus, listedAt: enrollmentId ? await enrolledAt(tx, campaignId, enrollmentId) : 'listStage' };
    const listStarts = stages.filter((stage) => stage.type === 'LIST' && stage.startedAt).map((stage) => stage.startedAt!.getTime());
    plan.accountStatus.since = plan.accountStatus.listedAt instanceof Date ? plan.accountStatus.listedAt : listStarts.length ? new Date(Math.min(...listStarts)) : null;
  }
  if (cohort.mailing) plan.mailing = { stageId: earlier(cohort.mailing.stage, 'mailing.stage', 'MAILING').id, outcomes: cohort.mailing.outcomes };
  return plan;
}

async function sourceIdOf(tx: Prisma.TransactionClient, campaignId: string, stageId: string, code: string): Promise<string> {
  const [source] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM campaign_sources WHERE campaign_id = CAST(${campaignId} AS uuid) AND code = ${code}`;
  if (source) return source.id;
  const message = `is not a sub-source of the campaign (${code})`;
  throw new AppError('VALIDATION_FAILED', `stage ${stageId}: cohort response.sourceCode ${message}`, [{ path: 'cohort.response.sourceCode', message }]);
}

async function enrolledAt(tx: Prisma.TransactionClient, campaignId: string, enrollmentId: string): Promise<Date> {
  const [enrollment] = await tx.$queryRaw<{ enrolledAt: Date }[]>`
    SELECT enrolled_at AS "enrolledAt" FROM campaign_enrollments WHERE id = CAST(${enrollmentId} AS uuid) AND campaign_id = CAST(${campaignId} AS uuid)`;
  if (!enrollment) throw new AppError('NOT_FOUND', `enrollment ${enrollmentId} of campaign ${campaignId} not found`);
  return enrollment.enrolledAt;
}
