import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';

/**
 * Plan rows written straight into the database: the plans API, objectives and bulk apply belong to
 * other modules; these tests only need their rows.
 */
export function planSeeds(t: TestApp) {
  const db = t.database.db;
  return {
    async plan(authorId: string, data: { name?: string; status?: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED'; parentId?: string; revenueTarget?: number; currency?: string; periodStart?: string; periodEnd?: string } = {}) {
      return db.plan.create({
        data: {
          name: data.name ?? `Plan ${randomUUID().slice(0, 6)}`,
          status: data.status ?? 'APPROVED',
          parentId: data.parentId ?? null,
          periodStart: new Date(`${data.periodStart ?? '2026-01-01'}T00:00:00Z`),
          periodEnd: new Date(`${data.periodEnd ?? '2026-12-31'}T00:00:00Z`),
          revenueTarget: data.revenueTarget ?? null,
          currency: data.currency ?? null,
          authorId,
          approverIds: [],
        },
      });
    },
    async objective(planId: string, data: { name?: string; target?: number; appliesToAll?: boolean; kind?: string; unit?: string } = {}) {
      return db.objective.create({
        data: { planId, name: data.name ?? 'Two visits per key account', kind: data.kind ?? 'VISITS', target: data.target ?? 2, unit: data.unit ?? 'visits', appliesToAll: data.appliesToAll ?? false },
      });
    },
    async applyPlan(planId: string, accountIds: string[]) {
      const applicationId = randomUUID();
      await db.planAccount.createMany({ data: accountIds.map((accountId) => ({ planId, accountId, applicationId })) });
    },
    async applyObjective(objectiveId: string, accountIds: string[]) {
      const applicationId = randomUUID();
      await db.objectiveAccount.createMany({ data: accountIds.map((accountId) => ({ objectiveId, accountId, applicationId })) });
    },
    async campaignSource() {
      const campaign = await db.campaign.create({ data: { name: 'Spring fair' } });
      return db.campaignSource.create({ data: { campaignId: campaign.id, code: `SRC-${randomUUID().slice(0, 6)}`, name: 'Booth' } });
    },
    /** An account owned by `ownerId`, in work (inserted directly, no workflow). */
    async ownedAccount(ownerId: string | null, name = `Account ${randomUUID().slice(0, 6)}`) {
      return db.account.create({ data: { name, ownerId, status: ownerId ? 'POTENTIAL' : 'NEW' } });
    },
    /** Applied activities of an account linked to an objective, as the workflow would have left them. */
    async appliedActivities(accountId: string, loggedById: string, count: number, links: { planId?: string; objectiveId?: string; state?: 'APPLIED' | 'PENDING' }) {
      await db.activity.createMany({
        data: Array.from({ length: count }, () => ({
          id: randomUUID(),
          accountId,
          loggedById,
          type: 'MEETING' as const,
          outcome: 'MEETING_HELD' as const,
          occurredAt: new Date(),
          state: links.state ?? ('APPLIED' as const),
          planId: links.planId ?? null,
          objectiveId: links.objectiveId ?? null,
        })),
      });
    },
  };
}
