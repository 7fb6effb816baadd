import type { z } from 'zod';
import { AppError } from '../../../src/errors/app-error';
import { Prisma } from '../../../src/generated/prisma/client';

/** Which run of a stage an activity works on: the stage itself, or its run for one enrollment of an evergreen campaign. */
export interface RunInput {
  campaignId: string;
  stageId: string;
  enrollmentId?: string | null;
}

/**
 * A MAILING or CALL_TASKS stage's run, its row locked for the rest of the transaction: the stage's
 * own row, or the enrollment run's row (enrollments of one stage then run side by side).
 */
export interface LockedRun {
  campaignId: string;
  campaignName: string;
  stageId: string;
  position: number;
  name: string | null;
  type: string;
  startedSettings: unknown;
  /** The stage's cohort (CohortFilter, unparsed); not editable once the stage started. */
  cohort: unknown;
  enrollmentId: string | null;
  /** When this run started: the stage's start, or the enrollment run's. */
  startedAt: Date;
  /** Where the run's marker and counts live: the stage's result, or the enrollment run's. */
  result: Record<string, unknown>;
}

interface RunRow extends Omit<LockedRun, 'startedAt' | 'result'> {
  stageStatus: string;
  runStatus: string;
  startedAt: Date | null;
  result: unknown;
}

/**
 * Locks the run's row (SELECT … FOR UPDATE): two attempts of one run go one after the other, and the
 * second sees what the first committed. Refuses what no retry can fix: an unknown stage or
 * enrollment run, another type of stage, a run that has not started or has ended.
 */
export async function lockRun(tx: Prisma.TransactionClient, input: RunInput, type: 'MAILING' | 'CALL_TASKS'): Promise<LockedRun> {
  const run = await lockRunIfAny(tx, input, type);
  if (!run.running) throw new AppError('CONFLICT', `${describeRun(input)} is ${run.status.toLowerCase()}, not running: nothing to do`);
  return run;
}

const describeRun = ({ stageId, enrollmentId }: RunInput) => (enrollmentId ? `stage ${stageId} of enrollment ${enrollmentId}` : `stage ${stageId}`);

/** As lockRun, but a run that is not running is answered (running: false) rather than refused. */
export async function lockRunIfAny(tx: Prisma.TransactionClient, input: RunInput, type: 'MAILING' | 'CALL_TASKS'): Promise<LockedRun & { running: boolean; status: string }> {
  const { campaignId, stageId } = input;
  const enrollmentId = input.enrollmentId ?? null;
  const [row] = enrollmentId
    ? await tx.$queryRaw<RunRow[]>`
        SELECT s.campaign_id::text AS "campaignId", k.name AS "campaignName", s.id::text AS "stageId", s.position, s.name, s.type::text,
          s.started_settings AS "startedSettings", s.cohort, er.enrollment_id::text AS "enrollmentId", s.status::text AS "stageStatus",
          er.status::text AS "runStatus", er.started_at AS "startedAt", er.result
        FROM campaign_enrollment_runs er JOIN campaign_stages s ON s.id = er.stage_id JOIN campaigns k ON k.id = s.campaign_id
        WHERE er.enrollment_id = CAST(${enrollmentId} AS uuid) AND er.stage_id = CAST(${stageId} AS uuid) AND s.campaign_id = CAST(${campaignId} AS uuid)
        FOR UPDATE OF er`
    : await tx.$queryRaw<RunRow[]>`
        SELECT s.campaign_id::text AS "campaignId", k.name AS "campaignName", s.id::text AS "stageId", s.position, s.name, s.type::text,
          s.started_settings AS "startedSettings", s.cohort, NULL AS "enrollmentId", s.status::text AS "stageStatus",
          s.status::text AS "runStatus", s.started_at AS "startedAt", s.result
        FROM campaign_stages s JOIN campaigns k ON k.id = s.campaign_id
        WHERE s.id = CAST(${stageId} AS uuid) AND s.campaign_id = CAST(${campaignId} AS uuid)
        FOR UPDATE OF s`;
  if (!row) throw new AppError('NOT_FOUND', `${describeRun(input)} of campaign ${campaignId} not found`);
  if (row.type !== type) throw new AppError('CONFLICT', `stage ${stageId} is a ${row.type} stage, not ${type}`);
  const running = row.runStatus === 'RUNNING' && row.stageStatus === 'RUNNING' && row.startedSettings !== null && !!row.startedAt;
  const { stageStatus: _stage, runStatus: status, ...run } = row;
  const result = row.result && typeof row.result === 'object' ? (row.result as Record<string, unknown>) : {};
  return { ...run, startedAt: row.startedAt ?? new Date(0), result, running, status };
}

/** Merges `patch` into the run's result (the stage's or the enrollment run's), keeping what others wrote there. */
export async function mergeRunResult(tx: Prisma.TransactionClient, run: Pick<LockedRun, 'stageId' | 'enrollmentId'>, patch: object): Promise<void> {
  const json = JSON.stringify(patch);
  if (run.enrollmentId) {
    await tx.$executeRaw`
      UPDATE campaign_enrollment_runs SET result = result || CAST(${json} AS jsonb)
      WHERE enrollment_id = CAST(${run.enrollmentId} AS uuid) AND stage_id = CAST(${run.stageId} AS uuid)`;
  } else {
    await tx.$executeRaw`UPDATE campaign_stages SET result = result || CAST(${json} AS jsonb) WHERE id = CAST(${run.stageId} AS uuid)`;
  }
}

/** The SQL condition that keeps a recipient (alias `alias`) of the run's enrollment, or every recipient. */
export function enrollmentCondition(alias: string, enrollmentId: string | null | undefined): Prisma.Sql {
  return enrollmentId ? Prisma.sql`AND ${Prisma.raw(alias)}.enrollment_id = CAST(${enrollmentId} AS uuid)` : Prisma.empty;
}

/** A stored value (started settings, a cohort) parsed, or refused for good: no retry can fix it. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `${what} (${problems})`);
}
