import { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';
import type { CampaignRunPlan, ListCounts } from '../../workflows/campaign.messages';
import type { CohortCountsView, EnrollmentRunView, EnrollmentView } from './campaign-views.schemas';

// An evergreen campaign's enrollments as the campaign page shows them: the newest ones, each with
// its stages' runs and what they did, in a fixed number of queries.

export const ENROLLMENTS_SHOWN = 50;

interface StageOfRun {
  id: string;
  position: number;
  type: EnrollmentRunView['type'];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const countOrNull = (value: unknown) => (typeof value === 'number' ? value : null);

/** The cohort counts a stage or run stored in its result (`cohort`), or null. */
export function storedCohortCounts(result: unknown): CohortCountsView | null {
  const cohort = record(record(result).cohort);
  if (typeof cohort.frozenAt !== 'string') return null;
  return { members: Number(cohort.members ?? 0), accounts: Number(cohort.accounts ?? 0), listed: countOrNull(cohort.listed), frozenAt: cohort.frozenAt };
}

const listCounts = (value: unknown): ListCounts | null => (typeof record(value).listed === 'number' ? (value as ListCounts) : null);

type DeliveryState = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED' | 'SKIPPED' | 'CANCELLED';

/**
 * The newest enrollments of a campaign with their runs. A mailing run counts the deliveries of its
 * enrollment's contacts (through campaign_recipients.enrollment_id, one grouped query for all
 * enrollments shown); call tasks, waits and cohorts read what the run stored.
 */
export async function loadEnrollments(db: DbClient, campaignId: string, stages: readonly StageOfRun[], plan: CampaignRunPlan | null): Promise<{ total: number; enrollments: EnrollmentView[] }> {
  const [total, rows] = await Promise.all([
    db.campaignEnrollment.count({ where: { campaignId } }),
    db.campaignEnrollment.findMany({
      where: { campaignId },
      orderBy: { number: 'desc' },
      take: ENROLLMENTS_SHOWN,
      select: {
        id: true,
        number: true,
        scheduledFor: true,
        enrolledAt: true,
        status: true,
        completedAt: true,
        counts: true,
        runs: { select: { stageId: true, status: true, startedAt: true, completedAt: true, endReason: true, result: true } },
      },
    }),
  ]);
  if (!rows.length) return { total, enrollments: [] };

  const mailingIds = stages.filter((stage) => stage.type === 'MAILING').map((stage) => stage.id);
  const deliveries = mailingIds.length
    ? await db.$queryRaw<{ enrollment_id: string; stage_id: string; state: DeliveryState; count: number }[]>`
        SELECT r.enrollment_id::text AS enrollment_id, d.stage_id::text AS stage_id, d.state::text AS state, count(*)::int AS count
        FROM mail_deliveries d
        JOIN campaign_recipients r ON r.campaign_id = d.campaign_id AND r.contact_id = d.contact_id
        WHERE d.campaign_id = CAST(${campaignId} AS uuid)
          AND d.stage_id IN (${Prisma.join(mailingIds.map((id) => Prisma.sql`CAST(${id} AS uuid)`))})
          AND r.enrollment_id IN (${Prisma.join(rows.map((row) => Prisma.sql`CAST(${row.id} AS uuid)`))})
        GROUP BY 1, 2, 3`
    : [];
  const deliveryCount = (enrollmentId: string, stageId: string, state: DeliveryState) =>
    deliveries.find((row) => row.enrollment_id === enrollmentId && row.stage_id === stageId && row.state === state)?.count ?? 0;
  const waitsFor = new Map((plan?.runs ?? []).filter((run) => run.enrollmentId).map((run) => [`${run.stageId}/${run.enrollmentId}`, run.waitsFor]));
  const stageById = new Map(stages.map((stage) => [stage.id, stage]));

  const enrollments = rows.map((row): EnrollmentView => {
    const runs = row.runs
      .filter((run) => stageById.has(run.stageId))
      .map((run): EnrollmentRunView => {
        const stage = stageById.get(run.stageId)!;
        const result = record(run.result);
        const cohort = storedCohortCounts(result);
        let counts: EnrollmentRunView['counts'];
        if (stage.type === 'MAILING') {
          const state = (name: DeliveryState) => deliveryCount(row.id, stage.id, name);
          const byState = { pending: state('PENDING'), sending: state('SENDING'), sent: state('SENT'), failed: state('FAILED'), skipped: state('SKIPPED'), cancelled: state('CANCELLED') };
          counts = { recipients: Object.values(byState).reduce((sum, value) => sum + value, 0), ...byState, cohort };
        } else if (stage.type === 'CALL_TASKS') counts = { tasksCreated: countOrNull(result.tasksCreated), unassigned: countOrNull(result.unassigned), cohort };
        else counts = { until: typeof result.until === 'string' ? result.until : null };
        return {
          stageId: stage.id,
          position: stage.position,
          type: stage.type,
          status: run.status,
          startedAt: iso(run.startedAt),
          completedAt: iso(run.completedAt),
          endReason: run.endReason,
          waitsFor: run.status === 'PENDING' ? (waitsFor.get(`${run.stageId}/${row.id}`) ?? null) : null,
          counts,
        };
      })
      .sort((a, b) => a.position - b.position);
    return {
      id: row.id,
      number: row.number,
      scheduledFor: row.scheduledFor.toISOString(),
      enrolledAt: row.enrolledAt.toISOString(),
      status: row.status,
      completedAt: iso(row.completedAt),
      counts: listCounts(row.counts),
      runs,
    };
  });
  return { total, enrollments };
}
