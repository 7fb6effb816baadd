import { budgetApprovalWorkflowId } from '../../workflows/budget-approval.messages';
import { recordHistory } from '../support/histories';
import { waitForMail } from '../support/mailbox';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
type User = { id: string; key: string; email: string };
// requester: a marketer; owner: owns the budget, managed by boss; admin: chooses the settings.
let requester: User, owner: User, boss: User, stranger: User, admin: User;
let budgetId: string;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const post = (user: User, path: string, body: object = {}) => t.request.post(`/api/v1${path}`).set(as(user)).send(body);
const setPolicy = (overBudget: 'APPROVAL' | 'REFUSE') => t.request.put('/api/v1/settings/budgets').set(as(admin)).send({ overBudget });

async function user(role: 'marketer' | 'manager' | 'admin', tag: string): Promise<User> {
  const email = `${tag}-${Date.now()}@overruns.example`;
  const created = await t.userWithKey(role, email);
  await t.database.db.user.update({ where: { id: created.id }, data: { name: `Overrun ${tag}` } });
  return { ...created, email };
}

let events = 0;
/** A DRAFT event with planned cost lines, funded by the budget with `funds`. */
async function fundedEvent(planned: number[], funds: number | null) {
  const event = await t.database.db.event.create({
    data: {
      name: `Overrun fair ${++events}`, kind: 'fair', ownerId: requester.id, currency: 'EUR',
      startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: new Date(Date.now() + 8 * 86_400_000),
      costs: { create: planned.map((amount, position) => ({ label: `Line ${position + 1}`, planned: amount.toFixed(2), position })) },
    },
  });
  if (funds !== null) expect((await post(requester, `/budgets/${budgetId}/allocations`, { eventId: event.id, amount: funds })).status).toBe(200);
  return event;
}
const schedule = (eventId: string) => post(requester, `/events/${eventId}/schedule`);

beforeAll(async () => {
  t = await startTestApp();
  [requester, owner, boss, stranger, admin] = await Promise.all([user('marketer', 'requester'), user('marketer', 'owner'), user('manager', 'boss'), user('manager', 'stranger'), user('admin', 'admin')]);
  await t.database.db.user.update({ where: { id: owner.id }, data: { managerId: boss.id } });
  const created = await post(admin, '/budgets', { name: 'Overrun events', ownerId: owner.id, currency: 'EUR', periodStart: '2026-01-01', periodEnd: '2030-12-31', amount: 50_000 });
  budgetId = created.body.id;
});
afterAll(() => t.close());

test('when the settings refuse work over its funding then scheduling it is refused saying by how much, and no overrun can be asked; an admin alone chooses, audited', async () => {
  expect((await t.request.get('/api/v1/settings/budgets').set(as(requester))).body).toEqual({ overBudget: 'APPROVAL', updatedAt: null });
  expect((await t.request.put('/api/v1/settings/budgets').set(as(requester)).send({ overBudget: 'REFUSE' })).status).toBe(403);
  expect((await t.request.put('/api/v1/settings/budgets').set(as(admin)).send({ overBudget: 'SOMETIMES' })).body.error.details[0].path).toBe('body.overBudget');
  expect((await setPolicy('REFUSE')).body).toMatchObject({ overBudget: 'REFUSE' });
  expect(await t.database.db.auditEntry.count({ where: { action: 'settings.budgets.update' } })).toBe(1);

  const event = await fundedEvent([1_000, 500.25], 1_000);
  const refused = await schedule(event.id);
  expect([refused.status, refused.body.error.message]).toEqual([
    409,
    `Event "${event.name}" plans 1500.25 EUR of costs; budget "Overrun events" gives it 1000.00 EUR: 500.25 EUR over: the budget settings refuse work over its funding, so raise its funding or lower its costs.`,
  ]);
  expect((await t.database.db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe('DRAFT');
  const asked = await post(requester, '/budget-overruns', { eventId: event.id, reason: 'x' });
  expect([asked.status, asked.body.error.details]).toEqual([409, [{ path: 'body.eventId', message: 'over its funding' }]]);
  expect(await t.database.db.budgetOverrun.count()).toBe(0);

  // Funded enough, it is scheduled whatever the settings.
  expect((await post(requester, `/budgets/${budgetId}/allocations`, { eventId: event.id, amount: 1_500.25 })).status).toBe(200);
  expect((await schedule(event.id)).body.status).toBe('SCHEDULED');
  await setPolicy('APPROVAL');
});

test('when work over its funding needs an approval then the budget owner or their manager is asked and reminded, and once approved it is scheduled', async () => {
  const event = await fundedEvent([2_000], 1_200);
  const held = await schedule(event.id);
  expect(held.body.error.message).toBe(`Event "${event.name}" plans 2000.00 EUR of costs; budget "Overrun events" gives it 1200.00 EUR: 800.00 EUR over: ask the budget's owner to approve the overrun, or raise its funding.`);
  const funding = await t.request.get(`/api/v1/budget-funding?eventId=${event.id}`).set(as(stranger));
  expect(funding.body).toMatchObject({ budget: { id: budgetId }, planned: '2000.00', allocated: '1200.00', over: '800.00', policy: 'APPROVAL', schedulable: false, canAsk: true, pending: null });
  expect(funding.body.explanation).toBe(held.body.error.message);

  const refusals: [object, number, string][] = [
    [{ reason: 'x' }, 400, 'body.campaignId'],
    [{ eventId: event.id, campaignId: event.id, reason: 'x' }, 400, 'body.campaignId'],
    [{ eventId: '00000000-0000-4000-8000-000000000000', reason: 'x' }, 404, 'body.eventId'],
    [{ eventId: (await fundedEvent([100], null)).id, reason: 'x' }, 409, 'body.eventId'],
    [{ eventId: (await fundedEvent([100], 100)).id, reason: 'x' }, 409, 'body.eventId'],
  ];
  for (const [body, status, path] of refusals) {
    const response = await post(requester, '/budget-overruns', body);
    expect([response.status, response.body.error.details[0]?.path]).toEqual([status, path]);
  }
  expect(await t.database.db.budgetOverrun.count()).toBe(0);

  const asked = await post(requester, '/budget-overruns', { eventId: event.id, reason: 'The venue costs more', remindAfter: 'PT1S' });
  expect(asked.status).toBe(201);
  const overrun = asked.body;
  expect(overrun).toMatchObject({
    status: 'PENDING', work: { kind: 'event', id: event.id, name: event.name }, budget: { id: budgetId, name: 'Overrun events', owner: { id: owner.id } },
    planned: '2000.00', allocated: '1200.00', over: '800.00', currency: 'EUR', approvers: [{ id: owner.id }, { id: boss.id }], workflowId: budgetApprovalWorkflowId({ kind: 'overrun', id: overrun.id }),
  });
  expect((await post(requester, '/budget-overruns', { eventId: event.id, reason: 'again' })).status).toBe(409);
  expect((await schedule(event.id)).body.error.message).toContain(`its overrun request waits for the budget owner's approval`);
  expect((await t.request.get(`/api/v1/budget-funding?eventId=${event.id}`).set(as(stranger))).body).toMatchObject({ canAsk: false, pending: { id: overrun.id } });

  const subject = `CRM: Event "${event.name}", 800.00 EUR over its funding from budget "Overrun events", awaits your approval`;
  expect((await waitForMail((mail) => mail.subject === subject, 2)).map((mail) => mail.to[0]).sort()).toEqual([owner.email, boss.email].sort());
  await waitForMail((mail) => mail.subject === subject.replace('CRM: ', 'CRM: Reminder: ').replace('awaits', 'still awaits'), 2);
  const inbox = (await t.request.get('/api/v1/approvals?kind=budget-overrun').set(as(boss))).body;
  expect(inbox.items).toEqual([expect.objectContaining({ kind: 'budget-overrun', overrunId: overrun.id, over: '800.00', onBehalf: false, askedBy: { id: requester.id, name: 'Overrun requester' } })]);
  expect(inbox.counts.budgetOverruns).toBe(1);

  expect((await post(stranger, `/budget-overruns/${overrun.id}/approve`)).status).toBe(403);
  expect((await post(requester, `/budget-overruns/${overrun.id}/approve`)).status).toBe(403);
  const approved = await post(boss, `/budget-overruns/${overrun.id}/approve`, { comment: 'Worth it' });
  expect(approved.body).toMatchObject({ status: 'APPROVED', decidedBy: { id: boss.id }, comment: 'Worth it' });
  await waitForMail((mail) => mail.to[0] === requester.email && mail.subject === `CRM: Event "${event.name}", 800.00 EUR over its funding from budget "Overrun events", was approved by Overrun boss: it can be scheduled`);
  const handle = t.temporal.client.workflow.getHandle(overrun.workflowId);
  expect(await handle.result()).toBe('APPROVED');
  expect((await t.request.get(`/api/v1/budget-funding?eventId=${event.id}`).set(as(stranger))).body).toMatchObject({ schedulable: true, approvedUpTo: '2000.00', canAsk: false });
  await recordHistory(handle, 'budget-approval', 'overrun-approved-after-reminder');

  // Costs that grow past what was approved need a new approval.
  await t.database.db.eventCost.create({ data: { eventId: event.id, label: 'Catering', planned: '0.01' } });
  expect((await schedule(event.id)).status).toBe(409);
  await t.database.db.eventCost.deleteMany({ where: { eventId: event.id, label: 'Catering' } });
  expect((await schedule(event.id)).body.status).toBe('SCHEDULED');
});

test('when the owner rejects, who asked is told why; who asked may cancel; the owner asking is approved at once', async () => {
  const first = await fundedEvent([300], 200);
  const asked = (await post(requester, '/budget-overruns', { eventId: first.id, reason: 'Please' })).body;
  const rejected = await post(owner, `/budget-overruns/${asked.id}/reject`, { reason: 'Cut the catering' });
  expect(rejected.body).toMatchObject({ status: 'REJECTED', comment: 'Cut the catering' });
  await waitForMail((mail) => mail.to[0] === requester.email && mail.subject === `CRM: Event "${first.name}", 100.00 EUR over its funding from budget "Overrun events", was rejected by Overrun owner: Cut the catering`);
  expect((await schedule(first.id)).status).toBe(409);

  const again = (await post(requester, '/budget-overruns', { eventId: first.id, reason: 'Please, again' })).body;
  expect((await post(stranger, `/budget-overruns/${again.id}/cancel`)).status).toBe(403);
  expect((await post(requester, `/budget-overruns/${again.id}/cancel`)).body.status).toBe('CANCELLED');
  expect((await post(owner, `/budget-overruns/${again.id}/approve`)).status).toBe(409);
  expect(await t.temporal.client.workflow.getHandle(again.workflowId).result()).toBe('CANCELLED');

  const own = await post(owner, '/budget-overruns', { eventId: first.id, reason: 'My budget' });
  expect(own.body).toMatchObject({ status: 'APPROVED', decidedBy: { id: owner.id } });
  expect((await schedule(first.id)).body.status).toBe('SCHEDULED');
  const listed = await t.request.get(`/api/v1/budget-overruns?eventId=${first.id}&limit=2`).set(as(stranger));
  expect(listed.body.items.map((item: { status: string }) => item.status)).toEqual(['APPROVED', 'CANCELLED']);
  const next = await t.request.get(`/api/v1/budget-overruns?eventId=${first.id}&limit=2&cursor=${listed.body.nextCursor}`).set(as(stranger));
  expect(next.body.items.map((item: { status: string }) => item.status)).toEqual(['REJECTED']);
});
