import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app';
import { auth } from '../accounts/helpers';

export { auth };

/** A company name no other test uses, so each test finds its own rows. */
export const unique = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

export const postCsv = (t: TestApp, key: string, csv: string, query = '') =>
  t.request.post(`/api/v1/accounts/import${query}`).set(auth(key)).set('Content-Type', 'text/csv').send(csv);

export const postJson = (t: TestApp, key: string, body: Record<string, unknown>) => t.request.post('/api/v1/accounts/import').set(auth(key)).send(body);

/** The accounts (each with its contacts) whose names start with the prefix, by name. */
export async function accountsNamed(t: TestApp, prefix: string) {
  const db = t.database.db;
  const accounts = await db.account.findMany({ where: { name: { startsWith: prefix, mode: 'insensitive' } }, orderBy: { name: 'asc' } });
  const contacts = await db.contact.findMany({ where: { accountId: { in: accounts.map((account) => account.id) } }, orderBy: { name: 'asc' } });
  return accounts.map((account) => ({ ...account, contacts: contacts.filter((contact) => contact.accountId === account.id) }));
}
