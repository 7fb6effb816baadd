import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app';

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
export const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
export const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Rows written straight into the database: the queries read them, nothing else needs the workflows. */
export function fixtures(t: TestApp) {
  const db = t.database.db;
  return {
    account: (data: { ownerId?: string | null; status?: 'NEW' | 'POTENTIAL' | 'REFUSED' | 'LOST' | 'CLIENT'; name?: string; segment?: string; leadSource?: string }) =>
      db.account.create({ data: { name: data.name ?? `Account ${randomUUID().slice(0, 6)}`, ownerId: data.ownerId ?? null, status: data.status ?? 'POTENTIAL', segment: data.segment, leadSource: data.leadSource } }),
    deal: (data: { accountId: string; ownerId: string; name: string; amount: number; currency?: string; stage?: 'PROPOSAL' | 'WON' | 'NEGOTIATION'; close?: string; campaignSourceId?: string }) =>
      db.opportunity.create({
        data: {
          accountId: data.accountId, ownerId: data.ownerId, createdById: data.ownerId, name: data.name, amount: data.amount, currency: data.currency ?? 'EUR',
          stage: data.stage ?? 'PROPOSAL', expectedCloseDate: data.close ? new Date(`${data.close}T00:00:00Z`) : null, campaignSourceId: data.campaignSourceId,
        },
      }),
    task: (accountId: string, assigneeId: string, title: string, dueInHours: number, state: 'OPEN' | 'DONE' = 'OPEN') =>
      db.task.create({ data: { accountId, assigneeId, type: 'CALL', title, dueAt: new Date(Date.now() + dueInHours * 3_600_000), state, why: {} } }),
    timer: (accountId: string, fireAt: Date, state: 'PENDING' | 'CANCELLED' = 'PENDING', kind = 'recontact') =>
      db.timer.create({ data: { accountId, kind, fireAt, state, onFire: {}, why: {} } }),
    product: (createdById: string, code: string) => db.product.create({ data: { code, codeKey: code.toLowerCase(), name: `Product ${code}`, family: 'Tools', createdById } }),
  };
}
