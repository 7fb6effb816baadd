import type { Caller } from '../auth/caller';
import { encodePageCursor } from '../schemas/page-cursor';
import type { Db, DbClient } from '../db/prisma';
import { AppError, type ErrorDetail } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { checkProductIds } from '../products/product-catalog';
import { dayOf, getPlanView, planNotFound, planSummarySelect, toPlanSummary } from './plan-view';
import type { CreateChildPlanRequest, CreatePlanRequest, ListPlansQuery, PlanPage, PlanView, UpdatePlanRequest } from './plans.schemas';

const DAY_MS = 24 * 60 * 60 * 1000;
/** YYYY-MM-DD as the UTC midnight a @db.Date column stores. */
export const parseDay = (text: string) => new Date(`${text}T00:00:00.000Z`);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()));

/**
 * The four quarters of a period: calendar quarters when the period is whole months in a multiple
 * of four (a year: Jan-Mar, Apr-Jun, ...), otherwise four runs of days as equal as can be.
 * Undefined when the period is shorter than four days.
 */
export function splitInQuarters(start: Date, end: Date): { start: Date; end: Date }[] | undefined {
  const after = addDays(end, 1);
  const months = (after.getUTCFullYear() - start.getUTCFullYear()) * 12 + after.getUTCMonth() - start.getUTCMonth();
  let starts: Date[];
  if (start.getUTCDate() === 1 && after.getUTCDate() === 1 && months > 0 && months % 4 === 0) {
    starts = [0, 1, 2, 3].map((index) => addMonths(start, (index * months) / 4));
  } else {
    const days = Math.round((after.getTime() - start.getTime()) / DAY_MS);
    if (days < 4) return undefined;
    starts = [0, 1, 2, 3].map((index) => addDays(start, Math.round((index * days) / 4)));
  }
  return starts.map((from, index) => ({ start: from, end: index < 3 ? addDays(starts[index + 1], -1) : end }));
}

/** A revenue target split in four, to the cent; the first quarters take the odd cents. */
export function splitEvenly(amount: number): number[] {
  const cents = Math.round(amount * 100);
  const base = Math.floor(cents / 4);
  return [0, 1, 2, 3].map((index) => (base + (index < cents - base * 4 ? 1 : 0)) / 100);
}

/** Each approver must be an active user and not the author: a problem names its index. */
async function approverProblems(db: DbClient, authorId: string, approverIds: readonly string[]): Promise<ErrorDetail[]> {
  const users = await db.user.findMany({ where: { id: { in: [...approverIds] } }, select: { id: true, deactivatedAt: true } });
  const existing = new Set(users.map((user) => user.id));
  const deactivated = new Set(users.filter((user) => user.deactivatedAt).map((user) => user.id));
  return approverIds.flatMap((id, index) => {
    const path = `body.approverIds.${index}`;
    if (id === authorId) return [{ path, message: 'the author of a plan cannot approve it' }];
    if (!existing.has(id)) return [{ path, message: `no user ${id}` }];
    if (deactivated.has(id)) return [{ path, message: `user ${id} is deactivated` }];
    return [];
  });
}

type Period = { start: Date; end: Date };
const showPeriod = ({ start, end }: Period) => `${dayOf(start)} to ${dayOf(end)}`;

/** The period must not end before it starts, and must lie within the parent's. */
function periodProblems(period: Period, parent: Period | null): ErrorDetail[] {
  if (period.end < period.start) return [{ path: 'body.periodEnd', message: `must not be before periodStart (${dayOf(period.start)})` }];
  const problems: ErrorDetail[] = [];
  if (parent && period.start < parent.start) problems.push({ path: 'body.periodStart', message: `must lie within the parent plan's period (${showPeriod(parent)})` });
  if (parent && period.end > parent.end) problems.push({ path: 'body.periodEnd', message: `must lie within the parent plan's period (${showPeriod(parent)})` });
  return problems;
}

function planData(body: CreateChildPlanRequest, period: Period) {
  return {
    name: body.name,
    description: body.description ?? null,
    periodStart: period.start,
    periodEnd: period.end,
    revenueTarget: body.revenueTarget ?? null,
    currency: body.currency ?? (body.revenueTarget != null ? 'EUR' : null),
    goals: body.goals ?? [],
    product: body.product ?? null,
    approverIds: body.approverIds,
    remindAfter: body.remindAfter ?? null,
  };
}

/**
 * A DRAFT plan, with its four quarterly children when asked, in one transaction with a
 * `plan-created` event each. `parentFromPath` is POST /plans/:id/children's parent.
 */
export async function createPlan(db: Db, caller: Caller, body: CreatePlanRequest, parentFromPath?: string): Promise<PlanView> {
  const period = { start: parseDay(body.periodStart), end: parseDay(body.periodEnd) };
  const parentId = parentFromPath ?? body.parentId;
  const parent = parentId ? await db.plan.findUnique({ where: { id: parentId }, select: { periodStart: true, periodEnd: true } }) : null;
  if (parentId && !parent) {
    if (parentFromPath) throw planNotFound(parentId);
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'body.parentId', message: `no plan ${parentId}` }]);
  }
  const problems = [
    ...periodProblems(period, parent ? { start: parent.periodStart, end: parent.periodEnd } : null),
    ...(await approverProblems(db, caller.id, body.approverIds)),
    ...(await checkProductIds(db, body.productIds, 'body.productIds')),
  ];
  const quarters = body.quarterlyChildren && period.end >= period.start ? splitInQuarters(period.start, period.end) : undefined;
  if (body.quarterlyChildren && period.end >= period.start && !quarters) problems.push({ path: 'body.quarterlyChildren', message: 'the period is too short to split in quarters (four days at least)' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'The request is not valid', problems);

  const planId = await db.$transaction(async (tx) => {
    const plan = await tx.plan.create({ data: { ...planData(body, period), parentId: parentId ?? null, authorId: caller.id }, select: { id: true } });
    await tx.planEvent.create({ data: { planId: plan.id, kind: 'plan-created', message: parentId ? `Plan created under plan ${parentId}` : 'Plan created', byUserId: caller.id } });
    if (body.productIds?.length) await tx.planProduct.createMany({ data: body.productIds.map((productId) => ({ planId: plan.id, productId })) });
    if (quarters) {
      const targets = body.revenueTarget != null ? splitEvenly(body.revenueTarget) : undefined;
      for (const [index, quarter] of quarters.entries()) {
        const child = await tx.plan.create({
          data: { ...planData({ ...body, name: `${body.name} Q${index + 1}`, revenueTarget: targets?.[index] ?? null }, quarter), parentId: plan.id, authorId: caller.id },
          select: { id: true },
        });
        await tx.planEvent.create({ data: { planId: child.id, kind: 'plan-created', message: `Quarterly plan Q${index + 1} created with plan ${plan.id}`, byUserId: caller.id } });
      }
    }
    return plan.id;
  });
  return getPlanView(db, planId);
}

/** Only the author or an admin changes or submits a plan. */
export function assertAuthorOrAdmin(caller: Caller, plan: { authorId: string }, action: string) {
  if (caller.role !== 'admin' && caller.id !== plan.authorId) throw new AppError('FORBIDDEN', `Only the plan's author or an admin may ${action} it`);
}

const editable = ['name', 'description', 'periodStart', 'periodEnd', 'revenueTarget', 'currency', 'goals', 'product', 'approverIds', 'remindAfter'] as const;

/** Edits a DRAFT plan: the history keeps each changed field before and after. */
export async function updatePlan(db: Db, caller: Caller, planId: string, body: UpdatePlanRequest): Promise<PlanView> {
  await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
    if (!locked.length) throw planNotFound(planId);
    const plan = await tx.plan.findUniqueOrThrow({
      where: { id: planId },
      select: { ...planSummarySelect, parent: { select: { periodStart: true, periodEnd: true } }, children: { select: { name: true, periodStart: true, periodEnd: true } } },
    });
    assertAuthorOrAdmin(caller, plan, 'edit');
    if (plan.status !== 'DRAFT') throw new AppError('CONFLICT', `Plan ${planId} is ${plan.status}: only a DRAFT plan can be edited`);
    const period = { start: body.periodStart ? parseDay(body.periodStart) : plan.periodStart, end: body.periodEnd ? parseDay(body.periodEnd) : plan.periodEnd };
    const problems = periodProblems(period, plan.parent ? { start: plan.parent.periodStart, end: plan.parent.periodEnd } : null);
    if (!problems.length) {
      for (const child of plan.children) {
        if (child.periodStart < period.start) problems.push({ path: 'body.periodStart', message: `child plan "${child.name}" starts on ${dayOf(child.periodStart)}, before this period` });
        if (child.periodEnd > period.end) problems.push({ path: 'body.periodEnd', message: `child plan "${child.name}" ends on ${dayOf(child.periodEnd)}, after this period` });
      }
    }
    if (body.approverIds) problems.push(...(await approverProblems(tx, plan.authorId, body.approverIds)));
    problems.push(...(await checkProductIds(tx, body.productIds, 'body.productIds')));
    if (problems.length) throw new AppError('VALIDATION_FAILED', 'The request is not valid', problems);

    const current = toPlanSummary(plan);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of editable) {
      if (body[field] === undefined) continue;
      const next = body[field] ?? (field === 'goals' ? [] : null);
      if (JSON.stringify(next) !== JSON.stringify(current[field])) {
        before[field] = current[field];
        after[field] = next;
      }
    }
    const data: Prisma.PlanUpdateInput = { ...after };
    if (body.productIds !== undefined) {
      const named = (await tx.planProduct.findMany({ where: { planId }, select: { productId: true } })).map((row) => row.productId).sort();
      const next = [...body.productIds].sort();
      if (JSON.stringify(named) !== JSON.stringify(next)) {
        before.productIds = named;
        after.productIds = next;
        await tx.planProduct.deleteMany({ where: { planId } });
        await tx.planProduct.createMany({ data: next.map((productId) => ({ planId, productId })) });
      }
    }
    if (!Object.keys(after).length) return;
    if (after.periodStart) data.periodStart = period.start;
    if (after.periodEnd) data.periodEnd = period.end;
    await tx.plan.update({ where: { id: planId }, data });
    await tx.planEvent.create({
      data: { planId, kind: 'plan-updated', message: `Plan edited: ${Object.keys(after).join(', ')}`, details: { before, after } as Prisma.InputJsonValue, byUserId: caller.id },
    });
  });
  return getPlanView(db, planId);
}

/** Plans, newest first; `active`: APPROVED and the period not over (UTC). */
export async function listPlans(db: DbClient, query: ListPlansQuery, now = new Date()): Promise<PlanPage> {
  const conditions: Prisma.PlanWhereInput[] = [];
  if (query.status) conditions.push({ status: query.status });
  if (query.parentId) conditions.push({ parentId: query.parentId === 'none' ? null : query.parentId });
  if (query.active !== undefined) {
    const active: Prisma.PlanWhereInput = { status: 'APPROVED', periodEnd: { gte: parseDay(dayOf(now)) } };
    conditions.push(query.active ? active : { NOT: active });
  }
  const after = query.cursor;
  if (after) conditions.push({ OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] });
  const rows = await db.plan.findMany({ where: { AND: conditions }, select: planSummarySelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toPlanSummary), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
