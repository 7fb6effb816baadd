import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { fromCents, toCents } from '../schemas/cents';
import { reservationsWhere } from './reservation-views';
import type { ItemUsage, ReservationView, WorkUsage } from './stock.schemas';

// Which collateral each campaign and event used, how many and at what cost; and, per item, which
// campaigns and events used it. Released reservations used nothing and are left out of the sums.

interface Counts {
  reserved: number;
  waiting: number;
  shipped: number;
  returned: number;
  used: number;
  costs: { currency: string; amount: string }[];
}

/** Sums reservations' quantities and their cost net of returns, per currency (there is no conversion). */
function sum(reservations: ReservationView[]): Counts {
  const cents = new Map<string, bigint>();
  const counts = { reserved: 0, waiting: 0, shipped: 0, returned: 0, used: 0 };
  for (const reservation of reservations) {
    if (reservation.status === 'RESERVED') counts.reserved += reservation.quantity;
    if (reservation.status === 'WAITING') counts.waiting += reservation.quantity;
    if (reservation.status !== 'SHIPPED') continue;
    counts.shipped += reservation.quantity;
    counts.returned += reservation.returnedQuantity;
    counts.used += reservation.quantity - reservation.returnedQuantity;
    if (reservation.costCurrency && reservation.usedCost) cents.set(reservation.costCurrency, (cents.get(reservation.costCurrency) ?? 0n) + toCents(reservation.usedCost));
  }
  const costs = [...cents].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount: fromCents(amount) }));
  return { ...counts, costs };
}

function groupBy<K>(reservations: ReservationView[], key: (reservation: ReservationView) => K): Map<K, ReservationView[]> {
  const groups = new Map<K, ReservationView[]>();
  for (const reservation of reservations) groups.set(key(reservation), [...(groups.get(key(reservation)) ?? []), reservation]);
  return groups;
}

const counted = (reservations: ReservationView[]) => reservations.filter((reservation) => reservation.status !== 'RELEASED');

export async function campaignUsage(db: DbClient, campaignId: string): Promise<WorkUsage> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { name: true } });
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`);
  return workUsage(db, { campaignId, eventId: null, name: campaign.name }, Prisma.sql`r.campaign_id = CAST(${campaignId} AS uuid)`);
}

export async function eventUsage(db: DbClient, eventId: string): Promise<WorkUsage> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { name: true } });
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`);
  return workUsage(db, { campaignId: null, eventId, name: event.name }, Prisma.sql`r.event_id = CAST(${eventId} AS uuid)`);
}

async function workUsage(db: DbClient, work: Pick<WorkUsage, 'campaignId' | 'eventId' | 'name'>, where: Prisma.Sql): Promise<WorkUsage> {
  const reservations = await reservationsWhere(db, where);
  const byItem = groupBy(counted(reservations), (reservation) => reservation.itemId);
  const items = [...byItem.values()]
    .map((group) => ({ itemId: group[0]!.itemId, itemName: group[0]!.itemName, ...sum(group) }))
    .sort((a, b) => a.itemName.localeCompare(b.itemName));
  return { ...work, reservations, items, costs: sum(reservations).costs };
}

/** Every campaign and event that reserved the item, by name. Sellers see APPROVED items only, as in the library. */
export async function itemUsage(db: DbClient, caller: Pick<Caller, 'role'>, itemId: string): Promise<ItemUsage> {
  const item = await db.collateralItem.findUnique({ where: { id: itemId }, select: { name: true, status: true } });
  if (!item || (caller.role === 'manager' && item.status !== 'APPROVED')) throw new AppError('NOT_FOUND', `No collateral item ${itemId}`);
  const reservations = counted(await reservationsWhere(db, Prisma.sql`s.item_id = CAST(${itemId} AS uuid)`));
  const byWork = groupBy(reservations, (reservation) => reservation.campaignId ?? reservation.eventId);
  const work = [...byWork.values()]
    .map((group) => ({ campaignId: group[0]!.campaignId, eventId: group[0]!.eventId, name: group[0]!.workName, ...sum(group) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { itemId, itemName: item.name, work, costs: sum(reservations).costs };
}
