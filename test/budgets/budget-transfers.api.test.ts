import { budgetApprovalStatusKey } from '../../workflows/search-attributes';
import { budgetApprovalWorkflowId } from '../../workflows/budget-approval.messages';
import { recordHistory } from '../support/histories';
import { waitForMail } from '../support/mailbox';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
type User = { id: string; key: string; email: string };
// requester: a marketer who owns nothing; owner: owns EMEA and its print line, managed by boss; other: owns Americas.
let requester: User, owner: User, boss: User, other: User, stranger: User, admin: User;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const post = (user: User, path: string, body: object = {}) => t.request.post(`/api/v1${path}`).set(as(user)).send(body);
const get = (path: string) => t.request.get(`/api/v1${path}`).set(as(stranger));
const year = { periodStart: '2027-01-01', periodEnd: '2027-12-31' };
const ids: Record<string, string> = {};

async function user(role: 'marketer' | 'manager' | 'admin', tag: string): Promise<User> {
  const email = `${tag}-${Date.now()}@transfers.example`;
  const created = await t.userWithKey(role, email);
  await t.database.db.user.update({ where: { id: created.id }, data: { name: `Transfer ${tag}` } });
  return { ...created, email };
}

async function budget(key: string, name: string, ownerId: string, amount: number, parent?: string, currency = 'EUR') {
  const created = await post(admin, '/budgets', { name, ownerId, ...year, amount, ...(parent ? { parentId: ids[parent] } : { currency }) });
  expect(created.status).toBe(201);
  ids[key] = created.body.id;
}

const figures = async (key: string) => (await get(`/budgets/${ids[key]}`)).body.figures as { amount: string; unallocated: string };
const tables = () => Promise.all([t.database.db.budget.findMany({ orderBy: { id: 'asc' } }), t.database.db.budgetTransfer.findMany({ orderBy: { id: 'asc' } }), t.database.db.budgetHistory.count()]);
const inbox = async (who: User) => (await t.request.get('/api/v1/approvals?kind=budget-transfer').set(as(who))).body;
const workflowOf = (transferId: string) => t.temporal.client.workflow.getHandle(budgetApprovalWorkflowId({ kind: 'transfer', id: transferId }));

beforeAll(async () => {
  t = await startTestApp();
  [requester, owner, boss, other, stranger, admin] = await Promise.all([
    user('marketer', 'requester'), user('marketer', 'owner'), user('manager', 'boss'), user('manager', 'other'), user('manager', 'stranger'), user('admin', 'admin'),
  ]);
  await t.database.db.user.update({ where: { id: owner.id }, data: { managerId: boss.id } });
  await budget('root', 'Transfers FY2027', admin.id, 100_000);
  await budget('emea', 'Transfers EMEA', owner.id, 60_000, 'root');
  await budget('print', 'Transfers EMEA print', owner.id, 10_000, 'emea');
  await budget('americas', 'Transfers Americas', other.id, 30_000, 'root');
});
afterAll(() => t.close());

test('when a transfer is refused then it names what is wrong and writes nothing', async () => {
  await budget('dollars', 'Transfers US', other.id, 5_000, undefined, 'USD');
  const before = await tables();
  const cases: [User, object, number, string][] = [
    [requester, { fromBudgetId: ids.emea, toBudgetId: ids.emea, amount: 1, reason: 'x' }, 400, 'body.toBudgetId'],
    [requester, { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 0, reason: 'x' }, 400, 'body.amount'],
    [requester, { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 1, reason: 'x', remindAfter: 'soon' }, 400, 'body.remindAfter'],
    [requester, { fromBudgetId: ids.emea, toBudgetId: ids.dollars, amount: 1, reason: 'x' }, 409, 'body.toBudgetId'],
    [requester, { fromBudgetId: ids.print, toBudgetId: ids.americas, amount: 10_000.01, reason: 'x' }, 409, 'body.amount'],
  ];
  for (const [who, body, status, path] of cases) {
    const response = await post(who, '/budget-transfers', body);
    expect([response.status, response.body.error.details[0]?.path]).toEqual([status, path]);
  }
  const over = await post(requester, '/budget-transfers', { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 50_000.5, reason: 'x' });
  expect(over.body.error.message).toBe('Budget "Transfers EMEA" has 50000.00 EUR left to allocate: 50000.50 EUR is 0.50 EUR over');
  const unknown = await post(requester, '/budget-transfers', { fromBudgetId: '00000000-0000-4000-8000-000000000000', toBudgetId: ids.americas, amount: 1, reason: 'x' });
  expect(unknown.status).toBe(404);
  expect((await post(stranger, '/budget-transfers', { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 1, reason: 'x' })).status).toBe(403);
  expect(await tables()).toEqual(before);
});

test('when both sides approve then the funds move along the tree in one transaction: the givers lose it, the receivers gain it, the common ancestor keeps its figures', async () => {
  const rootBefore = await figures('root');
  const asked = await post(requester, '/budget-transfers', { fromBudgetId: ids.print, toBudgetId: ids.americas, amount: 2_500.5, reason: 'The spring fair costs more', remindAfter: 'PT1S' });
  expect(asked.status).toBe(201);
  const transfer = asked.body;
  expect(transfer).toMatchObject({
    status: 'PENDING', amount: '2500.50', currency: 'EUR', reason: 'The spring fair costs more', requestedBy: { id: requester.id, name: 'Transfer requester' },
    from: { budgetId: ids.print, budgetName: 'Transfers EMEA print', owner: { id: owner.id }, approvers: [{ id: owner.id }, { id: boss.id }], approvedBy: null },
    to: { budgetId: ids.americas, owner: { id: other.id }, approvers: [{ id: other.id }], approvedBy: null },
    workflowId: `budget-transfer-${transfer.id}`,
  });
  const subject = 'CRM: Budget transfer of 2500.50 EUR from "Transfers EMEA print" to "Transfers Americas" awaits your approval';
  const asks = await waitForMail((mail) => mail.subject === subject, 3);
  expect(asks.map((mail) => mail.to[0]).sort()).toEqual([owner.email, boss.email, other.email].sort());
  // Nobody answered within remindAfter: every approver is reminded once.
  await waitForMail((mail) => mail.subject === subject.replace('CRM: ', 'CRM: Reminder: ').replace('awaits', 'still awaits'), 3);

  expect((await inbox(other)).items).toEqual([expect.objectContaining({ kind: 'budget-transfer', transferId: transfer.id, yourSides: ['to'], onBehalf: false, amount: '2500.50', askedBy: { id: requester.id, name: 'Transfer requester' } })]);
  expect((await inbox(requester)).items).toEqual([]);
  expect((await post(stranger, `/budget-transfers/${transfer.id}/approve`)).status).toBe(403);
  expect((await post(requester, `/budget-transfers/${transfer.id}/approve`)).body.error.message).toBe('Who asked for a transfer does not decide it: cancel it instead');

  const half = await post(other, `/budget-transfers/${transfer.id}/approve`, { comment: 'fine by me' });
  expect(half.status).toBe(200);
  expect(half.body).toMatchObject({ status: 'PENDING', to: { approvedBy: { id: other.id } }, from: { approvedBy: null } });
  expect((await post(other, `/budget-transfers/${transfer.id}/approve`)).body.status).toBe('PENDING');
  expect((await inbox(other)).items).toEqual([]);
  expect((await inbox(boss)).items.map((item: { transferId: string }) => item.transferId)).toEqual([transfer.id]);

  const done = await post(boss, `/budget-transfers/${transfer.id}/approve`);
  expect(done.body).toMatchObject({ status: 'APPLIED', decidedBy: { id: boss.id }, decidedOnBehalf: false, from: { approvedBy: { id: boss.id } } });
  expect(await figures('print')).toMatchObject({ amount: '7499.50', unallocated: '7499.50' });
  expect(await figures('emea')).toMatchObject({ amount: '57499.50', unallocated: '50000.00' });
  expect(await figures('americas')).toMatchObject({ amount: '32500.50', unallocated: '32500.50' });
  expect(await figures('root')).toEqual(rootBefore);
  const lastLine = async (key: string) => (await get(`/budgets/${ids[key]}/history`)).body.items.at(-1);
  expect(await lastLine('print')).toMatchObject({ action: 'transfer.out', amountChange: '-2500.50', details: { transferId: transfer.id } });
  expect(await lastLine('emea')).toMatchObject({ action: 'transfer.through', amountChange: '-2500.50' });
  expect(await lastLine('americas')).toMatchObject({ action: 'transfer.in', amountChange: '2500.50' });

  await waitForMail((mail) => mail.to[0] === requester.email && mail.subject === 'CRM: Budget transfer of 2500.50 EUR from "Transfers EMEA print" to "Transfers Americas" was approved: the funds moved');
  const handle = workflowOf(transfer.id);
  expect(await handle.result()).toBe('APPLIED');
  expect((await handle.describe()).typedSearchAttributes.get(budgetApprovalStatusKey)).toBe('APPLIED');
  expect((await post(boss, `/budget-transfers/${transfer.id}/reject`, { reason: 'too late' })).status).toBe(409);
  await recordHistory(handle, 'budget-approval', 'transfer-approved-after-reminder');
});

test('when the giving budget has spent its funds meanwhile then the last approval is refused with nothing recorded, and a rejection tells who asked why', async () => {
  const asked = (await post(requester, '/budget-transfers', { fromBudgetId: ids.americas, toBudgetId: ids.print, amount: 30_000, reason: 'Print run' })).body;
  expect((await post(boss, `/budget-transfers/${asked.id}/approve`)).body).toMatchObject({ status: 'PENDING', to: { approvedBy: { id: boss.id } } });
  await budget('fair', 'Transfers fair', other.id, 5_000, 'americas');
  const before = await tables();
  const refused = await post(other, `/budget-transfers/${asked.id}/approve`);
  expect([refused.status, refused.body.error.message]).toEqual([409, 'Budget "Transfers Americas" has 27500.50 EUR left to allocate: 30000.00 EUR is 2499.50 EUR over']);
  expect(await tables()).toEqual(before);

  const rejected = await post(other, `/budget-transfers/${asked.id}/reject`, { reason: 'Not this quarter' });
  expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedBy: { id: other.id }, comment: 'Not this quarter' });
  await waitForMail((mail) => mail.to[0] === requester.email && mail.subject === 'CRM: Budget transfer of 30000.00 EUR from "Transfers Americas" to "Transfers EMEA print" was rejected by Transfer other: Not this quarter');
  expect(await workflowOf(asked.id).result()).toBe('REJECTED');
  expect(await tables()).toEqual([before[0], expect.anything(), before[2]]);
  await recordHistory(workflowOf(asked.id), 'budget-approval', 'transfer-rejected');
});

test('when who asks answers for both sides then the funds move at once; a child gives back to its parent, whose own funds stay', async () => {
  const asked = await post(owner, '/budget-transfers', { fromBudgetId: ids.print, toBudgetId: ids.emea, amount: 1_000, reason: 'Print is cheaper' });
  expect(asked.body).toMatchObject({ status: 'APPLIED', decidedBy: { id: owner.id }, from: { approvedBy: { id: owner.id } }, to: { approvedBy: { id: owner.id } } });
  expect(await figures('print')).toMatchObject({ amount: '6499.50' });
  expect(await figures('emea')).toMatchObject({ amount: '57499.50', unallocated: '51000.00' });
  expect(await workflowOf(asked.body.id).result()).toBe('APPLIED');

  // Between two trees of one currency, both roots change.
  await budget('events', 'Transfers events FY2027', admin.id, 1_000);
  const across = await post(admin, '/budget-transfers', { fromBudgetId: ids.root, toBudgetId: ids.events, amount: 500, reason: 'Events get their own tree' });
  expect(across.body.status).toBe('APPLIED');
  expect([await figures('root'), await figures('events')]).toEqual([
    expect.objectContaining({ amount: '99500.00', unallocated: '9500.00' }),
    expect.objectContaining({ amount: '1500.00', unallocated: '1500.00' }),
  ]);
});

test('when who asked cancels then the approvers are told; an admin decides another on behalf of the approvers, audited', async () => {
  const asked = (await post(requester, '/budget-transfers', { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 100, reason: 'Maybe' })).body;
  expect((await post(stranger, `/budget-transfers/${asked.id}/cancel`)).status).toBe(403);
  const cancelled = await post(requester, `/budget-transfers/${asked.id}/cancel`, { comment: 'Found the money elsewhere' });
  expect(cancelled.body).toMatchObject({ status: 'CANCELLED', decidedBy: { id: requester.id } });
  await waitForMail((mail) => mail.to[0] === other.email && mail.subject === 'CRM: Budget transfer of 100.00 EUR from "Transfers EMEA" to "Transfers Americas" was withdrawn by Transfer requester: it needs no answer any more: Found the money elsewhere');
  expect((await post(other, `/budget-transfers/${asked.id}/approve`)).status).toBe(409);
  expect(await workflowOf(asked.id).result()).toBe('CANCELLED');

  const second = (await post(requester, '/budget-transfers', { fromBudgetId: ids.emea, toBudgetId: ids.americas, amount: 200, reason: 'Now' })).body;
  expect((await inbox(admin)).items).toEqual([]);
  const all = (await t.request.get('/api/v1/approvals?kind=budget-transfer&scope=all').set(as(admin))).body;
  expect(all.items).toEqual([expect.objectContaining({ transferId: second.id, onBehalf: true, yourSides: ['from', 'to'] })]);
  const decided = await post(admin, `/budget-transfers/${second.id}/approve`);
  expect(decided.body).toMatchObject({ status: 'APPLIED', decidedOnBehalf: true, from: { approvedBy: { id: admin.id } }, to: { approvedBy: { id: admin.id } } });
  expect(await t.database.db.auditEntry.count({ where: { action: 'approval.on-behalf', entityId: second.id } })).toBe(1);

  const listed = await get(`/budget-transfers?budgetId=${ids.americas}&status=APPLIED&limit=1`);
  expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([second.id]);
  const next = await get(`/budget-transfers?budgetId=${ids.americas}&status=APPLIED&limit=1&cursor=${listed.body.nextCursor}`);
  expect(next.body.items.map((item: { amount: string }) => item.amount)).toEqual(['2500.50']);
});
