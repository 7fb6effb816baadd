import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import { keepsCollateral, loadVisibleItem, lockItem, retiredConflict, type CollateralCaller } from './collateral-access';
import type { CollateralItemView, CollateralListQuery, CollateralPage, CreateCollateralRequest, UpdateCollateralRequest } from './collateral.schemas';
import { toItemSummary, toItemView, uploaderNames } from './collateral-view';

// The library's items: create, list with filters, read, change their description.

export async function createCollateralItem(db: Db, caller: CollateralCaller, body: CreateCollateralRequest): Promise<CollateralItemView> {
  const item = await db.$transaction(async (tx) => {
    const created = await tx.collateralItem.create({
      data: { name: body.name, description: body.description ?? null, kind: body.kind, product: body.product ?? null, language: body.language, createdById: caller.id },
    });
    await recordAudit(tx, { actorId: caller.id, action: 'collateral.create', entityType: 'collateral', entityId: created.id, after: { name: body.name, kind: body.kind, product: body.product ?? null, language: body.language } });
    return created;
  });
  return toItemView(item, [], new Map());
}

export async function getCollateralItem(db: Db, caller: CollateralCaller, id: string): Promise<CollateralItemView> {
  const item = await loadVisibleItem(db, caller, id);
  const versions = await db.collateralVersion.findMany({ where: { itemId: id } });
  return toItemView(item, versions, await uploaderNames(db, versions));
}

/** Newest first; sellers get APPROVED items only. */
export async function listCollateral(db: Db, caller: CollateralCaller, query: CollateralListQuery): Promise<CollateralPage> {
  const and: Prisma.CollateralItemWhereInput[] = [];
  if (!keepsCollateral(caller)) and.push({ status: 'APPROVED' });
  if (query.status) and.push({ status: query.status });
  if (query.kind) and.push({ kind: query.kind });
  if (query.product) and.push({ product: { equals: query.product, mode: 'insensitive' } });
  if (query.language) and.push({ OR: [{ language: query.language }, { language: { startsWith: `${query.language}-` } }] });
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: 'insensitive' } }, { description: { contains: query.q, mode: 'insensitive' } }] });
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.collateralItem.findMany({ where: { AND: and }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const newest = await db.collateralVersion.findMany({ where: { itemId: { in: page.map((item) => item.id) } }, orderBy: [{ itemId: 'asc' }, { number: 'desc' }], distinct: ['itemId'] });
  const byItem = new Map(newest.map((version) => [version.itemId, version]));
  const names = await uploaderNames(db, newest);
  const last = page.at(-1);
  return {
    items: page.map((item) => toItemSummary(item, byItem.get(item.id), names)),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}

export async function updateCollateralItem(db: Db, caller: CollateralCaller, id: string, body: UpdateCollateralRequest): Promise<CollateralItemView> {
  await db.$transaction(async (tx) => {
    const before = await lockItem(tx, id);
    if (before.status === 'RETIRED') throw retiredConflict(before, 'change');
    const after = await tx.collateralItem.update({ where: { id }, data: { name: body.name, description: body.description, kind: body.kind, product: body.product, language: body.language } });
    const changed = (['name', 'description', 'kind', 'product', 'language'] as const).filter((key) => body[key] !== undefined);
    await recordAudit(tx, {
      actorId: caller.id, action: 'collateral.update', entityType: 'collateral', entityId: id,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
  });
  return getCollateralItem(db, caller, id);
}
