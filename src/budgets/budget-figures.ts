import type { DbClient } from '../db/prisma';
import { fromCents, toCents } from '../schemas/cents';
import type { BudgetNode } from './budgets.schemas';

interface NodeRow {
  id: string;
  name: string;
  description: string | null;
  parentId: string | null;
  ownerId: string;
  ownerName: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
  depth: number;
  amount: string;
  allocatedToBudgets: string;
  allocatedToWork: string;
  committed: string;
  spent: string;
  revenue: string;
}

/**
 * Every budget not merged away with its figures, in one statement: each node's own costs (sub-source
 * costs of the campaigns it funds, cost lines of the events it funds, its checkbook entries) and
 * revenue, rolled up over its sub-tree through the tree's closure, in exact numeric. Trees come depth
 * first: a parent before its children, siblings by name.
 */
export async function budgetNodes(db: DbClient): Promise<BudgetNode[]> {
  const rows = await db.$queryRaw<NodeRow[]>`
    WITH RECURSIVE nodes AS (SELECT * FROM budgets WHERE merged_into_id IS NULL),
    walk AS (
      SELECT n.id, 0 AS depth, ARRAY[lower(n.name), n.id::text] AS sort_path FROM nodes n WHERE n.parent_id IS NULL
      UNION ALL
      SELECT n.id, w.depth + 1, w.sort_path || ARRAY[lower(n.name), n.id::text] FROM walk w JOIN nodes n ON n.parent_id = w.id
    ),
    closure AS (
      SELECT id AS ancestor, id AS descendant FROM nodes
      UNION ALL
      SELECT c.ancestor, n.id FROM closure c JOIN nodes n ON n.parent_id = c.descendant
    ),
    own_costs AS (
      SELECT budget_id, sum(committed) AS committed, sum(spent) AS spent FROM (
        SELECT a.budget_id, 0::numeric AS committed, COALESCE(s.cost, 0) AS spent
        FROM budget_allocations a JOIN campaign_sources s ON s.campaign_id = a.campaign_id
        UNION ALL
        SELECT a.budget_id, CASE WHEN c.actual IS NULL THEN COALESCE(c.planned, 0) ELSE 0 END, COALESCE(c.actual, 0)
        FROM budget_allocations a JOIN event_costs c ON c.event_id = a.event_id
        UNION ALL
        SELECT e.budget_id, CASE WHEN e.state = 'COMMITTED' THEN e.amount ELSE 0 END, CASE WHEN e.state = 'ACTUAL' THEN e.amount ELSE 0 END
        FROM budget_entries e
      ) lines GROUP BY budget_id
    ),
    own_revenue AS (
      SELECT a.budget_id, sum(o.amount) AS revenue
      FROM budget_allocations a
      JOIN budgets b ON b.id = a.budget_id
      JOIN campaign_sources s ON s.campaign_id = a.campaign_id
      JOIN opportunities o ON o.campaign_source_id = s.id AND o.stage = 'WON' AND o.currency = b.currency
      GROUP BY a.budget_id
    ),
    rolled AS (
      SELECT c.ancestor AS id, COALESCE(sum(oc.committed), 0) AS committed, COALESCE(sum(oc.spent), 0) AS spent, COALESCE(sum(r.revenue), 0) AS revenue
      FROM closure c LEFT JOIN own_costs oc ON oc.budget_id = c.descendant LEFT JOIN own_revenue r ON r.budget_id = c.descendant
      GROUP BY c.ancestor
    )
    SELECT n.id::text, n.name, n.description, n.parent_id::text AS "parentId", n.owner_id::text AS "ownerId", u.name AS "ownerName", n.currency,
      to_char(n.period_start, 'YYYY-MM-DD') AS "periodStart", to_char(n.period_end, 'YYYY-MM-DD') AS "periodEnd", w.depth,
      n.amount::numeric(20, 2)::text AS amount,
      (SELECT COALESCE(sum(k.amount), 0) FROM nodes k WHERE k.parent_id = n.id)::numeric(20, 2)::text AS "allocatedToBudgets",
      (SELECT COALESCE(sum(a.amount), 0) FROM budget_allocations a WHERE a.budget_id = n.id)::numeric(20, 2)::text AS "allocatedToWork",
      r.committed::numeric(20, 2)::text AS committed, r.spent::numeric(20, 2)::text AS spent, r.revenue::numeric(20, 2)::text AS revenue
    FROM nodes n JOIN walk w ON w.id = n.id JOIN rolled r ON r.id = n.id JOIN users u ON u.id = n.owner_id
    ORDER BY w.sort_path`;
  return rows.map(toNode);
}

function toNode(row: NodeRow): BudgetNode {
  const amount = toCents(row.amount);
  const committed = toCents(row.committed);
  const spent = toCents(row.spent);
  const revenue = toCents(row.revenue);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    parentId: row.parentId,
    ownerId: row.ownerId,
    ownerName: row.ownerName,
    currency: row.currency,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    depth: row.depth,
    figures: {
      amount: row.amount,
      allocatedToBudgets: row.allocatedToBudgets,
      allocatedToWork: row.allocatedToWork,
      unallocated: fromCents(amount - toCents(row.allocatedToBudgets) - toCents(row.allocatedToWork)),
      committed: row.committed,
      spent: row.spent,
      remaining: fromCents(amount - committed - spent),
      revenue: row.revenue,
      roi: spent === 0n ? null : Math.round((Number(revenue - spent) / Number(spent)) * 10_000) / 10_000,
    },
  };
}
