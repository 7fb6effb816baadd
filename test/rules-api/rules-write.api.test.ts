import { startTestApp, type TestApp } from '../support/test-app';
import { as, type Key, newRule, paths, ruleRowCounts } from './helpers';

let t: TestApp;
let admin: Key;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t.close());

const post = (body: object, user = admin) => t.request.post('/api/v1/rules').set(as(user)).send(body);
const put = (key: string, body: object, user = admin) => t.request.put(`/api/v1/rules/${key}`).set(as(user)).send(body);

test('when an admin POSTs a rule then it is version 1 with its defaults filled in, and it is current', async () => {
  const created = await post(newRule('no-answer-notice'));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ key: 'no-answer-notice', version: 1, enabled: true, priority: 100, conditions: [], isCurrent: true, createdById: admin.id });
  expect((await t.request.get('/api/v1/rules/no-answer-notice').set(as(admin))).body.version).toBe(1);
});

test('when a POST reuses a key then 409 says to PUT, and nothing is written', async () => {
  const before = await ruleRowCounts(t);
  const again = await post(newRule('refusal'));
  expect(again.status).toBe(409);
  expect(again.body.error.message).toContain('PUT /api/v1/rules/refusal');
  expect(await ruleRowCounts(t)).toEqual(before);
});

test('when an admin PUTs a rule then version 2 is current and version 1 is still readable, unchanged', async () => {
  await post(newRule('edited-twice'));
  const edited = await put('edited-twice', { ...newRule('edited-twice'), name: 'Second wording' });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ key: 'edited-twice', version: 2, name: 'Second wording', isCurrent: true });
  const first = await t.request.get('/api/v1/rules/edited-twice/versions/1').set(as(admin));
  expect(first.body).toMatchObject({ version: 1, name: 'Rule edited-twice', isCurrent: false });
  const withoutKey = await put('edited-twice', { name: 'Third wording', trigger: { kind: 'activity_logged' }, actions: [{ kind: 'notify', recipient: 'owner', message: 'x' }] });
  expect(withoutKey.body).toMatchObject({ key: 'edited-twice', version: 3 });
});

test('when an admin disables a rule with enabled:false then a new version is current and disabled', async () => {
  await post(newRule('to-disable'));
  const disabled = await put('to-disable', { ...newRule('to-disable'), enabled: false });
  expect(disabled.body).toMatchObject({ version: 2, enabled: false });
  expect((await t.request.get('/api/v1/rules').set(as(admin))).body.items.find((rule: { key: string }) => rule.key === 'to-disable')).toMatchObject({ version: 2, enabled: false });
});

test('when five admins PUT the same rule at once then versions 2 to 6 are made, none twice, and one is current', async () => {
  await post(newRule('busy-rule'));
  const results = await Promise.all(Array.from({ length: 5 }, (_, index) => put('busy-rule', { ...newRule('busy-rule'), name: `Edit ${index}` })));
  expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 200]);
  expect(results.map((result) => result.body.version).sort()).toEqual([2, 3, 4, 5, 6]);
  const rows = await t.database.db.rule.findMany({ where: { key: 'busy-rule' }, orderBy: { version: 'asc' } });
  expect(rows.map((row) => row.version)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(rows.filter((row) => row.isCurrent).map((row) => row.version)).toEqual([6]);
});

test('when a PUT names another key in the body then 400 names body.key and nothing is written', async () => {
  const before = await ruleRowCounts(t);
  const response = await put('refusal', newRule('not-refusal'));
  expect(response.status).toBe(400);
  expect(paths(response.body)).toEqual(['body.key']);
  expect(await ruleRowCounts(t)).toEqual(before);
});

test('when a PUT names an unknown rule then 404 and nothing is written', async () => {
  const before = await ruleRowCounts(t);
  const response = await put('never-created', newRule('never-created'));
  expect(response.status).toBe(404);
  expect(response.body.error.message).toContain('never-created');
  expect(await ruleRowCounts(t)).toEqual(before);
});

test.each(['manager', 'marketer'] as const)('when a %s tries to write a rule then 403 and nothing is written', async (role) => {
  const user = await t.userWithKey(role);
  const before = await ruleRowCounts(t);
  expect((await post(newRule(`by-${role}`), user)).status).toBe(403);
  expect((await put('refusal', newRule('refusal'), user)).status).toBe(403);
  expect((await t.request.put('/api/v1/calendar').set(as(user)).send({ weekendDays: [7], holidays: [] })).status).toBe(403);
  expect(await ruleRowCounts(t)).toEqual(before);
});

test('when a rule would send a template that does not exist then 422 names the action, and it saves once the template exists', async () => {
  const rule = newRule('thank-you-mail', { actions: [{ kind: 'send_email', templateKey: 'thank-you', to: 'primary_contact' }] });
  const before = await ruleRowCounts(t);
  const refused = await post(rule);
  expect(refused.status).toBe(422);
  expect(paths(refused.body)).toContain('body.actions.0.templateKey');
  expect(await ruleRowCounts(t)).toEqual(before);

  const template = await t.request.post('/api/v1/templates').set(as(admin)).send({ key: 'thank-you', name: 'Thank you', subject: 'Thank you, {{contact.name}}', text: 'Thanks from {{owner.name}}' });
  expect(template.status).toBe(201);
  expect((await post(rule)).status).toBe(201);
});
