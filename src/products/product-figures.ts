import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { openStages } from '../opportunities/opportunities.schemas';
import type { ProductFigures } from './products.schemas';

// Figures per product, read from the line items of deals: for an objective's products, a plan's deals and a
// campaign's return. A line's amount is quantity × unit price × (1 − discount/100), to the cent, as a deal's
// amount adds it up.

const lineAmount = Prisma.sql`round(li.quantity * li.unit_price * (100 - li.discount_percent) / 100, 2)`;
const open = Prisma.sql`CAST(${[...openStages]} AS "OpportunityStage"[])`;

interface FiguresRow {
  product_id: string;
  code: string;
  name: string;
  currency: string | null;
  won_deals: number;
  won_quantity: string;
  won: string;
  pipeline: string;
}

const toFigures = (row: FiguresRow): ProductFigures => ({
  productId: row.product_id,
  code: row.code,
  name: row.name,
  currency: row.currency,
  wonDeals: row.won_deals,
  wonQuantity: Number(row.won_quantity),
  won: Number(row.won),
  pipeline: Number(row.pipeline),
});

/**
 * Figures of the line items of the deals `deals` selects (a query answering opportunity ids), per product
 * and currency, by product code; `named` (a query answering product ids) adds products no deal sold yet
 * and, with `onlyNamed`, leaves the others out.
 */
async function figures(db: DbClient, deals: Prisma.Sql, named: Prisma.Sql, options: { onlyNamed: boolean; currency?: string | null }): Promise<ProductFigures[]> {
  const currency = options.currency === undefined ? Prisma.sql`TRUE` : Prisma.sql`o.currency IS NOT DISTINCT FROM ${options.currency}`;
  const rows = await db.$queryRaw<FiguresRow[]>`
    WITH deals AS (${deals}),
    named AS (${named}),
    sold AS (
      SELECT li.product_id, o.currency,
        count(DISTINCT o.id) FILTER (WHERE o.stage = 'WON')::int AS won_deals,
        COALESCE(sum(li.quantity) FILTER (WHERE o.stage = 'WON'), 0) AS won_quantity,
        COALESCE(sum(${lineAmount}) FILTER (WHERE o.stage = 'WON'), 0) AS won,
        COALESCE(sum(${lineAmount}) FILTER (WHERE o.stage = ANY(${open})), 0) AS pipeline
      FROM opportunity_line_items li JOIN opportunities o ON o.id = li.opportunity_id
      WHERE li.opportunity_id IN (SELECT id FROM deals) AND ${currency}
        ${options.onlyNamed ? Prisma.sql`AND li.product_id IN (SELECT product_id FROM named)` : Prisma.empty}
      GROUP BY li.product_id, o.currency
    ),
    lines AS (
      SELECT product_id, currency, won_deals, won_quantity, won, pipeline FROM sold
      UNION ALL
      SELECT n.product_id, NULL, 0, 0, 0, 0 FROM named n WHERE NOT EXISTS (SELECT 1 FROM sold s WHERE s.product_id = n.product_id)
    )
    SELECT l.product_id::text AS product_id, p.code, p.name, l.currency, l.won_deals,
      l.won_quantity::text AS won_quantity, l.won::text AS won, l.pipeline::text AS pipeline
    FROM lines l JOIN products p ON p.id = l.product_id
    ORDER BY p.code_key, p.id, l.currency`;
  return rows.map(toFigures);
}

/** An objective's products on the deals linked to it or to its plan. */
export function objectiveProductFigures(db: DbClient, objectiveId: string): Promise<ProductFigures[]> {
  return figures(
    db,
    Prisma.sql`SELECT o.id FROM opportunities o JOIN objectives ob ON ob.id = CAST(${objectiveId} AS uuid) WHERE o.objective_id = ob.id OR o.plan_id = ob.plan_id`,
    Prisma.sql`SELECT product_id FROM objective_products WHERE objective_id = CAST(${objectiveId} AS uuid)`,
    { onlyNamed: true },
  );
}

/** Every product sold on the deals linked to the plan or any plan below it, and those the plan or its objectives name. */
export function planProductFigures(db: DbClient, planId: string): Promise<ProductFigures[]> {
  return figures(
    db,
    Prisma.sql`
      WITH RECURSIVE tree(id) AS (
        SELECT CAST(${planId} AS uuid)
        UNION
        SELECT p.id FROM plans p JOIN tree t ON p.parent_id = t.id
      )
      SELECT o.id FROM opportunities o WHERE o.plan_id IN (SELECT id FROM tree)`,
    Prisma.sql`
      SELECT product_id FROM plan_products WHERE plan_id = CAST(${planId} AS uuid)
      UNION
      SELECT op.product_id FROM objective_products op JOIN objectives ob ON ob.id = op.objective_id WHERE ob.plan_id = CAST(${planId} AS uuid)`,
    { onlyNamed: false },
  );
}

/** The products of the deals linked to the sub-sources of the campaigns given (a campaign tree), in the report's currency. */
export function campaignProductFigures(db: DbClient, campaignIds: string[], currency: string | null): Promise<ProductFigures[]> {
  return figures(
    db,
    Prisma.sql`SELECT o.id FROM opportunities o JOIN campaign_sources s ON s.id = o.campaign_source_id WHERE s.campaign_id = ANY(CAST(${campaignIds} AS uuid[]))`,
    Prisma.sql`SELECT NULL::uuid AS product_id WHERE FALSE`,
    { onlyNamed: false, currency },
  );
}
