import { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { fromCents, toCents } from '../schemas/cents';
import type { ReservationListQuery, ReservationView } from './stock.schemas';

// Reservations as the API shows them: with their item, location, campaign or event, place in the
// waiting list and what they cost.

interface ReservationRow extends Omit<ReservationView, 'usedCost' | 'reservedAt' | 'releasedAt' | 'createdAt'> {
  reservedAt: Date | null;
  releasedAt: Date | null;
  createdAt: Date;
}

const toView = (row: ReservationRow): ReservationView => ({
  ...row,
  usedCost: row.shippedCost === null ? null : fromCents(toCents(row.shippedCost) - toCents(row.returnedCost)),
  reservedAt: row.reservedAt?.toISOString() ?? null,
  releasedAt: row.releasedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Reservations matching `where` (an SQL condition on `r`), in `order`. */
export async function reservationsWhere(db: DbClient, where: Prisma.Sql, order: Prisma.Sql = Prisma.sql`r.seq`, limit = 10_000): Promise<ReservationView[]> {
  const rows = await db.$queryRaw<ReservationRow[]>`
    SELECT r.id::text, r.stock_id::text AS "stockId", s.item_id::text AS "itemId", i.name AS "itemName", s.location_id::text AS "locationId", l.name AS "locationName",
      r.campaign_id::text AS "campaignId", r.event_id::text AS "eventId", COALESCE(c.name, e.name, '') AS "workName", r.quantity,
      to_char(r.needed_by, 'YYYY-MM-DD') AS "neededBy", r.note, r.status::text AS status,
      CASE WHEN r.status = 'WAITING' THEN (SELECT count(*)::int FROM collateral_reservations w WHERE w.stock_id = r.stock_id AND w.status = 'WAITING' AND w.seq <= r.seq) END AS "waitingPosition",
      r.reserved_at AS "reservedAt", to_char(r.shipped_on, 'YYYY-MM-DD') AS "shippedOn", r.destination, r.shipped_cost::text AS "shippedCost",
      r.returned_quantity AS "returnedQuantity", r.returned_cost::text AS "returnedCost", r.cost_currency AS "costCurrency", r.budget_entry_id::text AS "budgetEntryId",
      r.released_at AS "releasedAt", r.release_reason AS "releaseReason", r.created_by_id::text AS "createdById", r.created_at AS "createdAt"
    FROM collateral_reservations r
    JOIN collateral_stock s ON s.id = r.stock_id JOIN collateral_items i ON i.id = s.item_id JOIN stock_locations l ON l.id = s.location_id
    LEFT JOIN campaigns c ON c.id = r.campaign_id LEFT JOIN events e ON e.id = r.event_id
    WHERE ${where}
    ORDER BY ${order}
    LIMIT ${limit}`;
  return rows.map(toView);
}

export async function getReservation(db: DbClient, id: string): Promise<ReservationView> {
  const [reservation] = await reservationsWhere(db, Prisma.sql`r.id = CAST(${id} AS uuid)`);
  if (!reservation) throw new AppError('NOT_FOUND', `No collateral reservation ${id}`);
  return reservation;
}

export async function listReservations(db: DbClient, query: ReservationListQuery): Promise<{ items: ReservationView[] }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`true`];
  if (query.status) conditions.push(Prisma.sql`r.status = CAST(${query.status} AS "CollateralReservationStatus")`);
  if (query.stockId) conditions.push(Prisma.sql`r.stock_id = CAST(${query.stockId} AS uuid)`);
  if (query.itemId) conditions.push(Prisma.sql`s.item_id = CAST(${query.itemId} AS uuid)`);
  if (query.locationId) conditions.push(Prisma.sql`s.location_id = CAST(${query.locationId} AS uuid)`);
  if (query.campaignId) conditions.push(Prisma.sql`r.campaign_id = CAST(${query.campaignId} AS uuid)`);
  if (query.eventId) conditions.push(Prisma.sql`r.event_id = CAST(${query.eventId} AS uuid)`);
  return { items: await reservationsWhere(db, Prisma.join(conditions, ' AND '), Prisma.sql`r.seq DESC`, query.limit) };
}
