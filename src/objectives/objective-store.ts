import type { Caller } from '../auth/caller';
import { encodePageCursor } from '../schemas/page-cursor';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { planNotFound, planOpenToChange } from '../plan-apply/plan-guard';
import { checkProductIds, namedProducts } from '../products/product-catalog';
import type { ProductRef } from '../products/products.schemas';
import type { CreateObjectiveRequest, ListObjectivesQuery, ObjectiveView } from './objectives.schemas';

const objectiveSelect = {
  id: true, planId: true, name: true, kind: true, target: true, unit: true, appliesToAll: true, createdById: true, createdAt: true,
  plan: { select: { name: true, status: true } },
} as const;
type ObjectiveRow = Prisma.ObjectiveGetPayload<{ select: typeof objectiveSelect }>;

const toView = ({ plan, ...row }: ObjectiveRow, products: ProductRef[] = []): ObjectiveView => ({
  ...row,
  planName: plan.name,
  planStatus: plan.status,
  target: row.target.toNumber(),
  createdAt: row.createdAt.toISOString(),
  products,
});

/** The rows as views, with the products each names. */
async function toViews(db: DbClient, rows: ObjectiveRow[]): Promise<ObjectiveView[]> {
  const products = await namedProducts(db, 'objective', rows.map((row) => row.id));
  return rows.map((row) => toView(row, products.get(row.id)));
}

export const objectiveNotFound = (id: string) => new AppError('NOT_FOUND', `No objective ${id}`, [{ path: 'path.id', message: 'no such objective' }]);

/** An objective under a plan that is neither EXPIRED nor REJECTED, by its author (or an admin). */
export async function createObjective(db: DbClient, caller: Caller, planId: string, request: CreateObjectiveRequest): Promise<ObjectiveView> {
  await planOpenToChange(db, caller, planId, 'add objectives to it');
  const { productIds = [], ...fields } = request;
  const unknown = await checkProductIds(db, productIds, 'body.productIds');
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', unknown.map((detail) => detail.message).join('; '), unknown);
  const row = await db.objective.create({
    data: { ...fields, planId, createdById: caller.id, products: { create: productIds.map((productId) => ({ productId })) } },
    select: objectiveSelect,
  });
  return (await toViews(db, [row]))[0]!;
}

export async function getObjective(db: DbClient, id: string): Promise<ObjectiveView> {
  const row = await db.objective.findUnique({ where: { id }, select: objectiveSelect });
  if (!row) throw objectiveNotFound(id);
  return (await toViews(db, [row]))[0]!;
}

/** A plan's objectives, oldest first. */
export async function listPlanObjectives(db: DbClient, planId: string): Promise<{ items: ObjectiveView[] }> {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true } });
  if (!plan) throw planNotFound(planId);
  const rows = await db.objective.findMany({ where: { planId }, select: objectiveSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { items: await toViews(db, rows) };
}

/** Objectives of plans that have not expired, newest first, paginated by cursor. */
export async function listObjectives(db: DbClient, query: ListObjectivesQuery): Promise<{ items: ObjectiveView[]; nextCursor: string | null }> {
  const after = query.cursor;
  const where: Prisma.ObjectiveWhereInput = {
    plan: { status: { not: 'EXPIRED' } },
    ...(query.appliesToAll === undefined ? {} : { appliesToAll: query.appliesToAll }),
    ...(query.planId ? { planId: query.planId } : {}),
    ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.objective.findMany({ where, select: objectiveSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await toViews(db, page), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
