import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app';

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A segment name no other test uses, so each test filters its own accounts. */
export const uniqueSegment = (label = 'seg') => `${label}-${randomUUID().slice(0, 8)}`;

export async function createAccountThroughApi(t: TestApp, key: string, body: Record<string, unknown>) {
  const response = await t.request.post('/api/v1/accounts').set(auth(key)).send(body);
  if (response.status !== 201) throw new Error(`POST /accounts answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { account: { id: string; name: string; createdAt: string }; contacts: { id: string }[] };
}

/** Row counts of everything the account routes write, to prove a refused request changed nothing. */
export async function rowCounts(t: TestApp) {
  const db = t.database.db;
  const [accounts, contacts, statusChanges] = await Promise.all([db.account.count(), db.contact.count(), db.statusChange.count()]);
  return { accounts, contacts, statusChanges };
}

export const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
