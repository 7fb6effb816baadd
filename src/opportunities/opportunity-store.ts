import { randomUUID } from 'node:crypto';
import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import { encodePageCursor } from '../schemas/page-cursor';
import { utcDay as day } from '../schemas/days';
import type { Db, DbClient } from '../db/prisma';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { Prisma, type Account, type Opportunity } from '../generated/prisma/client';
import { checkPlanLinks, linkError } from '../plan-progress/plan-links';
import { syncInstalledBase } from '../products/installed-base';
import { lineItemRefusals } from '../products/line-items';
import type { CreateOpportunityRequest, ListOpportunitiesQuery, OpportunityPage, OpportunityView, UpdateOpportunityRequest } from './opportunities.schemas';

const money = (value: Prisma.Decimal) => Number(value.toFixed(2));

export function toOpportunityView(row: Opportunity): OpportunityView {
  return {
    id: row.id,
    accountId: row.accountId,
    name: row.name,
    amount: money(row.amount),
    currency: row.currency,
    stage: row.stage,
    expectedCloseDate: row.expectedCloseDate ? row.expectedCloseDate.toISOString().slice(0, 10) : null,
    planId: row.planId,
    objectiveId: row.objectiveId,
    campaignSourceId: row.campaignSourceId,
    ownerId: row.ownerId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Creates a deal on an account the caller may change (a manager: one they own; an admin: any account
 * not archived). Every unknown reference is a 400 naming its field; an account a manager may not see
 * answers exactly as an unknown one, so its existence does not leak.
 */
export async function createOpportunity(db: Db, caller: AccountCaller, request: CreateOpportunityRequest): Promise<OpportunityView> {
  const details: ErrorDetail[] = [];
  const account = await accountForWrite(db, caller, request.accountId, details);
  const { links, details: linkDetails } = await checkPlanLinks(db, request);
  details.push(...linkDetails, ...(await checkCampaignSource(db, request.campaignSourceId)));
  if (details.length > 0 || !account) throw linkError(details);
  const created = await db.opportunity.create({
    data: {
      id: randomUUID(),
      accountId: account.id,
      name: request.name,
      amount: new Prisma.Decimal(request.amount.toFixed(2)),
      currency: request.currency,
      stage: request.stage,
      expectedCloseDate: request.expectedCloseDate ? day(request.expectedCloseDate) : null,
      planId: links.planId,
      objectiveId: links.objectiveId,
      campaignSourceId: request.campaignSourceId ?? null,
      ownerId: account.ownerId,
      createdById: caller.id,
    },
  });
  return toOpportunityView(created);
}

/** Changes what the request names; the row is locked while checked and written, so two edits do not interleave. */
export async function updateOpportunity(db: Db, caller: AccountCaller, id: string, request: UpdateOpportunityRequest): Promise<OpportunityView> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM opportunities WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
    const current = await tx.opportunity.findUnique({ where: { id } });
    if (!current) throw notFound(id);
    await visibleAccount(tx, caller, current, { forWrite: true });
    const { links, details } = await checkPlanLinks(tx, request, { planId: current.planId, objectiveId: current.objectiveId });
    details.push(...(await checkCampaignSource(tx, request.campaignSourceId)), ...(await lineItemRefusals(tx, current, request)));
    if (details.length > 0) throw linkError(details);
    const updated = await tx.opportunity.update({
      where: { id },
      data: {
        name: request.name,
        amount: request.amount === undefined ? undefined : new Prisma.Decimal(request.amount.toFixed(2)),
        currency: request.currency,
        stage: request.stage,
        expectedCloseDate: request.expectedCloseDate === undefined ? undefined : request.expectedCloseDate === null ? null : day(request.expectedCloseDate),
        planId: links.planId,
        objectiveId: links.objectiveId,
        campaignSourceId: request.campaignSourceId,
      },
    });
    // A deal won (or reopened) brings its line items into (or out of) the account's installed base.
    if (updated.stage !== current.stage || updated.stage === 'WON') await syncInstalledBase(tx, updated);
    return toOpportunityView(updated);
  });
}

export async function getOpportunity(db: DbClient, caller: AccountCaller, id: string): Promise<OpportunityView> {
  const row = await db.opportunity.findUnique({ where: { id } });
  if (!row) throw notFound(id);
  await visibleAccount(db, caller, row, { forWrite: false });
  return toOpportunityView(row);
}

/**
 * One page of deals, newest first (createdAt desc, id desc). A manager sees the deals of the accounts
 * they may see (their own, and the pool of unowned NEW accounts); marketers and admins see all.
 */
export async function listOpportunities(db: DbClient, caller: AccountCaller, query: ListOpportunitiesQuery): Promise<OpportunityPage> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.accountId) conditions.push(Prisma.sql`o.account_id = CAST(${query.accountId} AS uuid)`);
  if (query.planId) conditions.push(Prisma.sql`o.plan_id = CAST(${query.planId} AS uuid)`);
  if (query.objectiveId) conditions.push(Prisma.sql`o.objective_id = CAST(${query.objectiveId} AS uuid)`);
  if (query.stage) conditions.push(Prisma.sql`o.stage = ANY(CAST(${query.stage} AS "OpportunityStage"[]))`);
  if (caller.role === 'manager') {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.account_id
      AND (a.owner_id = CAST(${caller.id} AS uuid) OR (a.owner_id IS NULL AND a.status = 'NEW' AND a.archived_at IS NULL)))`);
  }
  if (query.cursor) conditions.push(Prisma.sql`(o.created_at, o.id) < (CAST(${query.cursor.at} AS timestamptz), CAST(${query.cursor.id} AS uuid))`);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT o.id::text AS id FROM opportunities o
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${query.limit + 1}`;
  const pageIds = rows.slice(0, query.limit).map((row) => row.id);
  const found = await db.opportunity.findMany({ where: { id: { in: pageIds } } });
  const byId = new Map(found.map((row) => [row.id, row]));
  const items = pageIds.flatMap((pageId) => {
    const row = byId.get(pageId);
    return row ? [toOpportunityView(row)] : [];
  });
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodePageCursor(new Date(last.createdAt), last.id) : null };
}

/** The account of a new deal, or a detail naming body.accountId (unknown, or not the caller's: the same words). */
async function accountForWrite(db: DbClient, caller: AccountCaller, accountId: string, details: ErrorDetail[]): Promise<Account | undefined> {
  try {
    return await loadAccountForCaller(db, caller, accountId, { forWrite: true });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
    details.push({ path: 'body.accountId', message: `No account ${accountId}${caller.role === 'manager' ? ' among the accounts you may see' : ''}` });
    return undefined;
  }
}

/** The deal's account, checked for the caller; an account they may not see makes the deal itself unknown. */
async function visibleAccount(db: DbClient, caller: AccountCaller, row: Opportunity, options: { forWrite: boolean }): Promise<void> {
  try {
    await loadAccountForCaller(db, caller, row.accountId, options);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound(row.id);
    throw error;
  }
}

async function checkCampaignSource(db: DbClient, campaignSourceId: string | null | undefined): Promise<ErrorDetail[]> {
  if (!campaignSourceId) return [];
  const source = await db.campaignSource.findUnique({ where: { id: campaignSourceId }, select: { id: true } });
  return source ? [] : [{ path: 'body.campaignSourceId', message: `No campaign source ${campaignSourceId}` }];
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No opportunity ${id}`);
}
