import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { statuses } from '../../src/rules/lifecycle';
import { DEMO_MARKER_KEY, SeedRefused } from '../../src/seed/demo-marker';
import { seedDemoData, type SeedDependencies, type SeedResult } from '../../src/seed/seed-demo-data';
import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { receivedMail } from '../support/mailbox';
import { startTestApp, type TestApp } from '../support/test-app';
import { testService } from '../support/test-services';

// `npm run seed` against the real services: the function with the test app's database, Temporal and
// API (served over HTTP, as the seed calls it), then the CLI itself for the refusal and --force.
jest.setTimeout(180_000);

const root = path.join(__dirname, '..', '..');
let t: TestApp;
let server: Server;
let apiUrl: string;
let deps: SeedDependencies;
let seeded: SeedResult;
const as = (key: string) => ({ Authorization: `Bearer ${key}` });
const user = (handle: string) => seeded.users.find((candidate) => candidate.handle === handle)!;

beforeAll(async () => {
  t = await startTestApp();
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  deps = { db: t.database.db, temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue }, apiUrl };
});
afterAll(async () => {
  // The seed's fetch keeps connections alive: close them with the server.
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** What a second run must not touch: every row count, and the first organization's accounts as they are. */
async function snapshot() {
  const db = t.database.db;
  const [users, keys, accounts, contacts, activities, statusChanges, tasks, segments, templates, campaigns, plans, responses, settings] = await Promise.all([
    db.user.count(), db.apiKey.count(), db.account.count(), db.contact.count(), db.activity.count(), db.statusChange.count(), db.task.count(),
    db.segment.count(), db.emailTemplate.count(), db.campaign.count(), db.plan.count(), db.response.count(), db.setting.findMany({ orderBy: { key: 'asc' } }),
  ]);
  return { users, keys, accounts, contacts, activities, statusChanges, tasks, segments, templates, campaigns, plans, responses, settings };
}

test('seeds a small organization: people with keys that work, 200 accounts in every status with their past, live workflows, campaigns and a plan', async () => {
  // How long it takes is measured, not asserted here: 12 to 20 s beside `npm start`, more on a machine shared with other suites.
  seeded = await seedDemoData(deps);
  const db = t.database.db;

  // People: one key each, printed once, that works; the managers report to the sales director.
  expect(seeded.users.map((person) => [person.handle, person.role])).toEqual([['admin', 'admin'], ['director', 'manager'], ['north', 'manager'], ['south', 'manager'], ['marketer', 'marketer']]);
  for (const person of seeded.users) {
    const me = await t.request.get('/api/v1/me').set(as(person.apiKey));
    expect([me.status, me.body.email]).toEqual([200, person.email]);
  }
  const managers = await db.user.findMany({ where: { id: { in: [user('north').id, user('south').id] } }, select: { managerId: true } });
  expect(managers.map((manager) => manager.managerId)).toEqual([user('director').id, user('director').id]);
  expect((await db.user.findUniqueOrThrow({ where: { id: user('director').id } })).managerId).toBeNull();

  // 200 accounts in every status; NEW ones in the pool, the others owned by the sales team.
  expect(await db.account.count()).toBe(200);
  const byStatus = await db.account.groupBy({ by: ['status'], _count: true });
  expect(new Set(byStatus.map((group) => group.status))).toEqual(new Set(statuses));
  expect(await db.account.count({ where: { status: 'NEW', ownerId: { not: null } } })).toBe(0);
  expect(await db.account.count({ where: { status: { not: 'NEW' }, ownerId: null } })).toBe(0);
  expect(await db.contact.count({ where: { email: { endsWith: '.example.com' } } })).toBeGreaterThan(200);

  // Their history over the last months, as the API reads it: a client's page shows each step with its date.
  const oldest = await db.activity.aggregate({ _min: { occurredAt: true } });
  expect(oldest._min.occurredAt!.getTime()).toBeLessThan(Date.now() - 90 * 24 * 3_600_000);
  const client = await db.account.findFirstOrThrow({ where: { status: 'CLIENT', ownerId: user('north').id } });
  const page = await t.request.get(`/api/v1/accounts/${client.id}`).set(as(user('north').apiKey));
  expect(page.status).toBe(200);
  expect(JSON.stringify(page.body)).toContain('PAYMENT_CONFIRMED');
  const changes = await db.statusChange.findMany({ where: { accountId: client.id }, orderBy: { changedAt: 'asc' } });
  expect(changes.map((change) => change.toStatus)).toEqual(['NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT']);
  expect(changes.at(-1)!.changedAt.getTime()).toBeLessThan(Date.now() - 24 * 3_600_000);

  // Refusals logged now through the API: running account workflows holding a pending re-contact timer 90 days out.
  const liveRefusals = await db.statusChange.findMany({ where: { toStatus: 'REFUSED', changedAt: { gt: new Date(Date.now() - 5 * 60_000) } }, select: { accountId: true } });
  expect(liveRefusals.length).toBeGreaterThanOrEqual(4);
  for (const { accountId } of liveRefusals) {
    const timer = await db.timer.findFirstOrThrow({ where: { accountId, kind: 'recontact', state: 'PENDING' } });
    expect(timer.fireAt.getTime()).toBeGreaterThan(Date.now() + 89 * 24 * 3_600_000);
    const handle = t.temporal.client.workflow.getHandle(accountWorkflowId(accountId));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await handle.query(pendingTimersQuery)).map((pending) => pending.id)).toContain(timer.id);
  }
  // ...and the refusals of the past months keep theirs, in workflows the seed started.
  const pastRefusal = await db.timer.findFirstOrThrow({ where: { kind: 'recontact', state: 'PENDING', accountId: { notIn: liveRefusals.map((refusal) => refusal.accountId) } } });
  const pastHandle = t.temporal.client.workflow.getHandle(accountWorkflowId(pastRefusal.accountId));
  await eventually(async () => expect((await pastHandle.query(pendingTimersQuery)).map((pending) => pending.id)).toContain(pastRefusal.id));

  // Tasks due today and overdue in the managers' "My day"; tasks overdue for more than a day escalated to the director.
  const north = as(user('north').apiKey);
  const today = await t.request.get('/api/v1/tasks?due=today&limit=200').set(north);
  const overdue = await t.request.get('/api/v1/tasks?due=overdue&limit=200').set(north);
  expect(today.body.items.length).toBeGreaterThan(0);
  expect(overdue.body.items.length).toBeGreaterThan(0);
  await eventually(async () => expect(await db.notification.count({ where: { recipientId: user('director').id } })).toBeGreaterThanOrEqual(3));
  // Completing one works: through its account's workflow, which ends its escalation timer.
  const task = overdue.body.items.find((item: { dueAt: string }) => Date.parse(item.dueAt) > Date.now() - 24 * 3_600_000) ?? overdue.body.items[0];
  const done = await t.request.post(`/api/v1/tasks/${task.id}/complete`).set(north);
  expect([done.status, done.body.state]).toEqual([200, 'DONE']);
  expect(await db.timer.count({ where: { taskId: task.id, state: 'PENDING' } })).toBe(0);

  // Two segments, two templates, three campaigns in their states.
  expect(await db.segment.count()).toBe(2);
  expect(await db.emailTemplate.count()).toBe(2);
  const marketer = as(user('marketer').apiKey);
  const completed = (await t.request.get(`/api/v1/campaigns/${seeded.campaigns.completed}`).set(marketer)).body;
  expect(completed.status).toBe('COMPLETED');
  const mailed = await db.mailDelivery.findMany({ where: { campaignId: seeded.campaigns.completed, state: 'SENT' }, select: { contactId: true } });
  expect(mailed.length).toBeGreaterThanOrEqual(4);
  const addresses = (await db.contact.findMany({ where: { id: { in: mailed.map((delivery) => delivery.contactId) } } })).map((contact) => contact.emailNormalized);
  const inCatcher = (await receivedMail()).filter((mail) => mail.to.some((to) => addresses.includes(to.toLowerCase())));
  expect(inCatcher.length).toBeGreaterThanOrEqual(mailed.length);
  for (const [code, count] of [['NEWSLETTER', 5], ['WEB-OFFER', 3]] as const) {
    const responses = await t.request.get(`/api/v1/responses?campaignId=${seeded.campaigns.completed}&sourceCode=${code}`).set(marketer);
    expect([code, responses.body.items.length]).toEqual([code, count]);
  }
  const waiting = (await t.request.get(`/api/v1/campaigns/${seeded.campaigns.awaitingApproval}`).set(marketer)).body;
  expect(waiting.status).toBe('RUNNING');
  expect(waiting.stages.map((stage: { type: string; status: string }) => `${stage.type}:${stage.status}`)).toEqual(['LIST:COMPLETED', 'APPROVAL:RUNNING', 'MAILING:PENDING', 'CALL_TASKS:PENDING']);
  const directorsInbox = await t.request.get('/api/v1/approvals').set(as(user('director').apiKey));
  expect(directorsInbox.body.items.map((item: { campaignId?: string }) => item.campaignId)).toContain(seeded.campaigns.awaitingApproval);
  const scheduled = (await t.request.get(`/api/v1/campaigns/${seeded.campaigns.scheduled}`).set(marketer)).body;
  expect(scheduled.status).toBe('SCHEDULED');
  expect(Date.parse(scheduled.stages[0].startAt)).toBeGreaterThan(Date.now() + 7 * 24 * 3_600_000);

  // The annual plan and its four quarters, submitted, waiting for the admin.
  const plan = (await t.request.get(`/api/v1/plans/${seeded.plan.planId}`).set(as(user('admin').apiKey))).body;
  expect(plan.status).toBe('SUBMITTED');
  expect(plan.children.map((child: { status: string }) => child.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SUBMITTED', 'SUBMITTED']);
  const adminsInbox = await t.request.get('/api/v1/approvals?kind=plan').set(as(user('admin').apiKey));
  expect(adminsInbox.body.items).toHaveLength(5);

  // The product catalog, and deals made of it: the won ones are installed products, and count for the plan per product.
  const catalog = await t.request.get('/api/v1/products').set(marketer);
  expect(catalog.body.items.map((item: { code: string }) => item.code).sort()).toEqual(['CRM-PRO', 'CRM-STD', 'ONB-DAY', 'SUP-PREM']);
  expect(await db.installedProduct.count()).toBeGreaterThan(0);
  const perProduct = (await t.request.get(`/api/v1/reports/plans/${seeded.plan.planId}`).set(marketer)).body.perProduct;
  expect(perProduct.filter((line: { won: number }) => line.won > 0).length).toBeGreaterThan(0);

  // The marker, written last.
  const marker = await db.setting.findUniqueOrThrow({ where: { key: DEMO_MARKER_KEY } });
  expect(marker.value).toMatchObject({ sets: [{ number: 1, state: 'complete', organization: 'Northwind' }] });
});

test('a second run refuses without --force, saying why, and changes nothing', async () => {
  const before = await snapshot();
  const refused = seedDemoData(deps);
  await expect(refused).rejects.toBeInstanceOf(SeedRefused);
  await expect(refused).rejects.toThrow(/already in this database.*\n.*Nothing was changed[\s\S]*npm run seed -- --force/);
  expect(await snapshot()).toEqual(before);
});

/** `npm run seed` as a user runs it, pointed at the test app's services. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: t.database.url,
    TEMPORAL_ADDRESS: testService('temporalAddress'),
    TEMPORAL_TASK_QUEUE: t.temporal.taskQueue,
    PUBLIC_URL: apiUrl,
    SMTP_URL: testService('smtpUrl'),
  };
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/seed.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // 'close', not 'exit': the output pipes are read to their end and closed.
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

test('the CLI refuses the same way (exit 1), and with --force seeds another organization beside the first, which stays as it was', async () => {
  const firstOrganization = () =>
    t.database.db.account.findMany({ where: { fields: { path: ['demoSet'], equals: 1 } }, select: { id: true, status: true, ownerId: true, updatedAt: true }, orderBy: { id: 'asc' } });
  const firstSegments = seeded.campaigns.segmentIds;
  const firstPreview = () =>
    Promise.all(firstSegments.map(async (id) => (await t.request.get(`/api/v1/segments/${id}/preview`).set(as(user('marketer').apiKey))).body));
  const before = await snapshot();
  const refused = await runCli([]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('Demo data is already in this database');
  expect(refused.stderr).toContain('npm run seed -- --force');
  expect(await snapshot()).toEqual(before);

  const [accountsBefore, previewBefore] = await Promise.all([firstOrganization(), firstPreview()]);
  const forced = await runCli(['--force']);
  expect({ code: forced.code, stderr: forced.stderr }).toMatchObject({ code: 0 });
  expect(forced.stdout).toContain('Demo organization "Northwind (demo 2)" seeded');
  expect(forced.stdout).toContain('Console       ' + apiUrl + '/console/');
  // One key per person, printed once, that works; new people, at other addresses.
  const printed = [...forced.stdout.matchAll(/^ {2}(.+?) {2,}(admin|manager|marketer) +(\S+@\S+) +(crm_\S+)$/gm)].map(([, name, role, email, key]) => ({ name: name.trim(), role, email, key }));
  expect(printed.map((person) => person.email)).toEqual([
    'morgan.reyes@northwind-demo-2.example.com',
    'claire.dubois@northwind-demo-2.example.com',
    'tom.becker@northwind-demo-2.example.com',
    'priya.nair@northwind-demo-2.example.com',
    'sam.okafor@northwind-demo-2.example.com',
  ]);
  for (const person of printed) {
    const me = await t.request.get('/api/v1/me').set(as(person.key));
    expect([me.status, me.body.email, me.body.name]).toEqual([200, person.email, person.name]);
  }
  expect(await t.database.db.account.count()).toBe(400);
  expect(await t.database.db.user.count()).toBe(10);
  // The first organization is as it was: its accounts, and its segments count only its own.
  expect(await firstOrganization()).toEqual(accountsBefore);
  expect(await firstPreview()).toEqual(previewBefore);
  const marker = await t.database.db.setting.findUniqueOrThrow({ where: { key: DEMO_MARKER_KEY } });
  expect(marker.value).toMatchObject({ sets: [{ number: 1, state: 'complete' }, { number: 2, state: 'complete', organization: 'Northwind (demo 2)' }] });
});
