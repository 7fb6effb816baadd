import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';
import { startTestApp, type TestApp } from '../support/test-app';
import { accountInWork, as, definitionOf, type Key, logActivity } from './helpers';

let t: TestApp;
let admin: Key;
let manager: Key;

beforeAll(async () => {
  t = await startTestApp();
  [admin, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

/** Reads a rule through the API, changes its definition and PUTs it back, as an admin would. */
async function editRule(key: string, change: (definition: Record<string, unknown>) => Record<string, unknown>) {
  const current = await t.request.get(`/api/v1/rules/${key}`).set(as(admin));
  const edited = await t.request.put(`/api/v1/rules/${key}`).set(as(admin)).send(change(definitionOf(current.body)));
  expect(edited.status).toBe(200);
  return edited.body;
}

test('when an admin retitles the follow-up rule then the next activity’s follow-up task has the new title and names version 2', async () => {
  const id = await accountInWork(t, manager, 'Retitled Follow-ups');
  const edited = await editRule('follow-up-without-next-step', (definition) => ({
    ...definition,
    actions: (definition.actions as object[]).map((action) => ({ ...action, title: 'Call back and book a meeting' })),
  }));
  expect(edited.version).toBe(2);

  const logged = await logActivity(t, manager, id, { type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(logged.status).toBe(201);
  const followUp = logged.body.tasksCreated.find((task: { type: string }) => task.type === 'FOLLOW_UP');
  expect(followUp).toMatchObject({ title: 'Call back and book a meeting', createdBy: { ruleKey: 'follow-up-without-next-step', ruleVersion: 2 } });
  expect(followUp.why).toMatchObject({ ruleId: edited.id, ruleVersion: 2 });
});

test('when an admin disables a rule then the next activity no longer runs it', async () => {
  const id = await accountInWork(t, manager, 'No Correction Tasks');
  await editRule('correct-contact-details', (definition) => ({ ...definition, enabled: false }));
  const logged = await logActivity(t, manager, id, { type: 'CALL', outcome: 'WRONG_NUMBER' });
  expect(logged.status).toBe(201);
  expect(logged.body.tasksCreated.map((task: { type: string }) => task.type)).not.toContain('CORRECT_CONTACT_DETAILS');
});

test('when the refusal rule is edited while a re-contact timer is pending then the timer keeps version 1 and its time, and version 1 still answers', async () => {
  const refused = await accountInWork(t, manager, 'Refused Before The Edit');
  const [timer] = (await logActivity(t, manager, refused, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  expect(timer).toMatchObject({ kind: 'recontact', ruleKey: 'refusal', ruleVersion: 1 });

  await editRule('refusal', (definition) => ({
    ...definition,
    actions: (definition.actions as { kind: string }[]).map((action) => (action.kind === 'start_timer' ? { ...action, after: { after: 'P30D', businessDays: false } } : action)),
  }));

  const stored = await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } });
  expect({ state: stored.state, ruleVersion: stored.ruleVersion, fireAt: stored.fireAt.toISOString() }).toEqual({ state: 'PENDING', ruleVersion: 1, fireAt: timer.fireAt });
  const page = (await t.request.get(`/api/v1/accounts/${refused}`).set(as(manager))).body;
  expect(page.pendingTimers).toEqual([expect.objectContaining({ id: timer.id, ruleVersion: 1, fireAt: timer.fireAt })]);
  expect(await t.temporal.client.workflow.getHandle(accountWorkflowId(refused)).query(pendingTimersQuery)).toEqual([{ id: timer.id, kind: 'recontact', fireAt: timer.fireAt }]);

  const first = await t.request.get('/api/v1/rules/refusal/versions/1').set(as(manager));
  expect(first.body.isCurrent).toBe(false);
  expect(first.body.actions).toContainEqual(expect.objectContaining({ kind: 'start_timer', after: { after: 'P90D', businessDays: false } }));

  const later = await accountInWork(t, manager, 'Refused After The Edit');
  const [newTimer] = (await logActivity(t, manager, later, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  expect(newTimer).toMatchObject({ ruleKey: 'refusal', ruleVersion: 2 });
  const days = (Date.parse(newTimer.fireAt) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(29);
  expect(days).toBeLessThan(31);
});
