import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { toCents } from '../schemas/cents';
import { reservationsWhere } from './reservation-views';
import { averageUnitCost } from './stock-money';
import type { StockLineDetail, StockLineView, StockListQuery, StockMovementView } from './stock.schemas';

// Stock lines as the API shows them. Sellers (managers) see the library's APPROVED items only, and
// so only their stock: any other line is to them as an unknown id, as in the library itself.

const keepsStock = (caller: Pick<Caller, 'role'>) => caller.role === 'marketer' || caller.role === 'admin';

type LineRow = Omit<StockLineView, 'averageUnitCost' | 'available'>;

async function linesWhere(db: DbClient, where: Prisma.Sql): Promise<StockLineView[]> {
  const rows = await db.$queryRaw<LineRow[]>`
    SELECT s.id::text, s.item_id::text AS "itemId", i.name AS "itemName", i.kind::text AS "itemKind", i.status::text AS "itemStatus",
      s.location_id::text AS "locationId", l.name AS "locationName", s.on_hand AS "onHand", s.value::text AS value, s.currency,
      COALESCE(r.reserved, 0)::int AS reserved, COALESCE(r.waiting, 0)::int AS waiting, COALESCE(r.waiting_count, 0)::int AS "waitingReservations"
    FROM collateral_stock s JOIN collateral_items i ON i.id = s.item_id JOIN stock_locations l ON l.id = s.location_id
    LEFT JOIN LATERAL (
      SELECT sum(quantity) FILTER (WHERE status = 'RESERVED') AS reserved, sum(quantity) FILTER (WHERE status = 'WAITING') AS waiting,
        count(*) FILTER (WHERE status = 'WAITING') AS waiting_count
      FROM collateral_reservations WHERE stock_id = s.id AND status IN ('RESERVED', 'WAITING')
    ) r ON true
    WHERE ${where}
    ORDER BY lower(i.name), i.id, lower(l.name), l.id`;
  return rows.map((row) => ({ ...row, available: row.onHand - row.reserved, averageUnitCost: averageUnitCost(toCents(row.value), row.onHand) }));
}

export async function listStock(db: DbClient, caller: Pick<Caller, 'role'>, query: StockListQuery): Promise<{ items: StockLineView[] }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`true`];
  if (query.itemId) conditions.push(Prisma.sql`s.item_id = CAST(${query.itemId} AS uuid)`);
  if (query.locationId) conditions.push(Prisma.sql`s.location_id = CAST(${query.locationId} AS uuid)`);
  if (query.itemStatus) conditions.push(Prisma.sql`i.status::text = ${query.itemStatus}`);
  if (!keepsStock(caller)) conditions.push(Prisma.sql`i.status = 'APPROVED'`);
  if (query.q) conditions.push(Prisma.sql`strpos(lower(i.name), lower(${query.q})) > 0`);
  return { items: await linesWhere(db, Prisma.join(conditions, ' AND ')) };
}

/** One line, as anyone may see it. */
export async function stockLine(db: DbClient, stockId: string): Promise<StockLineView> {
  const [line] = await linesWhere(db, Prisma.sql`s.id = CAST(${stockId} AS uuid)`);
  if (!line) throw new AppError('NOT_FOUND', `No stock line ${stockId}`);
  return line;
}

interface MovementRow extends Omit<StockMovementView, 'at'> {
  at: Date;
}

export async function movementsWhere(db: DbClient, where: Prisma.Sql): Promise<StockMovementView[]> {
  const rows = await db.$queryRaw<MovementRow[]>`
    SELECT m.id::text, m.kind::text AS kind, m.quantity, m.on_hand_after AS "onHandAfter", m.value_change::text AS "valueChange", m.currency,
      m.unit_cost::text AS "unitCost", m.counted_quantity AS "countedQuantity", m.reservation_id::text AS "reservationId", to_char(m.day, 'YYYY-MM-DD') AS day,
      m.reference, m.note, m.actor_id::text AS "actorId", u.name AS "actorName", m.at
    FROM collateral_stock_movements m LEFT JOIN users u ON u.id = m.actor_id
    WHERE ${where}
    ORDER BY m.seq`;
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** A line with its reservations (in the order made) and its history (oldest first). */
export async function getStockLine(db: DbClient, caller: Pick<Caller, 'role'>, stockId: string): Promise<StockLineDetail> {
  const line = await stockLine(db, stockId);
  if (!keepsStock(caller) && line.itemStatus !== 'APPROVED') throw new AppError('NOT_FOUND', `No stock line ${stockId}`);
  const [reservations, movements] = await Promise.all([
    reservationsWhere(db, Prisma.sql`r.stock_id = CAST(${stockId} AS uuid)`),
    movementsWhere(db, Prisma.sql`m.stock_id = CAST(${stockId} AS uuid)`),
  ]);
  return { ...line, reservations, movements };
}
