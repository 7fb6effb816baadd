import path from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { accountWorkflowId } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { shortenRecontact } from '../support/rule-versions';
import { workflowBundle } from '../support/temporal-worker';
import { startTestApp, type TestApp } from '../support/test-app';

// Long enough for the upgrade (a worker restart) to happen while the timer is pending.
const RECONTACT = 'PT30S';
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never;

let t: TestApp;
let manager: { id: string; key: string };
const auth = () => ({ Authorization: `Bearer ${manager.key}` });

beforeAll(async () => {
  // The account workflow as released before its search attributes were set at start (version 2).
  const released = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, '..', 'fixtures', 'released-workflows', '2-mail-outbox'), logger: quiet });
  t = await startTestApp({ workflowBundle: released });
  manager = await t.userWithKey('manager');
  await shortenRecontact(t.database.db, RECONTACT);
}, 120_000);
afterAll(() => t?.close());

/** The search attributes this project sets (Temporal adds its own, such as BuildIds). */
async function crmSearchAttributes(handle: { describe(): Promise<{ searchAttributes: Record<string, unknown> }> }) {
  return Object.fromEntries(Object.entries((await handle.describe()).searchAttributes).filter(([name]) => name.startsWith('Crm')));
}

async function accountInWork(name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(auth()).send({ name, segment: 'upgrade' });
  expect(created.status).toBe(201);
  expect((await t.request.post(`/api/v1/accounts/${created.body.account.id}/take`).set(auth())).status).toBe(200);
  return created.body.account.id;
}

test('when the worker is upgraded while a re-contact timer is pending then the timer fires once on the new code, creating one task, and runs started after it are findable by owner and segment', async () => {
  const id = await accountInWork('Upgrade Ltd');
  const refusal = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth()).send({ type: 'CALL', outcome: 'REFUSED' });
  expect(refusal.status).toBe(201);
  const [timer] = refusal.body.timersStarted.filter((started: { kind: string }) => started.kind === 'recontact');
  // Through the current worker's client (a restart closes the old one's connection).
  const handle = () => t.temporal.client.workflow.getHandle(accountWorkflowId(id));
  // The released code upserted the status (the API started the run with POTENTIAL, its owner and segment).
  expect(await crmSearchAttributes(handle())).toMatchObject({ CrmAccountStatus: ['REFUSED'], CrmAccountOwnerId: [manager.id] });

  await t.restartWorker();
  // The upgrade happened while the timer was pending.
  expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('PENDING');

  const fired = await eventually(async () => {
    const row = await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } });
    expect(row.state).toBe('FIRED');
    return row;
  }, 90_000);
  expect(fired.settledAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(timer.fireAt));
  const tasks = await t.database.db.task.findMany({ where: { accountId: id, timerId: timer.id }, select: { type: true, state: true } });
  expect(tasks).toEqual([{ type: 'RECONTACT', state: 'OPEN' }]);
  // The run's whole history (begun on the old code, timer fired on the new) replays on the new code.
  await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, await handle().fetchHistory(), 'upgraded')).resolves.toBeUndefined();
  await recordHistory(handle(), 'account', 'upgraded-while-timer-pending');

  // A run started on the new code sets its search attributes in its first task too (for runs started by an update, not a take).
  const fresh = await accountInWork('Fresh Start Ltd');
  const freshHandle = t.temporal.client.workflow.getHandle(accountWorkflowId(fresh));
  await eventually(async () =>
    expect(await crmSearchAttributes(freshHandle)).toEqual({ CrmAccountStatus: ['POTENTIAL'], CrmAccountStatusSince: [expect.any(Date)], CrmAccountOwnerId: [manager.id], CrmAccountSegment: ['upgrade'] }),
  );
  await recordHistory(freshHandle, 'account', 'taken');
}, 180_000);
