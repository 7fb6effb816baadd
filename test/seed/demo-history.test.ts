import { statuses } from '../../src/rules/lifecycle';
import { defaultRules } from '../../src/rules/default-rules';
import { demoAccounts, LIVE_CALLS_TODAY, LIVE_REFUSALS } from '../../src/seed/demo-accounts';
import { demoOrganization } from '../../src/seed/demo-organization';
import { seededRandom } from '../../src/seed/random';
import { simulateHistory } from '../../src/seed/simulate-history';

// The demo history without any service: the scripts must lead where they say under the default
// rules, on any day (the clock moves the dates), without a timer firing inside the history.
const rules = defaultRules.map((rule) => ({ ...rule, id: `00000000-0000-4000-8000-${String(defaultRules.indexOf(rule)).padStart(12, '0')}`, version: 1 }));
const owners = { director: 'director', north: 'north', south: 'south' };
const managerOf = (id: string) => (id === 'director' ? null : 'director');
const DAY = 24 * 3_600_000;

function seed(now: Date, number = 1) {
  const accounts = demoAccounts(demoOrganization(number), owners, seededRandom(20_260_000 + number), now);
  const rows = simulateHistory(accounts, { rules, calendar: { weekendDays: [6, 7], holidays: [] }, importedById: 'marketer', managerOf, now });
  return { accounts, rows };
}

test.each([
  ['a December night', new Date('2026-12-04T01:08:00Z')],
  ['a Monday late in the evening', new Date('2027-03-01T22:50:00Z')],
  ['midsummer at noon', new Date('2027-06-21T12:00:00Z')],
])('on %s, 200 accounts reach their intended status, every status present, the open tasks where they were asked', (_name, now) => {
  const { accounts, rows } = seed(now);
  expect(rows.accounts).toHaveLength(200);
  expect(new Set(rows.accounts.map((account) => account.name)).size).toBe(200);
  for (const account of accounts) {
    const row = rows.accounts.find((candidate) => candidate.id === account.id)!;
    expect([account.name, row.status]).toEqual([account.name, account.intended]);
  }
  expect(new Set(rows.accounts.map((account) => account.status))).toEqual(new Set(statuses));
  expect(accounts.filter((account) => account.live === 'refusal').every((account) => account.intended === 'NEW')).toBe(true);
  expect(accounts.filter((account) => account.live === 'refusal')).toHaveLength(LIVE_REFUSALS);
  expect(accounts.filter((account) => account.live === 'callToday' && account.intended === 'POTENTIAL' && account.activities.length === 0)).toHaveLength(LIVE_CALLS_TODAY);

  const open = rows.tasks.filter((task) => task.state === 'OPEN');
  const dueAt = (task: (typeof open)[number]) => new Date(task.dueAt).getTime();
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  expect(open.filter((task) => dueAt(task) >= startOfToday && dueAt(task) < startOfToday + DAY).length).toBeGreaterThanOrEqual(10);
  expect(open.filter((task) => dueAt(task) < now.getTime()).length).toBeGreaterThanOrEqual(9);
  // Escalations already due fire when the account workflows start: only on managers who have a manager.
  const dueEscalations = rows.timers.filter((timer) => timer.state === 'PENDING' && new Date(timer.fireAt).getTime() <= now.getTime());
  expect(dueEscalations.map((timer) => timer.kind)).toEqual(['task-overdue', 'task-overdue', 'task-overdue']);
  for (const timer of dueEscalations) expect(open.find((task) => task.id === timer.taskId)!.assigneeId).not.toBe('director');

  // Every refusal of the history leaves its re-contact pending, 90 days after it.
  const refusedOrLost = rows.accounts.filter((account) => account.status === 'REFUSED' || account.status === 'LOST');
  const recontacts = rows.timers.filter((timer) => timer.kind === 'recontact' && timer.state === 'PENDING');
  expect(recontacts).toHaveLength(refusedOrLost.length);
  for (const timer of recontacts) expect(new Date(timer.fireAt).getTime()).toBeGreaterThan(now.getTime());

  // The past is in the past, and each task done was done before anything that followed.
  const times = [...rows.activities.map((activity) => activity.occurredAt), ...rows.statusChanges.map((change) => change.changedAt), ...rows.accounts.map((account) => account.createdAt)];
  for (const time of times) expect(new Date(time as Date).getTime()).toBeLessThan(now.getTime());
  expect(Math.min(...rows.accounts.map((account) => new Date(account.createdAt as Date).getTime()))).toBeGreaterThan(now.getTime() - 365 * DAY);
});

test('another demo organization has its own names, e-mail domains and demo set, the same shape', () => {
  const now = new Date('2026-12-04T01:08:00Z');
  const first = seed(now, 1);
  const second = seed(now, 2);
  const emails = (rows: typeof first.rows) => rows.contacts.flatMap((contact) => (contact.email ? [contact.email] : []));
  expect(emails(second.rows).filter((email) => emails(first.rows).includes(email))).toEqual([]);
  expect(second.rows.accounts.every((account) => (account.fields as { demoSet: number }).demoSet === 2)).toBe(true);
  expect(demoOrganization(2).people.map((person) => person.email)).toEqual(expect.arrayContaining(['claire.dubois@northwind-demo-2.example.com']));
  expect(demoOrganization(2).named('Retail prospects')).toBe('Retail prospects (demo 2)');
  expect(new Set(second.rows.accounts.map((account) => account.status))).toEqual(new Set(statuses));
});
