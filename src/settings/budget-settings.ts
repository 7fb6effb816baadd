import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { readSetting, writeSetting } from './settings-store';

const KEY = 'budgets';

export const BudgetSettingsRequest = z
  .strictObject({
    overBudget: z
      .enum(['APPROVAL', 'REFUSE'])
      .meta({ description: 'A campaign or event planned to cost more than its budget gave it: APPROVAL, scheduled once the budget’s owner approves the overrun; REFUSE, never scheduled until funded' }),
  })
  .meta({ id: 'BudgetSettingsRequest' });
export type BudgetSettingsRequest = z.output<typeof BudgetSettingsRequest>;

export const BudgetSettingsView = BudgetSettingsRequest.extend({ updatedAt: z.iso.datetime().nullable().meta({ description: 'null while never changed' }) }).meta({ id: 'BudgetSettings' });
export type BudgetSettingsView = z.output<typeof BudgetSettingsView>;

/** APPROVAL until an admin chooses: work over its funding is held for its budget owner, never silently run. */
export async function getBudgetSettings(db: DbClient): Promise<BudgetSettingsView> {
  const row = await readSetting(db, KEY);
  const parsed = BudgetSettingsRequest.safeParse(row?.value);
  return { overBudget: parsed.success ? parsed.data.overBudget : 'APPROVAL', updatedAt: row?.updatedAt.toISOString() ?? null };
}

/** An admin's change, audited in the same transaction; saving the same settings records nothing. */
export async function updateBudgetSettings({ db, caller }: RequestContext, request: BudgetSettingsRequest): Promise<BudgetSettingsView> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('budget-settings'))`;
    const before = await getBudgetSettings(tx);
    const row = await writeSetting(tx, KEY, { overBudget: request.overBudget });
    if (before.overBudget !== request.overBudget) {
      await recordAudit(tx, { actorId: caller.id, action: 'settings.budgets.update', entityType: 'settings', entityId: KEY, before: { overBudget: before.overBudget }, after: { overBudget: request.overBudget } });
    }
    return { overBudget: request.overBudget, updatedAt: row.updatedAt.toISOString() };
  });
}
