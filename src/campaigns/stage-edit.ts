import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { isEnded } from '../../workflows/campaign.messages';
import { retryOnConflict } from '../db/transaction-conflict';
import { recordCampaignEvent } from './campaign-events';
import { campaignEnded, jsonOrNull, sameJson, type ByUser } from './campaign-store';
import { campaignNotFound, stageSelect, toStageViews } from './campaign-view';
import type { CampaignStatus, StageStatus } from './campaigns.schemas';
import type { StageView } from './campaign-views.schemas';
import type { StageType } from './stage-settings.schemas';
import type { CampaignLimits } from './campaign-limits';
import { validateCampaignStages, type ValidatedStage } from './validate-stages';

export interface EditStageInput {
  campaignId: string;
  stageId: string;
  /** null: no date (right after the previous stage, or on its condition). */
  startAt?: string | null;
  /** StartCondition; null: right after the previous stage again. */
  startWhen?: unknown;
  /** CohortFilter; null: the list's target cell again. */
  cohort?: unknown;
  name?: string;
  /** The whole new settings of the stage's type. */
  settings?: unknown;
}

interface LockedStage {
  id: string;
  position: number;
  type: StageType;
  status: StageStatus;
  name: string | null;
  start_at: Date | null;
  started_at: Date | null;
  start_when: unknown;
  cohort: unknown;
  settings: unknown;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Changes a stage that has not started: its date, start condition, cohort, name or settings. One transaction that locks the
 * campaign's stage rows (so concurrent edits, and the workflow starting a stage, apply one after the
 * other), refuses a stage that is not the campaign's (404), an ended campaign or a stage no longer
 * PENDING (409), validates the settings and the whole resulting stage list (as for scheduling when
 * the campaign is not a DRAFT), writes, and records a `stage-edited` event with before and after.
 * Problems of the edited stage are named `body.startAt`, `body.settings.…`; of others `stages.N…`.
 */
export async function editStage(db: Db, input: EditStageInput, byUserId: ByUser, now = new Date(), limits?: CampaignLimits): Promise<StageView> {
  return retryOnConflict(() => db.$transaction((tx) => applyEdit(tx, input, byUserId, now, limits)));
}

async function applyEdit(tx: Prisma.TransactionClient, input: EditStageInput, byUserId: ByUser, now: Date, limits: CampaignLimits | undefined): Promise<StageView> {
  // Every stage of the campaign, in position order: concurrent edits lock them in the same order.
  const stages = await tx.$queryRaw<LockedStage[]>`
    SELECT id::text AS id, position, type::text AS type, status::text AS status, name, start_at, started_at, start_when, cohort, settings
    FROM campaign_stages WHERE campaign_id = CAST(${input.campaignId} AS uuid) ORDER BY position FOR UPDATE`;
  const campaign = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { status: true, evergreen: true, sources: { select: { code: true } } } });
  if (!campaign) throw campaignNotFound(input.campaignId);
  const stage = stages.find((row) => row.id === input.stageId);
  if (!stage) {
    throw new AppError('NOT_FOUND', `Campaign ${input.campaignId} has no stage ${input.stageId}`, [{ path: 'path.stageId', message: 'no such stage in this campaign' }]);
  }
  const status = campaign.status as CampaignStatus;
  if (isEnded(status)) throw campaignEnded(input.campaignId, status);
  // Counted from 1 for people, like the workflow's messages (paths count from 0).
  const label = `stage ${stage.position + 1} (${stage.type})`;
  if (stage.status !== 'PENDING') {
    const started = stage.started_at ? `started at ${stage.started_at.toISOString()}` : `is ${stage.status}`;
    const message =
      stage.status === 'RUNNING'
        ? `${label} ${started}: a running stage keeps the settings it started with`
        : `${label} ${started} and is ${stage.status}: only a stage that has not started can change`;
    throw new AppError('CONFLICT', message, [{ path: 'path.stageId', message }]);
  }

  const after = {
    startAt: input.startAt === undefined ? stage.start_at : input.startAt === null ? null : new Date(input.startAt),
    startWhen: input.startWhen === undefined ? stage.start_when : input.startWhen,
    cohort: input.cohort === undefined ? stage.cohort : input.cohort,
    name: input.name === undefined ? stage.name : input.name,
    settings: input.settings === undefined ? stage.settings : input.settings,
  };
  const list = stages.map((row) =>
    row.id === stage.id
      ? { type: row.type, status: row.status, ...after }
      : { type: row.type, status: row.status, startAt: row.start_at, startWhen: row.start_when, cohort: row.cohort, settings: row.settings },
  );
  let validated: ValidatedStage[];
  try {
    validated = await validateCampaignStages(tx, list, {
      now,
      forSchedule: status !== 'DRAFT',
      pathPrefix: 'stages',
      checkDatesOf: input.startAt !== undefined ? [stage.position] : [],
      sourceCodes: campaign.sources.map((source) => source.code),
      evergreen: campaign.evergreen === null ? null : { settings: campaign.evergreen, path: 'evergreen', stored: true },
      limits,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const own = `stages.${stage.position}.`;
    const details = error.details.map((detail) => (detail.path?.startsWith(own) ? { ...detail, path: `body.${detail.path.slice(own.length)}` } : detail));
    throw new AppError(error.code, `Invalid stage edit: ${[...new Set(details.map((detail) => detail.path))].join(', ')}`, details);
  }
  const { settings, startWhen, cohort } = validated[stage.position];

  const before = { startAt: iso(stage.start_at), startWhen: stage.start_when ?? null, cohort: stage.cohort ?? null, name: stage.name, settings: stage.settings };
  const next = { startAt: iso(after.startAt), startWhen, cohort, name: after.name, settings };
  const changed = (Object.keys(before) as (keyof typeof before)[]).filter((key) => !sameJson(before[key], next[key]));
  if (changed.length) {
    await tx.campaignStage.update({
      where: { id: stage.id },
      data: { startAt: after.startAt, startWhen: jsonOrNull(startWhen), cohort: jsonOrNull(cohort), name: after.name, settings: settings as Prisma.InputJsonValue },
    });
    const pick = (values: Record<string, unknown>) => Object.fromEntries(changed.map((key) => [key, values[key]]));
    await recordCampaignEvent(tx, {
      campaignId: input.campaignId,
      stageId: stage.id,
      kind: 'stage-edited',
      message: `${label[0].toUpperCase()}${label.slice(1)} edited: ${changed.join(', ')}${changed.includes('startAt') ? ` (start ${next.startAt ?? 'right after the previous stage'})` : ''}`,
      details: { stageId: stage.id, before: pick(before), after: pick(next) } as Prisma.InputJsonValue,
      byUserId,
    });
  }
  const row = await tx.campaignStage.findUniqueOrThrow({ where: { id: stage.id }, select: stageSelect });
  const [view] = await toStageViews(tx, input.campaignId, [row], { allStages: stages });
  return view;
}
