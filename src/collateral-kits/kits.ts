import { recordAudit } from '../audit/record-audit';
import type { CollateralCaller } from '../collateral/collateral-access';
import type { Db, DbClient } from '../db/prisma';
import { AppError, invalidField, type ErrorDetail } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { CreateKitRequest, KitList, KitListQuery, KitView, UpdateKitRequest } from './kits.schemas';
import { toKitViews } from './kit-view';
import { loadItems, unusableBecause } from './usable-items';

// Kits: create, list, read, change (items, order, segment, channel) and archive. Every write is
// audited (entityType collateralKit) in the transaction of the change.

const noKit = (id: string) => new AppError('NOT_FOUND', `No kit ${id}`, [{ path: 'path.id', message: 'no such kit' }]);

/**
 * Refuses items that are not APPROVED with a file: unknown ids are a 400, DRAFT or RETIRED items a
 * 409, each named at its place (`body.itemIds.2`). The items are share-locked until the
 * transaction ends, so one being retired meanwhile waits for the kit to be written.
 */
async function checkItems(tx: Prisma.TransactionClient, itemIds: readonly string[]): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM collateral_items WHERE id = ANY(CAST(${itemIds} AS uuid[])) FOR SHARE`;
  const items = await loadItems(tx, itemIds);
  const missing: ErrorDetail[] = [];
  const unusable: ErrorDetail[] = [];
  itemIds.forEach((id, index) => {
    const problem = unusableBecause(id, items.get(id));
    if (problem) (problem.missing ? missing : unusable).push({ path: `body.itemIds.${index}`, message: problem.message });
  });
  if (missing.length) throw new AppError('VALIDATION_FAILED', `Invalid itemIds: ${missing.map((detail) => detail.message).join('; ')}`, missing);
  if (unusable.length) throw new AppError('CONFLICT', `A kit holds APPROVED items only: ${unusable.map((detail) => detail.message).join('; ')}`, unusable);
}

async function checkSegment(tx: Prisma.TransactionClient, segmentId: string | null | undefined): Promise<void> {
  if (!segmentId) return;
  const segment = await tx.segment.findUnique({ where: { id: segmentId }, select: { id: true } });
  if (!segment) throw invalidField('body.segmentId', `no segment ${segmentId}`);
}

async function loadKit(db: DbClient, id: string) {
  const kit = await db.collateralKit.findUnique({ where: { id }, include: { items: true } });
  if (!kit) throw noKit(id);
  return kit;
}

export async function getKit(db: DbClient, id: string): Promise<KitView> {
  const [view] = await toKitViews(db, [await loadKit(db, id)]);
  return view;
}

export async function listKits(db: Db, query: KitListQuery): Promise<KitList> {
  const and: Prisma.CollateralKitWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.channel) and.push({ channel: query.channel });
  if (query.segmentId) and.push({ segmentId: query.segmentId });
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { description: { contains: query.q, mode: 'insensitive' } }] });
  const kits = await db.collateralKit.findMany({ where: { AND: and }, include: { items: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 500 });
  return { items: await toKitViews(db, kits) };
}

export async function createKit(db: Db, caller: CollateralCaller, body: CreateKitRequest): Promise<KitView> {
  const id = await db.$transaction(async (tx) => {
    await checkSegment(tx, body.segmentId);
    await checkItems(tx, body.itemIds);
    const kit = await tx.collateralKit.create({
      data: {
        name: body.name,
        description: body.description ?? null,
        segmentId: body.segmentId ?? null,
        channel: body.channel ?? null,
        createdById: caller.id,
        items: { create: body.itemIds.map((itemId, position) => ({ itemId, position })) },
      },
    });
    await recordAudit(tx, {
      actorId: caller.id, action: 'kit.create', entityType: 'collateralKit', entityId: kit.id,
      after: { name: body.name, segmentId: body.segmentId ?? null, channel: body.channel ?? null, itemIds: body.itemIds },
    });
    return kit.id;
  });
  return getKit(db, id);
}

export async function updateKit(db: Db, caller: CollateralCaller, id: string, body: UpdateKitRequest): Promise<KitView> {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM collateral_kits WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
    const before = await loadKit(tx, id);
    const changesOtherThanStatus = (['name', 'description', 'segmentId', 'channel', 'itemIds'] as const).some((key) => body[key] !== undefined);
    if (before.status === 'ARCHIVED' && changesOtherThanStatus && body.status !== 'ACTIVE') {
      throw new AppError('CONFLICT', `Kit "${before.name}" is ARCHIVED: make it ACTIVE again (status) to change it`);
    }
    const segmentId = body.segmentId === undefined ? before.segmentId : body.segmentId;
    const channel = body.channel === undefined ? before.channel : body.channel;
    if (segmentId === null && channel === null) throw invalidField(body.segmentId === null ? 'body.segmentId' : 'body.channel', 'a kit is for a segment, a channel or both: it cannot lose both');
    if (body.segmentId) await checkSegment(tx, body.segmentId);
    if (body.itemIds) {
      await checkItems(tx, body.itemIds);
      await tx.collateralKitItem.deleteMany({ where: { kitId: id } });
      await tx.collateralKitItem.createMany({ data: body.itemIds.map((itemId, position) => ({ kitId: id, itemId, position })) });
    }
    const archiving = body.status === 'ARCHIVED' && before.status !== 'ARCHIVED';
    const after = await tx.collateralKit.update({
      where: { id },
      data: {
        name: body.name,
        description: body.description,
        segmentId: body.segmentId,
        channel: body.channel,
        status: body.status,
        archivedAt: body.status === undefined ? undefined : body.status === 'ARCHIVED' ? (before.archivedAt ?? new Date()) : null,
        // The item list lives in its own table: touching the kit marks it changed.
        updatedAt: new Date(),
      },
    });
    const fields = (['name', 'description', 'segmentId', 'channel', 'status'] as const).filter((key) => body[key] !== undefined);
    const itemsBefore = [...before.items].sort((a, b) => a.position - b.position).map((entry) => entry.itemId);
    await recordAudit(tx, {
      actorId: caller.id, action: archiving ? 'kit.archive' : 'kit.update', entityType: 'collateralKit', entityId: id,
      before: { ...Object.fromEntries(fields.map((key) => [key, before[key]])), ...(body.itemIds ? { itemIds: itemsBefore } : {}) },
      after: { ...Object.fromEntries(fields.map((key) => [key, after[key]])), ...(body.itemIds ? { itemIds: body.itemIds } : {}) },
    });
  });
  return getKit(db, id);
}
