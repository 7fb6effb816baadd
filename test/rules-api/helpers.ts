import type { TestApp } from '../support/test-app';

export type Key = { id: string; key: string };
export const as = (user: Key) => ({ Authorization: `Bearer ${user.key}` });

export const paths = (body: { error: { details: { path?: string }[] } }) => body.error.details.map((detail) => detail.path);

/** Row counts of what the rule and calendar routes write, to prove a refused request wrote nothing. */
export async function ruleRowCounts(t: TestApp) {
  const [rules, current, calendars] = await Promise.all([t.database.db.rule.count(), t.database.db.rule.count({ where: { isCurrent: true } }), t.database.db.businessCalendar.count()]);
  return { rules, current, calendars };
}

/** A rule as an admin would POST it: the smallest valid one, to be varied by each test. */
export const newRule = (key: string, overrides: Record<string, unknown> = {}) => ({
  key,
  name: `Rule ${key}`,
  trigger: { kind: 'activity_logged', outcomes: ['NO_ANSWER'] },
  actions: [{ kind: 'notify', recipient: 'owner', message: 'nobody answered' }],
  ...overrides,
});

/** An account created, then taken by `manager` through the API: POTENTIAL, its workflow running. */
export async function accountInWork(t: TestApp, manager: Key, name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name, timeZone: 'Europe/Paris', contacts: [{ name: 'Dana Buyer', email: 'dana@example.com' }] });
  if (created.status !== 201) throw new Error(`POST /accounts answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id: string = created.body.account.id;
  const taken = await t.request.post(`/api/v1/accounts/${id}/take`).set(as(manager));
  if (taken.status !== 200) throw new Error(`take answered ${taken.status}: ${JSON.stringify(taken.body)}`);
  return id;
}

export const logActivity = (t: TestApp, manager: Key, accountId: string, body: object) =>
  t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(manager)).send(body);

/** The definition part of a rule as the API shows it: what an admin edits and PUTs back. */
export function definitionOf(view: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, isCurrent: _isCurrent, createdAt: _createdAt, createdById: _createdById, versions: _versions, ...definition } = view;
  return definition;
}
