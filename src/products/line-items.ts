import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { Db, DbClient } from '../db/prisma';
import { AppError, invalidField } from '../errors/app-error';
import { Prisma, type Opportunity } from '../generated/prisma/client';
import { openStages } from '../opportunities/opportunities.schemas';
import { encodePageCursor } from '../schemas/page-cursor';
import { priceOn } from './product-catalog';
import type {
  AccountDealPage,
  AccountDealsQuery,
  CreateLineItemRequest,
  DealLineItems,
  LineItemView,
  UpdateLineItemRequest,
} from './line-items.schemas';
import { syncInstalledBase } from './installed-base';

// A deal's line items: once a deal has any, its amount is their total (kept in opportunities.amount, so
// every report that sums amounts counts them); a WON deal's line items are the account's installed base.

const MAX_AMOUNT = new Prisma.Decimal('999999999999.99');
/** The largest quantity a Decimal(12,2) holds: the lines of one product, added up for the installed base, stay within it. */
const MAX_QUANTITY = new Prisma.Decimal('9999999999.99');
const money = (value: Prisma.Decimal) => Number(value.toFixed(2));

/** quantity × unitPrice × (1 − discount/100), rounded half up to the cent. */
export function lineTotal(line: { quantity: Prisma.Decimal; unitPrice: Prisma.Decimal; discountPercent: Prisma.Decimal }): Prisma.Decimal {
  return line.quantity.mul(line.unitPrice).mul(new Prisma.Decimal(100).minus(line.discountPercent)).div(100).toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);
}

const itemInclude = { product: { select: { code: true, name: true, family: true } } } as const;
type ItemRow = Prisma.OpportunityLineItemGetPayload<{ include: typeof itemInclude }>;

function toLineItemView(row: ItemRow): LineItemView {
  return {
    id: row.id,
    productId: row.productId,
    productCode: row.product.code,
    productName: row.product.name,
    productFamily: row.product.family,
    quantity: Number(row.quantity.toFixed(2)),
    unitPrice: money(row.unitPrice),
    discountPercent: Number(row.discountPercent.toFixed(2)),
    total: money(lineTotal(row)),
    position: row.position,
  };
}

const dealNotFound = (id: string) => new AppError('NOT_FOUND', `No opportunity ${id}`, [{ path: 'path.id', message: 'no such deal' }]);
const itemNotFound = (id: string) => new AppError('NOT_FOUND', `No line item ${id} on this deal`, [{ path: 'path.itemId', message: 'no such line item on this deal' }]);

/** The deal, locked, on an account the caller may change; one they may not see answers as an unknown deal. */
async function lockDealForWrite(tx: Prisma.TransactionClient, caller: AccountCaller, id: string): Promise<Opportunity> {
  await tx.$queryRaw`SELECT 1 FROM opportunities WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
  const deal = await tx.opportunity.findUnique({ where: { id } });
  if (!deal) throw dealNotFound(id);
  await accountOf(tx, caller, deal, true);
  return deal;
}

async function accountOf(db: DbClient, caller: AccountCaller, deal: Opportunity, forWrite: boolean): Promise<void> {
  try {
    await loadAccountForCaller(db, caller, deal.accountId, { forWrite });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw dealNotFound(deal.id);
    throw error;
  }
}

async function itemsOf(db: DbClient, opportunityIds: string[]): Promise<Map<string, LineItemView[]>> {
  const rows = await db.opportunityLineItem.findMany({ where: { opportunityId: { in: opportunityIds } }, include: itemInclude, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
  const byDeal = new Map<string, LineItemView[]>();
  for (const row of rows) byDeal.set(row.opportunityId, [...(byDeal.get(row.opportunityId) ?? []), toLineItemView(row)]);
  return byDeal;
}

const toDeal = (deal: Opportunity, items: LineItemView[]): DealLineItems => ({
  opportunityId: deal.id, name: deal.name, stage: deal.stage, currency: deal.currency, amount: money(deal.amount), items,
});

export async function getDealLineItems(db: DbClient, caller: AccountCaller, id: string): Promise<DealLineItems> {
  const deal = await db.opportunity.findUnique({ where: { id } });
  if (!deal) throw dealNotFound(id);
  await accountOf(db, caller, deal, false);
  return toDeal(deal, (await itemsOf(db, [id])).get(id) ?? []);
}

/**
 * The deal's amount made the sum of its line totals (left as it is without line items), then the installed
 * base brought in line with it. Refuses a total beyond what an amount can hold.
 */
async function settle(tx: Prisma.TransactionClient, deal: Opportunity, path: string): Promise<Opportunity> {
  const lines = await tx.opportunityLineItem.findMany({ where: { opportunityId: deal.id }, select: { productId: true, quantity: true, unitPrice: true, discountPercent: true } });
  const perProduct = new Map<string, Prisma.Decimal>();
  for (const line of lines) perProduct.set(line.productId, (perProduct.get(line.productId) ?? new Prisma.Decimal(0)).plus(line.quantity));
  if ([...perProduct.values()].some((quantity) => quantity.greaterThan(MAX_QUANTITY))) {
    throw invalidField(path, 'the lines of one product would add up to more than 9,999,999,999.99 units: lower the quantity');
  }
  let updated = deal;
  if (lines.length > 0) {
    const total = lines.reduce((sum, line) => sum.plus(lineTotal(line)), new Prisma.Decimal(0));
    if (total.greaterThan(MAX_AMOUNT)) throw invalidField(path, `the deal's total would be ${total.toFixed(2)}, more than an amount can hold (999,999,999,999.99): lower the quantity or the price`);
    updated = await tx.opportunity.update({ where: { id: deal.id }, data: { amount: total } });
  }
  await syncInstalledBase(tx, updated);
  return updated;
}

async function renumber(tx: Prisma.TransactionClient, order: string[]): Promise<void> {
  for (const [index, itemId] of order.entries()) await tx.opportunityLineItem.update({ where: { id: itemId }, data: { position: index + 1 } });
}

/** Adds a product to the deal; its unit price defaults to the product's current price in the deal's currency. */
export async function addLineItem(db: Db, caller: AccountCaller, id: string, body: CreateLineItemRequest): Promise<DealLineItems> {
  return db.$transaction(async (tx) => {
    const deal = await lockDealForWrite(tx, caller, id);
    const product = await tx.product.findUnique({ where: { id: body.productId }, include: { prices: true } });
    if (!product) throw invalidField('body.productId', `No product ${body.productId} in the catalog: pick one from the product list`);
    if (product.retiredAt) throw invalidField('body.productId', `product ${product.code} "${product.name}" is retired and no longer offered: pick another product`);
    const unitPrice = body.unitPrice === undefined ? priceOn(product.prices, deal.currency, new Date()) : new Prisma.Decimal(body.unitPrice.toFixed(2));
    if (!unitPrice) {
      throw invalidField('body.productId', `product ${product.code} "${product.name}" has no price in ${deal.currency}, the deal's currency: give a unit price, or add a ${deal.currency} price to the product`);
    }
    const last = await tx.opportunityLineItem.aggregate({ where: { opportunityId: id }, _max: { position: true } });
    await tx.opportunityLineItem.create({
      data: {
        opportunityId: id, productId: product.id, quantity: new Prisma.Decimal(body.quantity.toFixed(2)), unitPrice,
        discountPercent: new Prisma.Decimal(body.discountPercent.toFixed(2)), position: (last._max.position ?? 0) + 1,
      },
    });
    const settled = await settle(tx, deal, 'body.quantity');
    return toDeal(settled, (await itemsOf(tx, [id])).get(id) ?? []);
  });
}

export async function updateLineItem(db: Db, caller: AccountCaller, id: string, itemId: string, body: UpdateLineItemRequest): Promise<DealLineItems> {
  return db.$transaction(async (tx) => {
    const deal = await lockDealForWrite(tx, caller, id);
    const item = await tx.opportunityLineItem.findFirst({ where: { id: itemId, opportunityId: id } });
    if (!item) throw itemNotFound(itemId);
    await tx.opportunityLineItem.update({
      where: { id: itemId },
      data: {
        quantity: body.quantity === undefined ? undefined : new Prisma.Decimal(body.quantity.toFixed(2)),
        unitPrice: body.unitPrice === undefined ? undefined : new Prisma.Decimal(body.unitPrice.toFixed(2)),
        discountPercent: body.discountPercent === undefined ? undefined : new Prisma.Decimal(body.discountPercent.toFixed(2)),
      },
    });
    if (body.position !== undefined) {
      const order = (await tx.opportunityLineItem.findMany({ where: { opportunityId: id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } }))
        .map((row) => row.id)
        .filter((other) => other !== itemId);
      order.splice(Math.min(body.position, order.length + 1) - 1, 0, itemId);
      await renumber(tx, order);
    }
    const settled = await settle(tx, deal, body.quantity !== undefined ? 'body.quantity' : 'body.unitPrice');
    return toDeal(settled, (await itemsOf(tx, [id])).get(id) ?? []);
  });
}

/** Removes a line; without line items left, the amount stays at 0 and can be set by hand again. */
export async function removeLineItem(db: Db, caller: AccountCaller, id: string, itemId: string): Promise<DealLineItems> {
  return db.$transaction(async (tx) => {
    const deal = await lockDealForWrite(tx, caller, id);
    const removed = await tx.opportunityLineItem.deleteMany({ where: { id: itemId, opportunityId: id } });
    if (removed.count === 0) throw itemNotFound(itemId);
    const left = await tx.opportunityLineItem.findMany({ where: { opportunityId: id }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true } });
    await renumber(tx, left.map((row) => row.id));
    const settled = left.length > 0 ? await settle(tx, deal, 'path.itemId') : await tx.opportunity.update({ where: { id }, data: { amount: new Prisma.Decimal(0) } });
    if (left.length === 0) await syncInstalledBase(tx, settled);
    return toDeal(settled, (await itemsOf(tx, [id])).get(id) ?? []);
  });
}

/**
 * Checks an opportunity change against its line items (called by updateOpportunity inside its
 * transaction): a deal with line items takes its amount from them and keeps their currency.
 */
export async function lineItemRefusals(tx: DbClient, deal: Opportunity, request: { amount?: number; currency?: string }): Promise<{ path: string; message: string }[]> {
  if (request.amount === undefined && (request.currency === undefined || request.currency === deal.currency)) return [];
  const count = await tx.opportunityLineItem.count({ where: { opportunityId: deal.id } });
  if (count === 0) return [];
  const details: { path: string; message: string }[] = [];
  if (request.amount !== undefined && !new Prisma.Decimal(request.amount.toFixed(2)).equals(deal.amount)) {
    details.push({ path: 'body.amount', message: `the deal has ${count} line item${count === 1 ? '' : 's'}: its amount is their total (${deal.amount.toFixed(2)} ${deal.currency}); change the line items instead` });
  }
  if (request.currency !== undefined && request.currency !== deal.currency) {
    details.push({ path: 'body.currency', message: `the deal's line items are priced in ${deal.currency}: remove them before changing the currency` });
  }
  return details;
}

/** The account's deals with their line items, most recently changed first; a manager: accounts they may see. */
export async function listAccountDeals(db: DbClient, caller: AccountCaller, accountId: string, query: AccountDealsQuery): Promise<AccountDealPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const stages = query.state === 'open' ? [...openStages] : query.state === 'won' ? ['WON' as const] : query.state === 'lost' ? ['LOST' as const] : undefined;
  const after = query.cursor;
  const rows = await db.opportunity.findMany({
    where: {
      accountId,
      ...(stages ? { stage: { in: stages } } : {}),
      ...(after ? { OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const items = await itemsOf(db, page.map((row) => row.id));
  const last = page.at(-1);
  return {
    items: page.map((deal) => ({
      ...toDeal(deal, items.get(deal.id) ?? []),
      expectedCloseDate: deal.expectedCloseDate ? deal.expectedCloseDate.toISOString().slice(0, 10) : null,
      updatedAt: deal.updatedAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.updatedAt, last.id) : null,
  };
}
