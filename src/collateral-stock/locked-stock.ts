import { AppError, invalidField } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { toCents } from '../schemas/cents';

// A stock line under its row lock: every change of quantities (receipts, counts, reservations,
// shipments, releases, returns) takes it first, so two changes at once never both count the same
// copies. Locks are taken in one order everywhere: the collateral item (shared), then the stock line,
// then any budget.

export interface LockedItem {
  id: string;
  name: string;
  status: 'DRAFT' | 'APPROVED' | 'RETIRED';
}

export interface LockedStock {
  id: string;
  itemId: string;
  locationId: string;
  itemName: string;
  itemStatus: LockedItem['status'];
  locationName: string;
  onHand: number;
  /** Cents. */
  value: bigint;
  currency: string | null;
  /** Copies held by RESERVED reservations. */
  reserved: number;
  /** Copies asked by WAITING reservations, and how many they are. */
  waiting: number;
  waitingCount: number;
}

/**
 * The item, share-locked: a status change (approve, retire) waits for this transaction, so the
 * status checked here still holds when it commits. A missing item is a 400 naming `path`.
 */
export async function lockItem(tx: Prisma.TransactionClient, itemId: string, path: string): Promise<LockedItem> {
  const [item] = await tx.$queryRaw<LockedItem[]>`SELECT id::text, name, status::text FROM collateral_items WHERE id = CAST(${itemId} AS uuid) FOR SHARE`;
  if (!item) throw invalidField(path, `no collateral item ${itemId}`);
  return item;
}

async function locationName(tx: Prisma.TransactionClient, locationId: string, path: string): Promise<string> {
  const [location] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM stock_locations WHERE id = CAST(${locationId} AS uuid)`;
  if (!location) throw invalidField(path, `no stock location ${locationId}`);
  return location.name;
}

/** The quantities the line's reservations hold; read under the line's lock. */
async function reservationTotals(tx: Prisma.TransactionClient, stockId: string) {
  const [row] = await tx.$queryRaw<{ reserved: number; waiting: number; waitingCount: number }[]>`
    SELECT COALESCE(sum(quantity) FILTER (WHERE status = 'RESERVED'), 0)::int AS reserved,
      COALESCE(sum(quantity) FILTER (WHERE status = 'WAITING'), 0)::int AS waiting,
      count(*) FILTER (WHERE status = 'WAITING')::int AS "waitingCount"
    FROM collateral_reservations WHERE stock_id = CAST(${stockId} AS uuid) AND status IN ('RESERVED', 'WAITING')`;
  return row!;
}

async function lockLine(tx: Prisma.TransactionClient, item: LockedItem, locationId: string, location: string, stockId: string): Promise<LockedStock> {
  const [line] = await tx.$queryRaw<{ id: string; onHand: number; value: string; currency: string | null }[]>`
    SELECT id::text, on_hand AS "onHand", value::text, currency FROM collateral_stock WHERE id = CAST(${stockId} AS uuid) FOR UPDATE`;
  if (!line) throw new AppError('NOT_FOUND', `No stock line ${stockId}`);
  const totals = await reservationTotals(tx, line.id);
  return { id: line.id, itemId: item.id, locationId, itemName: item.name, itemStatus: item.status, locationName: location, onHand: line.onHand, value: toCents(line.value), currency: line.currency, ...totals };
}

/**
 * The stock line of an item at a location, locked; created empty when there is none yet (the first
 * receipt, count or waiting reservation makes it). Missing item or location: a 400 at body.itemId or
 * body.locationId.
 */
export async function lockStockOf(tx: Prisma.TransactionClient, itemId: string, locationId: string): Promise<LockedStock> {
  const item = await lockItem(tx, itemId, 'body.itemId');
  const location = await locationName(tx, locationId, 'body.locationId');
  // Two first receipts at once: one inserts, the other finds its row.
  await tx.$executeRaw`
    INSERT INTO collateral_stock (id, item_id, location_id, updated_at) VALUES (gen_random_uuid(), CAST(${itemId} AS uuid), CAST(${locationId} AS uuid), now())
    ON CONFLICT (item_id, location_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM collateral_stock WHERE item_id = CAST(${itemId} AS uuid) AND location_id = CAST(${locationId} AS uuid)`;
  return lockLine(tx, item, locationId, location, row!.id);
}

/** The stock line a reservation draws on, locked (its item first, as everywhere). */
export async function lockStockById(tx: Prisma.TransactionClient, stockId: string): Promise<LockedStock> {
  const [row] = await tx.$queryRaw<{ itemId: string; locationId: string; locationName: string }[]>`
    SELECT s.item_id::text AS "itemId", s.location_id::text AS "locationId", l.name AS "locationName"
    FROM collateral_stock s JOIN stock_locations l ON l.id = s.location_id WHERE s.id = CAST(${stockId} AS uuid)`;
  if (!row) throw new AppError('NOT_FOUND', `No stock line ${stockId}`);
  const item = await lockItem(tx, row.itemId, 'itemId');
  return lockLine(tx, item, row.locationId, row.locationName, stockId);
}

/** What a new reservation may take: what is available once the waiting ones, first in line, are served. */
export const freeForNewReservations = (stock: LockedStock) => Math.max(0, stock.onHand - stock.reserved - stock.waiting);

export const describeLine = (stock: Pick<LockedStock, 'itemName' | 'locationName'>) => `"${stock.itemName}" at "${stock.locationName}"`;
