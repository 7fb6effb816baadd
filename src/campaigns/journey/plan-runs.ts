import { Duration } from 'luxon';
import type { DbClient } from '../../db/prisma';
import { AppError } from '../../errors/app-error';
import { EvergreenSettings } from '../journey.schemas';
import { isEnded, type CampaignRunPlan, type CampaignStatus, type PlannedRun, type StageStatus, type StageType } from '../../../workflows/campaign.messages';
import { nextEnrollmentAt } from './enrollment-schedule';
import { enrollmentStoppedKey, type StopMode } from './journey-events';
import { judgeStart, type ReferencedRun, type StartFacts } from './start-conditions';
import { runLabel } from './stage-words';

export interface PlanOptions {
  /** ISO duration: how soon a run waiting for responses is looked at again (CAMPAIGN_RESPONSE_RECHECK). */
  responseRecheck: string;
}

interface StageRow {
  id: string;
  position: number;
  type: StageType;
  name: string | null;
  status: StageStatus;
  startAt: Date | null;
  startWhen: unknown;
  completedAt: Date | null;
}

/** A stage, or its run for one enrollment, with what the plan needs to judge it. */
interface Candidate {
  stage: StageRow;
  enrollmentId: string | null;
  enrollmentNumber: number | null;
  status: StageStatus;
  facts: StartFacts;
}

const unfinished = (status: StageStatus): status is 'PENDING' | 'RUNNING' => status === 'PENDING' || status === 'RUNNING';

/**
 * What the journey workflow needs to decide what to start and how long to sleep, in a handful of
 * set-based reads: the campaign and its stages; for an evergreen campaign the runs of its RUNNING
 * enrollments only (months of completed ones are never loaded), its schedule's last enrollment and
 * stop; the campaign's responses by sub-source when a run waits for them. Read-only: the campaign
 * page calls it too, to say what each stage waits for.
 */
export async function planCampaignRuns(db: DbClient, campaignId: string, now: Date, options: PlanOptions): Promise<CampaignRunPlan> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      status: true,
      evergreen: true,
      enrollmentStoppedAt: true,
      stages: { orderBy: { position: 'asc' }, select: { id: true, position: true, type: true, name: true, status: true, startAt: true, startWhen: true, completedAt: true } },
    },
  });
  if (!campaign) throw new AppError('NOT_FOUND', `campaign ${campaignId} not found`);
  const { stages } = campaign;
  const stageAt = new Map(stages.map((stage) => [stage.position, stage]));
  const counts = await responseCounter(db, campaignId, stages);
  const responses = (sourceCode?: string) => counts(sourceCode);
  const evergreen = campaign.evergreen === null ? null : evergreenSettings(campaignId, campaign.evergreen);

  const candidates: Candidate[] = evergreen
    ? await enrollmentCandidates(db, campaignId, stages, now, responses)
    : stages.filter((stage) => unfinished(stage.status)).map((stage) => ({
        stage,
        enrollmentId: null,
        enrollmentNumber: null,
        status: stage.status,
        facts: { now, responses, at: (position: number) => stageAt.get(position) },
      }));

  let waitsOnResponses = false;
  const runs = candidates.map(({ stage, enrollmentId, enrollmentNumber, status, facts }): PlannedRun => {
    const base = { stageId: stage.id, enrollmentId, type: stage.type, label: runLabel(stage, enrollmentNumber) };
    if (status === 'RUNNING') return { ...base, status, startable: false, wakeAt: null, waitsFor: null };
    // An enrollment's runs are timed from its enrollment: stage dates do not apply to them.
    const verdict = judgeStart({ position: stage.position, startAt: enrollmentId ? null : stage.startAt, startWhen: stage.startWhen }, facts);
    waitsOnResponses ||= verdict.waitsOnResponses;
    return { ...base, status: 'PENDING', startable: verdict.startable, wakeAt: verdict.wakeAt, waitsFor: verdict.waitsFor };
  });

  return {
    status: campaign.status,
    stageCount: stages.length,
    evergreen: evergreen ? await evergreenPlan(db, campaignId, campaign.status, campaign.enrollmentStoppedAt, evergreen, now) : null,
    runs,
    recheckAt: waitsOnResponses ? new Date(now.getTime() + Duration.fromISO(options.responseRecheck).toMillis()).toISOString() : null,
  };
}

function evergreenSettings(campaignId: string, stored: unknown): EvergreenSettings {
  const parsed = EvergreenSettings.safeParse(stored);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `campaign ${campaignId} has evergreen settings that are no longer valid`);
  return parsed.data;
}

/** The runs of RUNNING enrollments (ended ones too: a condition names them), in stage position then enrollment number order. */
async function enrollmentCandidates(db: DbClient, campaignId: string, stages: StageRow[], now: Date, responses: StartFacts['responses']): Promise<Candidate[]> {
  const rows = await db.$queryRaw<{ enrollmentId: string; number: number; stageId: string; status: StageStatus; completedAt: Date | null }[]>`
    SELECT r.enrollment_id::text AS "enrollmentId", e.number, r.stage_id::text AS "stageId", r.status::text AS status, r.completed_at AS "completedAt"
    FROM campaign_enrollments e JOIN campaign_enrollment_runs r ON r.enrollment_id = e.id
    WHERE e.campaign_id = CAST(${campaignId} AS uuid) AND e.status = 'RUNNING'`;
  const stageById = new Map(stages.map((stage) => [stage.id, stage]));
  const byEnrollment = new Map<string, Map<number, ReferencedRun>>();
  for (const row of rows) {
    const stage = stageById.get(row.stageId);
    if (!stage) continue;
    const runs = byEnrollment.get(row.enrollmentId) ?? new Map<number, ReferencedRun>();
    runs.set(stage.position, { position: stage.position, type: stage.type, name: stage.name, status: row.status, completedAt: row.completedAt });
    byEnrollment.set(row.enrollmentId, runs);
  }
  return rows
    .filter((row) => unfinished(row.status) && stageById.has(row.stageId))
    .map((row) => ({
      stage: stageById.get(row.stageId)!,
      enrollmentId: row.enrollmentId,
      enrollmentNumber: row.number,
      status: row.status,
      facts: { now, responses, at: (position: number) => byEnrollment.get(row.enrollmentId)!.get(position) },
    }))
    .sort((a, b) => a.stage.position - b.stage.position || a.enrollmentNumber! - b.enrollmentNumber!);
}

/**
 * The campaign's responses by sub-source, read only when a stage has a `responses` condition.
 * Codes are unique in a campaign whatever their case, so they are compared lower-cased.
 */
async function responseCounter(db: DbClient, campaignId: string, stages: StageRow[]): Promise<(sourceCode?: string) => number> {
  const asked = stages.some((stage) => (stage.startWhen as { kind?: unknown } | null)?.kind === 'responses');
  if (!asked) return () => 0;
  const rows = await db.$queryRaw<{ code: string; count: number }[]>`
    SELECT lower(s.code) AS code, count(*)::int AS count
    FROM responses r JOIN campaign_sources s ON s.id = r.source_id
    WHERE r.campaign_id = CAST(${campaignId} AS uuid)
    GROUP BY lower(s.code)`;
  const byCode = new Map(rows.map((row) => [row.code, row.count]));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (sourceCode) => (sourceCode === undefined ? total : (byCode.get(sourceCode.toLowerCase()) ?? 0));
}

async function evergreenPlan(db: DbClient, campaignId: string, status: CampaignStatus, stoppedAt: Date | null, settings: EvergreenSettings, now: Date): Promise<NonNullable<CampaignRunPlan['evergreen']>> {
  if (stoppedAt) return { nextEnrollmentAt: null, stoppedWith: await stopModeOf(db, campaignId) };
  if (isEnded(status)) return { nextEnrollmentAt: null, stoppedWith: null };
  // min and max read the (campaign_id, scheduled_for) unique index from either end; the scheduled event is among the campaign's first.
  const [bounds] = await db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
    SELECT min(scheduled_for) AS first, max(scheduled_for) AS last FROM campaign_enrollments WHERE campaign_id = CAST(${campaignId} AS uuid)`;
  const [scheduled] = await db.$queryRaw<{ at: Date }[]>`
    SELECT at FROM campaign_events WHERE campaign_id = CAST(${campaignId} AS uuid) AND kind = 'campaign-scheduled' ORDER BY at LIMIT 1`;
  const anchor = scheduled?.at ?? bounds.first ?? now;
  return { nextEnrollmentAt: nextEnrollmentAt(settings.schedule, { anchor, lastScheduledFor: bounds.last, now }).toISOString(), stoppedWith: null };
}

async function stopModeOf(db: DbClient, campaignId: string): Promise<StopMode> {
  const event = await db.campaignEvent.findUnique({ where: { dedupeKey: enrollmentStoppedKey(campaignId) }, select: { details: true } });
  return (event?.details as { enrolled?: StopMode } | undefined)?.enrolled === 'cancel' ? 'cancel' : 'finish';
}
