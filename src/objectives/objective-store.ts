import type { Caller } from '../auth/caller';
import { encodePageCursor } from '../schemas/page-cursor';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { planNotFound, planOpenToChange } from '../plan-apply/plan-guard';
import type { CreateObjectiveRequest, ListObjectivesQuery, ObjectiveView } from './objectives.schemas';

const objectiveSelect = {
  id: true, planId: true, name: true, kind: true, target: true, unit: true, appliesToAll: true, createdById: true, createdAt: true,
  plan: { select: { name: true, status: true } },
} as const;
type ObjectiveRow = Prisma.ObjectiveGetPayload<{ select: typeof objectiveSelect }>;

const toView = ({ plan, ...row }: ObjectiveRow): ObjectiveView => ({
  ...row,
  planName: plan.name,
  planStatus: plan.status,
  target: row.target.toNumber(),
  createdAt: row.createdAt.toISOString(),
});

export const objectiveNotFound = (id: string) => new AppError('NOT_FOUND', `No objective ${id}`, [{ path: 'path.id', message: 'no such objective' }]);

/** An objective under a plan that is neither EXPIRED nor REJECTED, by its author (or an admin). */
export async function createObjective(db: DbClient, caller: Caller, planId: string, request: CreateObjectiveRequest): Promise<ObjectiveView> {
  await planOpenToChange(db, caller, planId, 'add objectives to it');
  const row = await db.objective.create({ data: { ...request, planId, createdById: caller.id }, select: objectiveSelect });
  return toView(row);
}

export async function getObjective(db: DbClient, id: string): Promise<ObjectiveView> {
  const row = await db.objective.findUnique({ where: { id }, select: objectiveSelect });
  if (!row) throw objectiveNotFound(id);
  return toView(row);
}

/** A plan's objectives, oldest first. */
export async function listPlanObjectives(db: DbClient, planId: string): Promise<{ items: ObjectiveView[] }> {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true } });
  if (!plan) throw planNotFound(planId);
  const rows = await db.objective.findMany({ where: { planId }, select: objectiveSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { items: rows.map(toView) };
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
  return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
