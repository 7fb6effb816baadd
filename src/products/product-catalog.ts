import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db, DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError, type ErrorDetail } from '../errors/app-error';
import { Prisma, type Product, type ProductPrice } from '../generated/prisma/client';
import { utcDay } from '../schemas/days';
import { encodePageCursor } from '../schemas/page-cursor';
import type { CreateProductRequest, ListProductsQuery, ProductPage, ProductRef, ProductView, UpdateProductRequest } from './products.schemas';

// The product catalog: create, list with filters, read, change (the price list replaced whole), retire.

type ProductRow = Product & { prices: ProductPrice[] };

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export function toProductView(row: ProductRow): ProductView {
  const prices = [...row.prices].sort((a, b) => a.currency.localeCompare(b.currency) || (day(a.validFrom) ?? '').localeCompare(day(b.validFrom) ?? ''));
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    family: row.family,
    description: row.description,
    active: row.retiredAt === null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    prices: prices.map((price) => ({ currency: price.currency, unitPrice: Number(price.unitPrice.toFixed(2)), validFrom: day(price.validFrom) })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const productNotFound = (id: string) => new AppError('NOT_FOUND', `No product ${id}`, [{ path: 'path.id', message: 'no such product' }]);
const codeTaken = (code: string) =>
  new AppError('CONFLICT', `A product with the code "${code}" exists already`, [{ path: 'body.code', message: `"${code}" is already the code of another product (codes are compared whatever their case): choose another code` }]);

const priceRows = (prices: CreateProductRequest['prices']) =>
  prices.map((price) => ({ currency: price.currency, unitPrice: new Prisma.Decimal(price.unitPrice.toFixed(2)), validFrom: price.validFrom ? utcDay(price.validFrom) : null }));

const audited = (row: ProductRow) => {
  const view = toProductView(row);
  return { code: view.code, name: view.name, family: view.family, description: view.description, prices: view.prices, active: view.active };
};

/** Turns the unique index's refusal (two creations racing, or a code already used) into a 409 naming body.code. */
async function withCodeCheck<T>(code: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (code !== undefined && isUniqueViolation(error)) throw codeTaken(code);
    throw error;
  }
}

export async function createProduct(db: Db, caller: Pick<Caller, 'id'>, body: CreateProductRequest): Promise<ProductView> {
  return withCodeCheck(body.code, () =>
    db.$transaction(async (tx) => {
      const created = await tx.product.create({
        data: {
          code: body.code, codeKey: body.code.toLowerCase(), name: body.name, family: body.family, description: body.description ?? null, createdById: caller.id,
          prices: { create: priceRows(body.prices) },
        },
        include: { prices: true },
      });
      await recordAudit(tx, { actorId: caller.id, action: 'product.create', entityType: 'product', entityId: created.id, after: audited(created) });
      return toProductView(created);
    }),
  );
}

export async function getProduct(db: DbClient, id: string): Promise<ProductView> {
  const row = await db.product.findUnique({ where: { id }, include: { prices: true } });
  if (!row) throw productNotFound(id);
  return toProductView(row);
}

/** Newest first, filtered by family, text and whether on offer. */
export async function listProducts(db: DbClient, query: ListProductsQuery): Promise<ProductPage> {
  const and: Prisma.ProductWhereInput[] = [];
  if (query.family) and.push({ family: { equals: query.family, mode: 'insensitive' } });
  if (query.active !== undefined) and.push({ retiredAt: query.active ? null : { not: null } });
  if (query.q) {
    and.push({ OR: [{ code: { contains: query.q, mode: 'insensitive' } }, { name: { contains: query.q, mode: 'insensitive' } }, { description: { contains: query.q, mode: 'insensitive' } }] });
  }
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.product.findMany({ where: { AND: and }, include: { prices: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toProductView), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}

/** The families in use, for the catalog's filter and form. */
export async function listProductFamilies(db: DbClient): Promise<{ items: string[] }> {
  const rows = await db.$queryRaw<{ family: string }[]>`SELECT DISTINCT ON (lower(family)) family FROM products ORDER BY lower(family), family`;
  return { items: rows.map((row) => row.family) };
}

async function lockProduct(tx: Prisma.TransactionClient, id: string): Promise<ProductRow> {
  await tx.$queryRaw`SELECT 1 FROM products WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
  const row = await tx.product.findUnique({ where: { id }, include: { prices: true } });
  if (!row) throw productNotFound(id);
  return row;
}

/**
 * Changes what the body names; `prices` replaces the whole price list. Deals keep the prices their line
 * items were given: a new price applies to the line items added afterwards.
 */
export async function updateProduct(db: Db, caller: Pick<Caller, 'id'>, id: string, body: UpdateProductRequest): Promise<ProductView> {
  return withCodeCheck(body.code, () =>
    db.$transaction(async (tx) => {
      const before = await lockProduct(tx, id);
      if (body.prices) {
        await tx.productPrice.deleteMany({ where: { productId: id } });
        await tx.productPrice.createMany({ data: priceRows(body.prices).map((price) => ({ ...price, productId: id })) });
      }
      const after = await tx.product.update({
        where: { id },
        data: { code: body.code, codeKey: body.code?.toLowerCase(), name: body.name, family: body.family, description: body.description },
        include: { prices: true },
      });
      await recordAudit(tx, { actorId: caller.id, action: 'product.update', entityType: 'product', entityId: id, before: audited(before), after: audited(after) });
      return toProductView(after);
    }),
  );
}

/** Retires a product (or offers it again): retired, it stays on past deals and installed bases but is not added to deals. */
export async function setProductActive(db: Db, caller: Pick<Caller, 'id'>, id: string, active: boolean): Promise<ProductView> {
  return db.$transaction(async (tx) => {
    const before = await lockProduct(tx, id);
    if ((before.retiredAt === null) === active) return toProductView(before);
    const after = await tx.product.update({ where: { id }, data: { retiredAt: active ? null : new Date() }, include: { prices: true } });
    await recordAudit(tx, {
      actorId: caller.id, action: active ? 'product.reactivate' : 'product.retire', entityType: 'product', entityId: id,
      before: { active: !active }, after: { active },
    });
    return toProductView(after);
  });
}

/**
 * The unit price of a product in a currency on a day: of its prices in that currency, the one with the
 * latest start day not after `on` (a price without a start day applies always). Undefined when none.
 */
export function priceOn(prices: Pick<ProductPrice, 'currency' | 'unitPrice' | 'validFrom'>[], currency: string, on: Date): Prisma.Decimal | undefined {
  const started = prices
    .filter((price) => price.currency === currency && (price.validFrom === null || price.validFrom.getTime() <= on.getTime()))
    .sort((a, b) => (a.validFrom?.getTime() ?? -Infinity) - (b.validFrom?.getTime() ?? -Infinity));
  return started.at(-1)?.unitPrice;
}

/**
 * productIds of an objective or a plan, checked against the catalog: each unknown one is a detail at its
 * place (`<path>.<index>`). Retired products may be named (a plan about last year's products).
 */
export async function checkProductIds(db: DbClient, ids: readonly string[] | undefined, path: string): Promise<ErrorDetail[]> {
  if (!ids || ids.length === 0) return [];
  const found = new Set((await db.product.findMany({ where: { id: { in: [...ids] } }, select: { id: true } })).map((row) => row.id));
  return ids.flatMap((id, index) => (found.has(id) ? [] : [{ path: `${path}.${index}`, message: `No product ${id} in the catalog: pick one from the product list` }]));
}

/** The products named by objectives (or plans), by owner id, in code order. */
export async function namedProducts(db: DbClient, table: 'objective' | 'plan', ownerIds: readonly string[]): Promise<Map<string, ProductRef[]>> {
  const byOwner = new Map<string, ProductRef[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = table === 'objective'
    ? await db.$queryRaw<{ owner_id: string; id: string; code: string; name: string }[]>`
        SELECT op.objective_id::text AS owner_id, p.id::text, p.code, p.name FROM objective_products op JOIN products p ON p.id = op.product_id
        WHERE op.objective_id = ANY(CAST(${[...ownerIds]} AS uuid[])) ORDER BY p.code_key, p.id`
    : await db.$queryRaw<{ owner_id: string; id: string; code: string; name: string }[]>`
        SELECT pp.plan_id::text AS owner_id, p.id::text, p.code, p.name FROM plan_products pp JOIN products p ON p.id = pp.product_id
        WHERE pp.plan_id = ANY(CAST(${[...ownerIds]} AS uuid[])) ORDER BY p.code_key, p.id`;
  for (const row of rows) byOwner.set(row.owner_id, [...(byOwner.get(row.owner_id) ?? []), { id: row.id, code: row.code, name: row.name }]);
  return byOwner;
}
