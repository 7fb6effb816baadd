import { Context } from '@temporalio/activity';
import { AppError } from '../../src/errors/app-error';
import type { DbClient } from '../../src/db/prisma';
import { Prisma } from '../../src/generated/prisma/client';
import { criteriaToSql } from '../../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../../src/segments/segment-criteria.schemas';
import type { ApplicationOutcome, ApplicationTarget, ApplyChunkInput, ApplyChunkResult } from '../../workflows/apply-to-accounts.messages';

interface ApplicationRow {
  planId: string | null;
  objectiveId: string | null;
  target: unknown;
  state: ApplyChunkResult['state'];
  matched: number;
  added: number;
  error: string | null;
}

const select = { planId: true, objectiveId: true, target: true, state: true, matched: true, added: true, error: true } as const;

const finished = (row: ApplicationRow, lastAccountId: string | null = null): ApplyChunkResult => ({
  matched: row.matched,
  added: row.added,
  state: row.state,
  done: row.state !== 'RUNNING',
  lastAccountId,
  error: row.error,
});

/** The WHERE clause over `accounts a` selecting the target's accounts (never archived ones). */
async function targetAccounts(db: DbClient, target: ApplicationTarget): Promise<Prisma.Sql> {
  if ('accountIds' in target) return Prisma.sql`a.id = ANY(CAST(${target.accountIds} AS uuid[])) AND a.archived_at IS NULL`;
  if ('segmentId' in target) {
    const segment = await db.segment.findUnique({ where: { id: target.segmentId }, select: { criteria: true } });
    if (!segment) throw new AppError('NOT_FOUND', `No segment ${target.segmentId}`);
    // A segment's accounts: those with at least one contact matching its criteria.
    const where = criteriaToSql(SegmentCriteria.parse(segment.criteria));
    return Prisma.sql`a.archived_at IS NULL AND EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = a.id AND ${where})`;
  }
  return Prisma.sql`a.archived_at IS NULL`;
}

/**
 * One chunk of accounts (ordered by id, after the previous chunk's last) into plan_accounts or
 * objective_accounts, and the progress on the PlanApplication row, in one SQL statement.
 * Idempotent: a row already there is left alone (ON CONFLICT DO NOTHING), and a retried chunk counts
 * as added the rows its first attempt inserted under this application, so the totals come out the same.
 */
export async function applyAccountsChunk(db: DbClient, input: ApplyChunkInput): Promise<ApplyChunkResult> {
  const row = await db.planApplication.findUnique({ where: { id: input.applicationId }, select });
  if (!row) throw new AppError('NOT_FOUND', `No plan application ${input.applicationId}`);
  if (row.state !== 'RUNNING') return finished(row);
  const [table, key, ownerId] = row.objectiveId
    ? [Prisma.raw('objective_accounts'), Prisma.raw('objective_id'), row.objectiveId]
    : [Prisma.raw('plan_accounts'), Prisma.raw('plan_id'), row.planId];
  if (!ownerId) throw new AppError('NOT_FOUND', `Plan application ${input.applicationId} has neither plan nor objective`);
  const where = await targetAccounts(db, row.target as ApplicationTarget);
  const after = input.afterAccountId ? Prisma.sql`AND a.id > CAST(${input.afterAccountId} AS uuid)` : Prisma.empty;
  const owner = Prisma.sql`CAST(${ownerId} AS uuid)`;
  const application = Prisma.sql`CAST(${input.applicationId} AS uuid)`;
  const updated = await db.$queryRaw<{ matched: number; added: number; state: ApplyChunkResult['state']; lastAccountId: string | null }[]>`
    WITH chunk AS (
      SELECT a.id FROM accounts a WHERE ${where} ${after} ORDER BY a.id LIMIT ${input.chunkSize}
    ), inserted AS (
      INSERT INTO ${table} (${key}, account_id, application_id)
      SELECT ${owner}, chunk.id, ${application} FROM chunk
      ON CONFLICT DO NOTHING
      RETURNING 1
    ), counts AS (
      SELECT (SELECT count(*) FROM chunk)::int AS matched,
        ((SELECT count(*) FROM inserted)
          + (SELECT count(*) FROM ${table} t JOIN chunk ON t.account_id = chunk.id WHERE t.${key} = ${owner} AND t.application_id = ${application}))::int AS added,
        (SELECT chunk.id FROM chunk ORDER BY chunk.id DESC LIMIT 1) AS last_id
    )
    UPDATE plan_applications p
    SET matched = ${input.matched}::int + counts.matched,
      added = ${input.added}::int + counts.added,
      state = CASE WHEN counts.matched < ${input.chunkSize}::int THEN 'COMPLETED'::"ApplicationState" ELSE p.state END,
      finished_at = CASE WHEN counts.matched < ${input.chunkSize}::int THEN now() ELSE p.finished_at END
    FROM counts
    WHERE p.id = ${application} AND p.state = 'RUNNING'
    RETURNING p.matched, p.added, p.state::text AS state, counts.last_id::text AS "lastAccountId"`;
  const result = updated[0];
  // Finished meanwhile (an earlier attempt of the last chunk): answer what the row says.
  if (!result) return finished((await db.planApplication.findUniqueOrThrow({ where: { id: input.applicationId }, select })) as ApplicationRow);
  const context = Context.current();
  if (!context.info.isLocal) context.heartbeat({ lastAccountId: result.lastAccountId, matched: result.matched });
  return { ...result, done: result.state !== 'RUNNING', error: null };
}

/** Marks a RUNNING application FAILED with the reason; answers the row as it then is. */
export async function failApplication(db: DbClient, applicationId: string, error: string): Promise<ApplicationOutcome> {
  await db.planApplication.updateMany({ where: { id: applicationId, state: 'RUNNING' }, data: { state: 'FAILED', error: error.slice(0, 2000), finishedAt: new Date() } });
  const row = await db.planApplication.findUniqueOrThrow({ where: { id: applicationId }, select });
  return { state: row.state, matched: row.matched, added: row.added, error: row.error };
}
