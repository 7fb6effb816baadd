import type { DbClient } from '../db/prisma';

// Who answers for each side of a transfer: the budget's owner and the owner's manager, read when
// asked, so a new owner or manager is an approver from that moment.

export interface SideApprovers {
  budgetId: string;
  budgetName: string;
  owner: { id: string; name: string };
  /** The owner and the owner's manager, those active, owner first. */
  approvers: { id: string; name: string }[];
}

export async function sideApprovers(db: DbClient, budgetIds: string[]): Promise<Map<string, SideApprovers>> {
  const rows = await db.$queryRaw<{ budgetId: string; budgetName: string; ownerId: string; ownerName: string; ownerActive: boolean; managerId: string | null; managerName: string | null; managerActive: boolean }[]>`
    SELECT b.id::text AS "budgetId", b.name AS "budgetName", o.id::text AS "ownerId", o.name AS "ownerName", o.deactivated_at IS NULL AS "ownerActive",
      m.id::text AS "managerId", m.name AS "managerName", COALESCE(m.deactivated_at IS NULL, FALSE) AS "managerActive"
    FROM budgets b JOIN users o ON o.id = b.owner_id LEFT JOIN users m ON m.id = o.manager_id
    WHERE b.id = ANY(CAST(${[...new Set(budgetIds)]} AS uuid[]))`;
  return new Map(
    rows.map((row) => [
      row.budgetId,
      {
        budgetId: row.budgetId,
        budgetName: row.budgetName,
        owner: { id: row.ownerId, name: row.ownerName },
        approvers: [
          ...(row.ownerActive ? [{ id: row.ownerId, name: row.ownerName }] : []),
          ...(row.managerId && row.managerName && row.managerActive ? [{ id: row.managerId, name: row.managerName }] : []),
        ],
      },
    ]),
  );
}

export type TransferSide = 'from' | 'to';

export interface TransferApprovals {
  fromBudgetId: string;
  toBudgetId: string;
  fromApprovedById: string | null;
  toApprovedById: string | null;
}

/** The sides still waiting for an approval. */
export const waitingSides = (transfer: TransferApprovals): TransferSide[] =>
  (['from', 'to'] as const).filter((side) => (side === 'from' ? transfer.fromApprovedById : transfer.toApprovedById) === null);

export const sideBudgetId = (transfer: TransferApprovals, side: TransferSide) => (side === 'from' ? transfer.fromBudgetId : transfer.toBudgetId);

/** The sides `userId` may approve among those waiting. */
export function sidesOf(transfer: TransferApprovals, approvers: Map<string, SideApprovers>, userId: string): TransferSide[] {
  return waitingSides(transfer).filter((side) => approvers.get(sideBudgetId(transfer, side))?.approvers.some((person) => person.id === userId));
}
