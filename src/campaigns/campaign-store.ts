import { encodePageCursor } from '../schemas/page-cursor';
import type { Db, DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { isEnded } from '../../workflows/campaign.messages';
import { retryOnConflict } from '../db/transaction-conflict';
import { recordCampaignEvent } from './campaign-events';
import { DEFAULT_CAMPAIGN_LIMITS, type CampaignLimits } from './campaign-limits';
import { campaignNotFound, campaignSummarySelect, getCampaignView, sourceSelect, toCampaignSummary, toSourceView } from './campaign-view';
import type { CampaignPage, CampaignView } from './campaign-views.schemas';
import type {
  CampaignStatus,
  CopyCampaignRequest,
  CreateCampaignRequest,
  ListCampaignsQuery,
  SourceInput,
  StageInput,
  UpdateCampaignRequest,
} from './campaigns.schemas';
import { validateCampaignStages, type ValidatedStage } from './validate-stages';

/** Who does it: a user id, or null for the system. */
export type ByUser = string | null;

export function campaignEnded(id: string, status: CampaignStatus): AppError {
  return new AppError('CONFLICT', `Campaign ${id} is ${status}: an ended campaign changes no more (copy it to run it again)`);
}

// Hierarchy changes are serialized, so two concurrent moves cannot close a cycle between them.
const HIERARCHY_LOCK = 'campaign-hierarchy';

/**
 * Checks a new parent: 404 naming body.parentId when it does not exist, 400 when the campaign would
 * become its own ancestor.
 */
const lockHierarchy = (tx: DbClient) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${HIERARCHY_LOCK}))`;

async function checkParent(tx: DbClient, campaignId: string | null, parentId: string): Promise<void> {
  await lockHierarchy(tx);
  // Up the parent chain from the new parent; UNION stops on a cycle already stored.
  const chain = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up(id, parent_id) AS (
      SELECT id, parent_id FROM campaigns WHERE id = CAST(${parentId} AS uuid)
      UNION
      SELECT c.id, c.parent_id FROM campaigns c JOIN up ON c.id = up.parent_id
    )
    SELECT id::text AS id FROM up`;
  if (chain.length === 0) {
    throw new AppError('NOT_FOUND', `No campaign ${parentId} to be the parent`, [{ path: 'body.parentId', message: 'no such campaign' }]);
  }
  if (campaignId && chain.some((row) => row.id === campaignId)) {
    const message = parentId === campaignId ? 'a campaign cannot be its own parent' : `campaign ${parentId} is a descendant of this one: that would make a cycle`;
    throw new AppError('VALIDATION_FAILED', `Invalid parent: ${message}`, [{ path: 'body.parentId', message }]);
  }
}

const sourceData = (source: SourceInput) => ({ code: source.code, name: source.name, channel: source.channel ?? null, cost: source.cost ?? null });

/** A JSON column's value: SQL NULL for none. */
export const jsonOrNull = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

function stageData(campaignId: string, stages: readonly StageInput[], validated: readonly ValidatedStage[]) {
  return stages.map((stage, position) => ({
    campaignId,
    position,
    type: stage.type,
    name: stage.name ?? null,
    startAt: validated[position].startAt,
    startWhen: jsonOrNull(validated[position].startWhen),
    cohort: jsonOrNull(validated[position].cohort),
    settings: validated[position].settings as Prisma.InputJsonValue,
  }));
}

/** How a new campaign's stages read in its history. */
function describeCreated(stages: readonly StageInput[], evergreen: boolean): string {
  const kind = evergreen ? 'Evergreen campaign created' : 'Created';
  if (stages.length === 0) return `${kind} without stages: it collects responses and costs through its sub-sources`;
  return `${kind} with ${stages.length} stage${stages.length === 1 ? '' : 's'}: ${stages.map((stage) => stage.type).join(', ')}`;
}

/** A uniqueness conflict on a campaign's source codes (the request schema already refuses repeats). */
function duplicateSource(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'Two sources of the campaign have the same code', [{ path: 'body.sources', message: 'codes must be unique' }]);
  throw error;
}

/** POST /campaigns: a DRAFT with its sources and stages (none: tracking only), and a "created" history line. */
export async function createCampaign(db: Db, byUserId: ByUser, request: CreateCampaignRequest, limits: CampaignLimits = DEFAULT_CAMPAIGN_LIMITS, now = new Date()): Promise<CampaignView> {
  const campaignId = await db
    .$transaction(async (tx) => {
      const validated = await validateCampaignStages(tx, request.stages, {
        now,
        forSchedule: false,
        pathPrefix: 'body.stages',
        sourceCodes: request.sources.map((source) => source.code),
        sourcesPath: 'body.sources',
        evergreen: request.evergreen ? { settings: request.evergreen, path: 'body.evergreen' } : null,
        limits,
      });
      if (request.parentId) await checkParent(tx, null, request.parentId);
      const campaign = await tx.campaign.create({
        data: {
          name: request.name,
          description: request.description ?? null,
          parentId: request.parentId ?? null,
          channels: request.channels,
          budgetAmount: request.budget?.amount ?? null,
          currency: request.budget?.currency ?? null,
          offers: request.offers as Prisma.InputJsonValue,
          evergreen: jsonOrNull(request.evergreen),
          createdById: byUserId,
        },
        select: { id: true },
      });
      if (request.sources.length) await tx.campaignSource.createMany({ data: request.sources.map((source) => ({ ...sourceData(source), campaignId: campaign.id })) });
      if (request.stages.length) await tx.campaignStage.createMany({ data: stageData(campaign.id, request.stages, validated) });
      await recordCampaignEvent(tx, {
        campaignId: campaign.id,
        kind: 'created',
        message: describeCreated(request.stages, request.evergreen !== undefined),
        details: { stages: request.stages.map((stage) => stage.type), parentId: request.parentId ?? null, evergreen: request.evergreen !== undefined },
        byUserId,
      });
      return campaign.id;
    })
    .catch(duplicateSource);
  return getCampaignView(db, campaignId);
}

/** Newest first (createdAt desc, id desc), paginated by cursor. */
export async function listCampaigns(db: DbClient, query: ListCampaignsQuery): Promise<CampaignPage> {
  const conditions: Prisma.CampaignWhereInput[] = [];
  if (query.status) conditions.push({ status: { in: query.status } });
  if (query.parentId) conditions.push({ parentId: query.parentId === 'none' ? null : query.parentId });
  if (query.q) {
    // Prisma passes LIKE wildcards through: a % or _ typed by the user is plain text here.
    const text = query.q.replace(/[\\%_]/g, (char) => `\\${char}`);
    conditions.push({ OR: [{ name: { contains: text, mode: 'insensitive' } }, { description: { contains: text, mode: 'insensitive' } }] });
  }
  const after = query.cursor;
  if (after) conditions.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  const rows = await db.campaign.findMany({
    where: { AND: conditions },
    select: campaignSummarySelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toCampaignSummary), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}

/** JSON with object keys sorted: jsonb stores keys in its own order, so values read back compare alike. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

export const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

// In JavaScript, not by the database's collation, so before and after compare alike.
const sortByCode = <T extends { code: string }>(sources: readonly T[]) => [...sources].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

type SourceSnapshot = { code: string; name: string; channel: string | null; cost: number | null };
const snapshotSource = (source: SourceSnapshot): SourceSnapshot => ({ code: source.code, name: source.name, channel: source.channel, cost: source.cost });

type StageSnapshotInput = { type: string; name: string | null; startAt: Date | null; startWhen: unknown; cohort: unknown; settings: unknown };
/** How a stage list reads in the history: what each stage was. */
const snapshotStages = (stages: readonly StageSnapshotInput[]) =>
  stages.map((stage) => ({
    type: stage.type,
    name: stage.name,
    startAt: stage.startAt?.toISOString() ?? null,
    startWhen: stage.startWhen === Prisma.DbNull ? null : (stage.startWhen ?? null),
    cohort: stage.cohort === Prisma.DbNull ? null : (stage.cohort ?? null),
    settings: stage.settings,
  }));

/**
 * PATCH /campaigns/:id. Refused (409) once the campaign has ended; `stages` and `evergreen` only while
 * DRAFT; once scheduled, no source code may be removed (responses quote it). A draft whose stages,
 * sub-sources or evergreen settings change is validated as a whole (a condition quoting a removed
 * code is a 400). The history says what changed, before and after, and who changed it.
 */
export async function updateCampaign(
  db: Db,
  byUserId: ByUser,
  campaignId: string,
  request: UpdateCampaignRequest,
  limits: CampaignLimits = DEFAULT_CAMPAIGN_LIMITS,
  now = new Date(),
): Promise<CampaignView> {
  await retryOnConflict(() => db.$transaction((tx) => applyUpdate(tx, byUserId, campaignId, request, limits, now))).catch(duplicateSource);
  return getCampaignView(db, campaignId);
}

async function applyUpdate(tx: Prisma.TransactionClient, byUserId: ByUser, campaignId: string, request: UpdateCampaignRequest, limits: CampaignLimits, now: Date): Promise<void> {
  // A move in the hierarchy takes its lock before any row lock: two moves at once (A under B,
  // B under A) then run one after the other instead of deadlocking on each other's rows.
  if (request.parentId) await lockHierarchy(tx);
  // NO KEY UPDATE: children being created under this campaign (a key-share lock) are not held up.
  const [locked] = await tx.$queryRaw<{ status: CampaignStatus }[]>`SELECT status::text AS status FROM campaigns WHERE id = CAST(${campaignId} AS uuid) FOR NO KEY UPDATE`;
  if (!locked) throw campaignNotFound(campaignId);
  if (isEnded(locked.status)) throw campaignEnded(campaignId, locked.status);
  if (request.stages && locked.status !== 'DRAFT') {
    const message = `the campaign is ${locked.status}: its stages change one at a time (PATCH /api/v1/campaigns/${campaignId}/stages/{stageId}), and only those that have not started`;
    throw new AppError('CONFLICT', `Cannot replace the stages: ${message}`, [{ path: 'body.stages', message }]);
  }
  if (request.evergreen !== undefined && locked.status !== 'DRAFT') {
    const message = `the campaign is ${locked.status}: whether it is evergreen, and its schedule, change only while it is a DRAFT (stop it with POST /api/v1/campaigns/${campaignId}/stop)`;
    throw new AppError('CONFLICT', `Cannot change evergreen: ${message}`, [{ path: 'body.evergreen', message }]);
  }
  const campaign = await tx.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: {
      name: true, description: true, parentId: true, channels: true, budgetAmount: true, currency: true, offers: true, evergreen: true,
      sources: { select: sourceSelect, orderBy: { code: 'asc' } },
      stages: { select: { type: true, name: true, startAt: true, startWhen: true, cohort: true, settings: true }, orderBy: { position: 'asc' } },
    },
  });
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const data: Prisma.CampaignUpdateInput = {};
  const change = (field: string, before: unknown, after: unknown) => {
    if (!sameJson(before, after)) changes[field] = { before, after };
    return !sameJson(before, after);
  };

  if (request.name !== undefined && change('name', campaign.name, request.name)) data.name = request.name;
  if (request.description !== undefined && change('description', campaign.description, request.description)) data.description = request.description;
  if (request.channels !== undefined && change('channels', campaign.channels, request.channels)) data.channels = request.channels;
  if (request.offers !== undefined && change('offers', campaign.offers, request.offers)) data.offers = request.offers as Prisma.InputJsonValue;
  if (request.budget !== undefined) {
    const before = campaign.budgetAmount !== null && campaign.currency ? { amount: Number(campaign.budgetAmount.toFixed(2)), currency: campaign.currency } : null;
    if (change('budget', before, request.budget)) {
      data.budgetAmount = request.budget?.amount ?? null;
      data.currency = request.budget?.currency ?? null;
    }
  }
  if (request.parentId !== undefined && change('parentId', campaign.parentId, request.parentId)) {
    if (request.parentId) await checkParent(tx, campaignId, request.parentId);
    data.parent = request.parentId ? { connect: { id: request.parentId } } : { disconnect: true };
  }

  if (request.sources !== undefined) {
    const before = sortByCode(campaign.sources).map((source) => snapshotSource(toSourceView(source)));
    const byCode = new Map(campaign.sources.map((source) => [source.code, source]));
    const wanted = new Set(request.sources.map((source) => source.code));
    const removed = campaign.sources.filter((source) => !wanted.has(source.code));
    if (removed.length && locked.status !== 'DRAFT') {
      const codes = removed.map((source) => source.code);
      throw new AppError(
        'CONFLICT',
        `The campaign is ${locked.status}: source code${codes.length > 1 ? 's' : ''} ${codes.join(', ')} cannot be removed (responses may quote ${codes.length > 1 ? 'them' : 'it'})`,
        codes.map((code) => ({ path: 'body.sources', message: `source ${code} cannot be removed once the campaign is scheduled` })),
      );
    }
    const after = sortByCode(request.sources).map((source) => snapshotSource(sourceData(source)));
    if (change('sources', before, after)) {
      if (removed.length) await tx.campaignSource.deleteMany({ where: { campaignId, id: { in: removed.map((source) => source.id) } } });
      for (const source of request.sources) {
        const existing = byCode.get(source.code);
        if (!existing) await tx.campaignSource.create({ data: { ...sourceData(source), campaignId } });
        else if (!sameJson(snapshotSource(toSourceView(existing)), snapshotSource(sourceData(source)))) {
          await tx.campaignSource.update({ where: { id: existing.id }, data: sourceData(source) });
        }
      }
    }
  }

  // A draft is checked as a whole whenever what its stages depend on changes: its stages, the codes
  // their conditions quote, whether it is evergreen. Stored stages keep their dates unchecked then.
  if (locked.status === 'DRAFT' && (request.stages !== undefined || request.sources !== undefined || request.evergreen !== undefined)) {
    const evergreen = request.evergreen !== undefined ? { settings: request.evergreen, path: 'body.evergreen' } : { settings: campaign.evergreen, path: 'evergreen', stored: true };
    const validated = await validateCampaignStages(tx, request.stages ?? campaign.stages, {
      now,
      forSchedule: false,
      pathPrefix: request.stages ? 'body.stages' : 'stages',
      checkDatesOf: request.stages ? undefined : [],
      sourceCodes: (request.sources ?? campaign.sources).map((source) => source.code),
      sourcesPath: 'body.sources',
      evergreen,
      limits,
    });
    if (request.stages !== undefined) {
      const after = stageData(campaignId, request.stages, validated);
      if (change('stages', snapshotStages(campaign.stages), snapshotStages(after))) {
        await tx.campaignStage.deleteMany({ where: { campaignId } });
        if (after.length) await tx.campaignStage.createMany({ data: after });
      }
    }
    if (request.evergreen !== undefined && change('evergreen', campaign.evergreen, request.evergreen)) data.evergreen = jsonOrNull(request.evergreen);
  }

  const fields = Object.keys(changes);
  if (!fields.length) return;
  // updatedAt moves even when only sources or stages changed.
  await tx.campaign.update({ where: { id: campaignId }, data: { ...data, updatedAt: now } });
  await recordCampaignEvent(tx, { campaignId, kind: 'updated', message: `Changed ${fields.join(', ')}`, details: { changes } as Prisma.InputJsonValue, byUserId });
}

/**
 * POST /campaigns/:id/copy: a new DRAFT with the same fields, sources and stages (PENDING, settings
 * copied, a date kept only while it is still ahead), and a history line on both campaigns.
 */
export async function copyCampaign(db: Db, byUserId: ByUser, campaignId: string, request: CopyCampaignRequest, now = new Date()): Promise<CampaignView> {
  const copyId = await db.$transaction(async (tx) => {
    const source = await tx.campaign.findUnique({
      where: { id: campaignId },
      select: {
        name: true, description: true, parentId: true, channels: true, budgetAmount: true, currency: true, offers: true, evergreen: true,
        sources: { select: { code: true, name: true, channel: true, cost: true }, orderBy: { code: 'asc' } },
        stages: { select: { type: true, name: true, startAt: true, startWhen: true, cohort: true, settings: true }, orderBy: { position: 'asc' } },
      },
    });
    if (!source) throw campaignNotFound(campaignId);
    const name = request.name ?? `${source.name} (copy)`.slice(0, 200);
    const copy = await tx.campaign.create({
      data: {
        name,
        description: source.description,
        parentId: source.parentId,
        channels: source.channels,
        budgetAmount: source.budgetAmount,
        currency: source.currency,
        offers: source.offers as Prisma.InputJsonValue,
        evergreen: jsonOrNull(source.evergreen),
        copiedFromId: campaignId,
        createdById: byUserId,
      },
      select: { id: true },
    });
    if (source.sources.length) await tx.campaignSource.createMany({ data: source.sources.map((row) => ({ ...row, campaignId: copy.id })) });
    const datesDropped: number[] = [];
    const stages = source.stages.map((stage, position) => {
      const keep = stage.startAt !== null && stage.startAt.getTime() > now.getTime();
      if (stage.startAt && !keep) datesDropped.push(position);
      return {
        campaignId: copy.id,
        position,
        type: stage.type,
        name: stage.name,
        startAt: keep ? stage.startAt : null,
        startWhen: jsonOrNull(stage.startWhen),
        cohort: jsonOrNull(stage.cohort),
        settings: stage.settings as Prisma.InputJsonValue,
      };
    });
    if (stages.length) await tx.campaignStage.createMany({ data: stages });
    await recordCampaignEvent(tx, {
      campaignId: copy.id,
      kind: 'copied-from',
      message: `Copied from campaign ${campaignId} (${source.name})${datesDropped.length ? `; past dates of stage${datesDropped.length > 1 ? 's' : ''} ${datesDropped.join(', ')} left empty` : ''}`,
      details: { copiedFromId: campaignId, datesDropped },
      byUserId,
    });
    await recordCampaignEvent(tx, { campaignId, kind: 'copied-to', message: `Copied to campaign ${copy.id} (${name})`, details: { copyId: copy.id }, byUserId });
    return copy.id;
  });
  return getCampaignView(db, copyId);
}
