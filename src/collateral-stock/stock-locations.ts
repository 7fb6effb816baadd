import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db, DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { StockLocation } from '../generated/prisma/client';
import type { CreateStockLocationRequest, StockLocationList, StockLocationView } from './stock.schemas';

// Named places where printed collateral is kept. A name is one place: "Paris warehouse" and
// "paris warehouse" are the same one.

const toView = (location: StockLocation): StockLocationView => ({ id: location.id, name: location.name, address: location.address, createdAt: location.createdAt.toISOString() });

const sameName = (name: string) => new AppError('CONFLICT', `A stock location is named "${name}" already`, [{ path: 'body.name', message: 'taken by another location' }]);

export async function listStockLocations(db: DbClient): Promise<StockLocationList> {
  const locations = await db.$queryRaw<StockLocation[]>`
    SELECT id::text, name, address, created_by_id AS "createdById", created_at AS "createdAt", updated_at AS "updatedAt" FROM stock_locations ORDER BY lower(name), id`;
  return { items: locations.map(toView) };
}

export async function createStockLocation(db: Db, caller: Caller, body: CreateStockLocationRequest): Promise<StockLocationView> {
  return db.$transaction(async (tx) => {
    // One creation at a time, so two names differing only in case cannot both pass the check below.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('stock_locations'))`;
    const [taken] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM stock_locations WHERE lower(name) = lower(${body.name})`;
    if (taken) throw sameName(taken.name);
    const location = await tx.stockLocation.create({ data: { name: body.name, address: body.address ?? null, createdById: caller.id } });
    await recordAudit(tx, { actorId: caller.id, action: 'stock-location.create', entityType: 'stockLocation', entityId: location.id, after: { name: location.name, address: location.address } });
    return toView(location);
  });
}
