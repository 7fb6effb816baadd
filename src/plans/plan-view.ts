import { planWorkflowId } from '../../workflows/plan.messages';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { namedProducts } from '../products/product-catalog';
import type { PlanSummary, PlanView } from './plans.schemas';

export const planSummarySelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  parentId: true,
  periodStart: true,
  periodEnd: true,
  revenueTarget: true,
  currency: true,
  goals: true,
  product: true,
  approverIds: true,
  remindAfter: true,
  authorId: true,
  submittedAt: true,
  decidedAt: true,
  decidedById: true,
  decidedOnBehalf: true,
  rejectionReason: true,
  expiredAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.PlanSelect;
type SummaryRow = Prisma.PlanGetPayload<{ select: typeof planSummarySelect }>;

/** A @db.Date as the API shows it: YYYY-MM-DD. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

export function toPlanSummary(row: SummaryRow): PlanSummary {
  return {
    ...row,
    periodStart: dayOf(row.periodStart),
    periodEnd: dayOf(row.periodEnd),
    revenueTarget: row.revenueTarget === null ? null : row.revenueTarget.toNumber(),
    submittedAt: isoOrNull(row.submittedAt),
    decidedAt: isoOrNull(row.decidedAt),
    expiredAt: isoOrNull(row.expiredAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const linkSelect = { id: true, name: true, status: true, periodStart: true, periodEnd: true } as const satisfies Prisma.PlanSelect;
const toLink = (row: Prisma.PlanGetPayload<{ select: typeof linkSelect }>) => ({ ...row, periodStart: dayOf(row.periodStart), periodEnd: dayOf(row.periodEnd) });

export const planNotFound = (planId: string, path = 'path.id') => new AppError('NOT_FOUND', `No plan ${planId}`, [{ path, message: 'no such plan' }]);

/** A plan with its parent, children, objectives, the number of accounts it applies to and its newest 100 events. */
export async function getPlanView(db: DbClient, planId: string): Promise<PlanView> {
  const row = await db.plan.findUnique({
    where: { id: planId },
    select: {
      ...planSummarySelect,
      parent: { select: linkSelect },
      children: { select: linkSelect, orderBy: [{ periodStart: 'asc' }, { id: 'asc' }] },
      objectives: { select: { id: true, name: true, kind: true, target: true, unit: true, appliesToAll: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      events: { select: { id: true, kind: true, message: true, details: true, byUserId: true, at: true }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: 100 },
    },
  });
  if (!row) throw planNotFound(planId);
  const { parent, children, objectives, events, ...summary } = row;
  const [accountsApplied, products] = await Promise.all([db.planAccount.count({ where: { planId } }), namedProducts(db, 'plan', [planId])]);
  return {
    ...toPlanSummary(summary),
    workflowId: summary.status === 'DRAFT' ? null : planWorkflowId(planId),
    parent: parent ? toLink(parent) : null,
    children: children.map(toLink),
    objectives: { count: objectives.length, items: objectives.map((objective) => ({ ...objective, target: objective.target.toNumber() })) },
    accountsApplied,
    products: products.get(planId) ?? [],
    history: events.map((event) => ({ ...event, at: event.at.toISOString() })),
  };
}
