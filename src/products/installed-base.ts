import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma, type Opportunity } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import type { InstalledProductPage, InstalledProductsQuery } from './line-items.schemas';

// The installed base: what an account has bought, one line per WON deal and product.

/**
 * Brings the installed base in line with a deal: a WON deal's line items (quantities of one product added
 * up) are the account's products since the day it was won; any other stage has none. Idempotent: saving the
 * deal again, or winning it twice, changes nothing; a line item changed on a WON deal changes its quantity,
 * never its `since`. Runs in the transaction that changed the deal.
 */
export async function syncInstalledBase(tx: DbClient, deal: Pick<Opportunity, 'id' | 'accountId' | 'stage'>): Promise<void> {
  if (deal.stage !== 'WON') {
    await tx.installedProduct.deleteMany({ where: { sourceOpportunityId: deal.id } });
    return;
  }
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  await tx.$executeRaw`
    INSERT INTO installed_products (id, account_id, product_id, quantity, since, source_opportunity_id)
    SELECT gen_random_uuid(), CAST(${deal.accountId} AS uuid), li.product_id, sum(li.quantity), CAST(${today} AS date), li.opportunity_id
    FROM opportunity_line_items li WHERE li.opportunity_id = CAST(${deal.id} AS uuid)
    GROUP BY li.opportunity_id, li.product_id
    ON CONFLICT (source_opportunity_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, account_id = EXCLUDED.account_id`;
  await tx.$executeRaw`
    DELETE FROM installed_products ip WHERE ip.source_opportunity_id = CAST(${deal.id} AS uuid)
      AND NOT EXISTS (SELECT 1 FROM opportunity_line_items li WHERE li.opportunity_id = ip.source_opportunity_id AND li.product_id = ip.product_id)`;
}

/** The account's installed products, newest first (since, then id); whoever may see the account reads them. */
export async function listInstalledProducts(db: DbClient, caller: AccountCaller, accountId: string, query: InstalledProductsQuery): Promise<InstalledProductPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const after = query.cursor;
  const rows = await db.installedProduct.findMany({
    where: { accountId, ...(after ? { OR: [{ since: { lt: after.at } }, { since: after.at, id: { lt: after.id } }] } : {}) },
    include: { product: { select: { code: true, name: true, family: true } }, sourceOpportunity: { select: { name: true } } },
    orderBy: [{ since: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      productId: row.productId,
      productCode: row.product.code,
      productName: row.product.name,
      productFamily: row.product.family,
      quantity: Number(new Prisma.Decimal(row.quantity).toFixed(2)),
      since: row.since.toISOString().slice(0, 10),
      sourceOpportunityId: row.sourceOpportunityId,
      sourceOpportunityName: row.sourceOpportunity.name,
    })),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.since, last.id) : null,
  };
}
