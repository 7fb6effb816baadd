import { eventually } from '../support/eventually';
import { shortenRecontact } from '../support/rule-versions';
import { startTestApp, type TestApp } from '../support/test-app';
import { accountInWork, as, definitionOf, type Key, logActivity } from '../rules-api/helpers';
import { tableChecksums } from './table-checksums';

let t: TestApp;
let admin: Key;
let manager: Key;
const ids: Record<'contacted' | 'refused' | 'wrongNumber' | 'noAnswer' | 'longAgo', string> = { contacted: '', refused: '', wrongNumber: '', noAnswer: '', longAgo: '' };

const dryRun = (body: object, user: Key = admin) => t.request.post('/api/v1/rules/dry-run').set(as(user)).send(body);
const currentDefinition = async (key: string) => definitionOf((await t.request.get(`/api/v1/rules/${key}`).set(as(admin))).body);
const logged = async (accountId: string, body: object) => expect((await logActivity(t, manager, accountId, body)).status).toBe(201);

/**
 * Moves all of an account's history `days` back in time, as if it had been worked then. Whole weeks,
 * and not across a change of daylight saving time, so business days and local times stay the same.
 */
async function moveHistoryBack(accountId: string, days: number) {
  const db = t.database.db;
  const shift = `interval '${days} days'`;
  await db.$executeRawUnsafe(`UPDATE activities SET created_at = created_at - ${shift}, occurred_at = occurred_at - ${shift} WHERE account_id = $1::uuid`, accountId);
  await db.$executeRawUnsafe(`UPDATE status_changes SET changed_at = changed_at - ${shift} WHERE account_id = $1::uuid`, accountId);
  await db.$executeRawUnsafe(`UPDATE tasks SET created_at = created_at - ${shift}, due_at = due_at - ${shift}, completed_at = completed_at - ${shift} WHERE account_id = $1::uuid`, accountId);
  await db.$executeRawUnsafe(`UPDATE timers SET created_at = created_at - ${shift}, fire_at = fire_at - ${shift}, settled_at = settled_at - ${shift} WHERE account_id = $1::uuid`, accountId);
  await db.$executeRawUnsafe(`UPDATE outbound_emails SET created_at = created_at - ${shift} WHERE account_id = $1::uuid`, accountId);
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('manager')]);
  // The rules every activity below really ran under: refusals re-contact after 2 seconds.
  await shortenRecontact(t.database.db, 'PT2S');

  ids.contacted = await accountInWork(t, manager, 'Contacted Ltd');
  await logged(ids.contacted, { type: 'CALL', outcome: 'CONTACT_MADE' });
  await logged(ids.contacted, { type: 'MEETING', outcome: 'MEETING_HELD', nextStep: { type: 'CALL', dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString() } });

  ids.refused = await accountInWork(t, manager, 'Refusing SA');
  await logged(ids.refused, { type: 'CALL', outcome: 'REFUSED' });
  // The shortened re-contact really fires and makes its task.
  await eventually(async () => expect(await t.database.db.task.count({ where: { accountId: ids.refused, type: 'RECONTACT' } })).toBe(1));

  ids.wrongNumber = await accountInWork(t, manager, 'Wrong Number GmbH');
  await logged(ids.wrongNumber, { type: 'CALL', outcome: 'WRONG_NUMBER' });
  const correction = await t.database.db.task.findFirstOrThrow({ where: { accountId: ids.wrongNumber, type: 'CORRECT_CONTACT_DETAILS' } });
  expect((await t.request.post(`/api/v1/tasks/${correction.id}/complete`).set(as(manager))).status).toBe(200);

  ids.noAnswer = await accountInWork(t, manager, 'Nobody Home Inc');
  await logged(ids.noAnswer, { type: 'CALL', outcome: 'NO_ANSWER' });

  ids.longAgo = await accountInWork(t, manager, 'Long Ago Refusal');
  await logged(ids.longAgo, { type: 'CALL', outcome: 'REFUSED' });
  await eventually(async () => expect(await t.database.db.task.count({ where: { accountId: ids.longAgo, type: 'RECONTACT' } })).toBe(1));
  await moveHistoryBack(ids.longAgo, 28);
}, 120_000);
afterAll(() => t.close());

test('when the rule set is unchanged then the replay of real workflows, a fired re-contact included, differs nowhere', async () => {
  for (const rules of [[], [await currentDefinition('refusal'), await currentDefinition('follow-up-without-next-step')]]) {
    const answer = await dryRun({ rules });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ totals: { accountsDiffering: 0, statusDiffers: 0 }, accounts: [], truncated: false });
    expect(answer.body.replayed).toEqual({ accounts: 5, activities: 6, timerFirings: 2 });
    const { tasks, timers, emails } = answer.body.totals;
    expect(tasks.proposed).toBe(tasks.actual);
    expect(timers.proposed).toBe(timers.actual);
    expect(emails.proposed).toBe(emails.actual);
    // Follow-up, next step, two re-contacts, correction, follow-up after no answer; each task has its overdue check.
    expect(tasks.actual).toBe(6);
    expect(timers.actual).toBe(6 + 2);
  }
});

test('when the re-contact waits 30 days then the refusals keep their timer but no re-contact task comes within the window', async () => {
  const refusal = await currentDefinition('refusal');
  const actions = (refusal.actions as { kind: string }[]).map((action) => (action.kind === 'start_timer' ? { ...action, after: { after: 'P30D' } } : action));
  const answer = await dryRun({ rules: [{ ...refusal, actions }] });
  expect(answer.status).toBe(200);
  expect(answer.body.totals).toMatchObject({ accountsDiffering: 2, statusDiffers: 0, tasks: { actual: 6, proposed: 4 }, timers: { actual: 8, proposed: 6 } });
  const refused = answer.body.accounts.find((account: { accountId: string }) => account.accountId === ids.refused);
  expect(refused).toMatchObject({
    accountName: 'Refusing SA',
    actual: { status: 'REFUSED', tasks: 1, timers: 2 },
    proposed: { status: 'REFUSED', tasks: 0, timers: 1 },
  });
  expect(refused.differences).toEqual([
    "tasks: 1 actual, 0 proposed (no RECONTACT from rule 'refusal')",
    expect.stringMatching(/^timers: 2 actual, 1 proposed \(no task-overdue from rule 'escalate-overdue-task'\); recontact from rule 'refusal' firing \S+ \S+ Europe\/Paris actual, \S+ \S+ Europe\/Paris proposed$/),
  ]);
});

test('when a refusal would make the account LOST then the status differs, and only where a refusal was logged', async () => {
  const refusal = await currentDefinition('refusal');
  const actions = (refusal.actions as { kind: string }[]).map((action) => (action.kind === 'set_status' ? { kind: 'set_status', status: 'LOST' } : action));
  const answer = await dryRun({ rules: [{ ...refusal, actions }] });
  expect(answer.body.totals).toMatchObject({ accountsDiffering: 2, statusDiffers: 2 });
  expect(answer.body.accounts.map((account: { accountId: string }) => account.accountId).sort()).toEqual([ids.refused, ids.longAgo].sort());
  for (const account of answer.body.accounts) expect(account.differences).toEqual(['status: actual REFUSED, proposed LOST']);
});

test('when a new rule starts a timer that would fire in the window then it fires in the replay, with what it does', async () => {
  const chase = {
    key: 'chase-no-answer',
    name: 'Nobody answered: try again in a second',
    trigger: { kind: 'activity_logged', outcomes: ['NO_ANSWER'] },
    actions: [{ kind: 'start_timer', timerKind: 'chase', after: { after: 'PT1S' }, onFire: [{ kind: 'create_task', taskType: 'CALL', title: 'Call again', due: { after: 'P1D' }, assignTo: 'owner' }] }],
  };
  const answer = await dryRun({ rules: [chase] });
  expect(answer.body.totals).toMatchObject({ accountsDiffering: 1, tasks: { actual: 6, proposed: 7 }, timers: { actual: 8, proposed: 10 } });
  expect(answer.body.accounts).toEqual([
    expect.objectContaining({
      accountId: ids.noAnswer,
      differences: [
        "tasks: 1 actual, 2 proposed (1 more CALL from rule 'chase-no-answer')",
        "timers: 1 actual, 3 proposed (1 more chase from rule 'chase-no-answer'; 1 more task-overdue from rule 'escalate-overdue-task')",
      ],
    }),
  ]);
});

test('when the window is shorter than the time since an account was worked then that account is not replayed', async () => {
  const refusal = await currentDefinition('refusal');
  const lost = { ...refusal, actions: (refusal.actions as { kind: string }[]).map((action) => (action.kind === 'set_status' ? { kind: 'set_status', status: 'LOST' } : action)) };
  const short = await dryRun({ rules: [lost], days: 20 });
  expect(short.body.replayed).toEqual({ accounts: 4, activities: 5, timerFirings: 1 });
  expect(short.body.accounts.map((account: { accountId: string }) => account.accountId)).toEqual([ids.refused]);
  const to = new Date(short.body.window.to).getTime();
  expect(to - new Date(short.body.window.from).getTime()).toBe(20 * 86_400_000);
  expect(Math.abs(Date.now() - to)).toBeLessThan(60_000);

  const byDefault = await dryRun({ rules: [lost] });
  expect(new Date(byDefault.body.window.to).getTime() - new Date(byDefault.body.window.from).getTime()).toBe(90 * 86_400_000);
  expect(byDefault.body.replayed.accounts).toBe(5);
  const longest = await dryRun({ rules: [lost], days: 365 });
  expect(longest.body.totals.statusDiffers).toBe(2);
});

test('when the body is bad then 400 names the field, and a rule set that would loop or names no template is a 422', async () => {
  const refusal = await currentDefinition('refusal');
  const cases: [object, string[]][] = [
    [{ rules: [{ ...refusal, trigger: { kind: 'sometimes' } }] }, ['body.rules.0.trigger.kind']],
    [{ rules: [{ ...refusal, actions: [] }] }, ['body.rules.0.actions']],
    [{ rules: [refusal, refusal] }, ['body.rules.1.key']],
    [{ rules: [], days: 0 }, ['body.days']],
    [{ rules: [], days: 366 }, ['body.days']],
    [{ rules: [], days: 1.5 }, ['body.days']],
    [{ rules: 'refusal' }, ['body.rules']],
    [{ rules: [], extra: true }, ['body.extra']],
  ];
  for (const [body, paths] of cases) {
    const answer = await dryRun(body);
    expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(paths);
  }
  const onEntering = (key: string, from: string, to: string) => ({ key, name: key, trigger: { kind: 'status_entered', statuses: [from] }, actions: [{ kind: 'set_status', status: to }] });
  const loop = await dryRun({ rules: [onEntering('lost-to-refused', 'LOST', 'REFUSED'), onEntering('refused-to-lost', 'REFUSED', 'LOST')] });
  expect(loop.status).toBe(422);
  expect(loop.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.rules.0.actions.0.status', 'body.rules.1.actions.0.status']);
  const mail = await dryRun({ rules: [{ ...refusal, actions: [{ kind: 'send_email', templateKey: 'no-such-template', to: 'owner' }] }] });
  expect(mail.status).toBe(422);
  expect(mail.body.error.details).toEqual([expect.objectContaining({ path: 'body.rules.0.actions.0.templateKey' })]);
});

test('when an admin runs a dry run then no table changes, and other roles may not run one', async () => {
  const before = await tableChecksums(t.database.db);
  const refusal = await currentDefinition('refusal');
  const answer = await dryRun({ rules: [{ ...refusal, actions: [{ kind: 'set_status', status: 'LOST' }] }], days: 365 });
  expect(answer.status).toBe(200);
  expect(await tableChecksums(t.database.db)).toEqual(before);
  expect((await dryRun({ rules: [] }, manager)).status).toBe(403);
  const marketer = await t.userWithKey('marketer');
  expect((await dryRun({ rules: [] }, marketer)).status).toBe(403);
});
