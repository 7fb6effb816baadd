import { defaultRules } from '../../src/rules/default-rules';
import { startTestApp, type TestApp } from '../support/test-app';
import { as, definitionOf, type Key } from './helpers';

let t: TestApp;
let manager: Key;
let marketer: Key;

beforeAll(async () => {
  t = await startTestApp();
  [manager, marketer] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer')]);
});
afterAll(() => t.close());

type Listed = { key: string; version: number; priority: number; isCurrent: boolean };

test('when a manager lists the rules then every current default rule comes, in engine order (priority, then key), with its definition', async () => {
  const response = await t.request.get('/api/v1/rules').set(as(manager));
  expect(response.status).toBe(200);
  const items: Listed[] = response.body.items;
  const expected = [...defaultRules].sort((a, b) => a.priority - b.priority || a.key.localeCompare(b.key)).map((rule) => rule.key);
  expect(items.map((item) => item.key)).toEqual(expected);
  const followUp = defaultRules.find((rule) => rule.key === 'follow-up-without-next-step')!;
  expect(items.find((item) => item.key === followUp.key)).toEqual({
    ...followUp,
    id: expect.any(String),
    version: 1,
    isCurrent: true,
    createdAt: expect.any(String),
    createdById: null,
  });
});

test('when a marketer reads one rule then it comes with the list of its versions', async () => {
  const response = await t.request.get('/api/v1/rules/refusal').set(as(marketer));
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ key: 'refusal', version: 1, enabled: true, trigger: { kind: 'activity_logged', outcomes: ['REFUSED'] } });
  expect(response.body.versions).toEqual([{ id: response.body.id, version: 1, createdAt: response.body.createdAt, createdById: null }]);
});

test('when a manager follows a task’s (ruleKey, ruleVersion) then that exact version answers', async () => {
  const response = await t.request.get('/api/v1/rules/follow-up-without-next-step/versions/1').set(as(manager));
  expect(response.status).toBe(200);
  expect(response.body).toMatchObject({ key: 'follow-up-without-next-step', version: 1, isCurrent: true });
});

test('when a rule was edited then includeHistory=true lists the old version after the current one, and the plain list only the current', async () => {
  const admin = await t.userWithKey('admin');
  const current = (await t.request.get('/api/v1/rules/meeting-held').set(as(admin))).body;
  expect((await t.request.put('/api/v1/rules/meeting-held').set(as(admin)).send({ ...definitionOf(current), name: 'A meeting that really took place' })).status).toBe(200);

  const plain: Listed[] = (await t.request.get('/api/v1/rules').set(as(manager))).body.items;
  expect(plain.filter((item) => item.key === 'meeting-held').map((item) => item.version)).toEqual([2]);
  const history: Listed[] = (await t.request.get('/api/v1/rules').query({ includeHistory: 'true' }).set(as(manager))).body.items;
  expect(history).toHaveLength(defaultRules.length + 1);
  expect(history.filter((item) => item.key === 'meeting-held').map((item) => [item.version, item.isCurrent])).toEqual([[2, true], [1, false]]);
  const detail = (await t.request.get('/api/v1/rules/meeting-held').set(as(manager))).body;
  expect(detail.versions.map((version: { version: number; createdById: string | null }) => [version.version, version.createdById])).toEqual([[1, null], [2, admin.id]]);
});

test.each([
  ['an unknown key', '/api/v1/rules/no-such-rule', 404, 'path.key'],
  ['an unknown version', '/api/v1/rules/refusal/versions/9', 404, 'path.version'],
  ['a version of an unknown key', '/api/v1/rules/no-such-rule/versions/1', 404, 'path.key'],
  ['a key that is not a slug', '/api/v1/rules/Not%20A%20Key', 400, 'path.key'],
  ['a version that is not a number', '/api/v1/rules/refusal/versions/first', 400, 'path.version'],
  ['a version 0', '/api/v1/rules/refusal/versions/0', 400, 'path.version'],
  ['an unknown query parameter', '/api/v1/rules?history=yes', 400, 'query.history'],
])('when a reader asks for %s at %s then %i naming %s', async (_case, url, status, path) => {
  const response = await t.request.get(url).set(as(manager));
  expect(response.status).toBe(status);
  expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
});

test('when nobody is authenticated then the rules and the calendar are not readable', async () => {
  expect((await t.request.get('/api/v1/rules')).status).toBe(401);
  expect((await t.request.get('/api/v1/calendar')).status).toBe(401);
});
