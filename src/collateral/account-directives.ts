import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { Db } from '../db/prisma';
import { teamLeadNames, toDirectiveView } from './directive-view';
import type { AccountDirectives } from './directives.schemas';

/**
 * The directives a seller reads on an account's page: ACTIVE ones in their period today that are
 * company-wide, for a team the caller or the account's owner belongs to (the team of anyone above
 * them in the manager chain, themselves included), or for a product the account relates to (the
 * product of a plan applied to it, or of an objective that applies to it, unless that plan is
 * REJECTED or EXPIRED). A directive for a team and a product needs both.
 */
export async function accountDirectives(db: Db, caller: AccountCaller, accountId: string): Promise<AccountDirectives> {
  const account = await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const people = [...new Set([caller.id, ...(account.ownerId ? [account.ownerId] : [])])];
  const [teamRows, productRows] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE chain(id, manager_id, depth) AS (
        SELECT id, manager_id, 0 FROM users WHERE id = ANY(CAST(${people} AS uuid[]))
        UNION
        SELECT u.id, u.manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.manager_id WHERE c.depth < 50
      )
      SELECT DISTINCT id::text FROM chain`,
    db.$queryRaw<{ product: string }[]>`
      SELECT DISTINCT ON (lower(btrim(p.product))) btrim(p.product) AS product
      FROM plans p
      WHERE p.product IS NOT NULL AND btrim(p.product) <> '' AND p.status NOT IN ('REJECTED', 'EXPIRED')
        AND (EXISTS (SELECT 1 FROM plan_accounts pa WHERE pa.plan_id = p.id AND pa.account_id = CAST(${accountId} AS uuid))
          OR EXISTS (SELECT 1 FROM objectives o WHERE o.plan_id = p.id AND (o.applies_to_all
            OR EXISTS (SELECT 1 FROM objective_accounts oa WHERE oa.objective_id = o.id AND oa.account_id = CAST(${accountId} AS uuid)))))
      ORDER BY lower(btrim(p.product))`,
  ]);
  const teams = teamRows.map((row) => row.id);
  const products = productRows.map((row) => row.product);
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`);
  const productMatch = products.map((product) => ({ product: { equals: product, mode: 'insensitive' as const } }));
  const rows = await db.messagingDirective.findMany({
    where: {
      status: 'ACTIVE',
      AND: [
        { OR: [{ validFrom: null }, { validFrom: { lte: today } }] },
        { OR: [{ validUntil: null }, { validUntil: { gte: today } }] },
        { OR: [{ teamLeadId: null }, { teamLeadId: { in: teams } }] },
        { OR: [{ product: null }, ...productMatch] },
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  const names = await teamLeadNames(db, rows);
  const rank = { COMPANY: 0, TEAM: 1, TEAM_PRODUCT: 2, PRODUCT: 3 } as const;
  const items = rows
    .map((row) => {
      const directive = toDirectiveView(row, names);
      const because = [directive.teamLeadId ? `team of ${directive.teamLeadName ?? directive.teamLeadId}` : '', directive.product ? `product ${directive.product}` : ''].filter(Boolean).join(', ');
      return { ...directive, appliesBecause: because || 'company-wide' };
    })
    .sort((a, b) => rank[a.scope] - rank[b.scope]);
  return { accountId, products, items };
}
