import { startTestApp, type TestApp } from '../support/test-app';
import { as, type Key, newRule, paths, ruleRowCounts } from './helpers';

let t: TestApp;
let admin: Key;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
  // One half of a loop, so that its other half can be refused below.
  const half = await t.request.post('/api/v1/rules').set(as(admin)).send(newRule('signed-after-meeting', {
    trigger: { kind: 'status_entered', statuses: ['MEETING_HELD'] },
    actions: [{ kind: 'set_status', status: 'CONTRACT_SIGNED' }],
  }));
  expect(half.status).toBe(201);
});
afterAll(() => t.close());

const dueIn = (due: object) => ({ actions: [{ kind: 'create_task', taskType: 'CALL', title: 'Call', due, assignTo: 'owner' }] });

const badRules: [string, string, Record<string, unknown>][] = [
  ['an unknown status in set_status', 'body.actions.0.status', { actions: [{ kind: 'set_status', status: 'ARCHIVED' }] }],
  ['an unknown status in status_in', 'body.conditions.0.statuses.1', { conditions: [{ kind: 'status_in', statuses: ['CLIENT', 'ARCHIVED'] }] }],
  ['set_status POTENTIAL, which only "take" sets', 'body.actions.0.status', { actions: [{ kind: 'set_status', status: 'POTENTIAL' }] }],
  ['a bad ISO duration', 'body.actions.0.due.after', dueIn({ after: 'P1X' })],
  ['business days counted in hours', 'body.actions.0.due.after', dueIn({ after: 'PT2H', businessDays: true })],
  ['an unknown field', 'body.colour', { colour: 'red' }],
  ['an unknown trigger kind', 'body.trigger.kind', { trigger: { kind: 'moon_phase' } }],
  ['a key that is not a slug', 'body.key', { key: 'Bad Key' }],
  ['no action', 'body.actions', { actions: [] }],
  ['a rule re-triggering itself', 'body.actions.0.status', { trigger: { kind: 'status_entered', statuses: ['LOST'] }, actions: [{ kind: 'set_status', status: 'LOST' }] }],
];

// The same refusals for a new rule and for an edit: both parse the whole definition.
const send = { POST: () => t.request.post('/api/v1/rules'), PUT: () => t.request.put('/api/v1/rules/refusal') };

describe.each(['POST', 'PUT'] as const)('%s', (method) => {
  test.each(badRules)('when an admin sends a rule with %s then 400 names %s and nothing is written', async (_case, path, change) => {
    const before = await ruleRowCounts(t);
    const response = await send[method]().set(as(admin)).send(newRule(method === 'POST' ? 'bad-rule' : 'refusal', change));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(response.body)).toContain(path);
    expect(response.body.error.message).toContain(path);
    expect(await ruleRowCounts(t)).toEqual(before);
  });
});

test('when a new rule would close a status_entered loop with another then 422 RULE_VIOLATION names both rules and nothing is written', async () => {
  const before = await ruleRowCounts(t);
  const otherHalf = newRule('meeting-after-signing', { trigger: { kind: 'status_entered', statuses: ['CONTRACT_SIGNED'] }, actions: [{ kind: 'set_status', status: 'MEETING_HELD' }] });
  const response = await t.request.post('/api/v1/rules').set(as(admin)).send(otherHalf);
  expect(response.status).toBe(422);
  expect(response.body.error.code).toBe('RULE_VIOLATION');
  expect(response.body.error.message).toMatch(/meeting-after-signing.*signed-after-meeting/);
  expect(paths(response.body)).toEqual(['body.actions.0.status']);
  expect(await ruleRowCounts(t)).toEqual(before);
});

test('when an edit would close the loop then 422 and the rule keeps its version; disabling the other half first lets it through', async () => {
  await t.request.post('/api/v1/rules').set(as(admin)).send(newRule('harmless'));
  const before = await ruleRowCounts(t);
  const closing = newRule('harmless', { trigger: { kind: 'status_entered', statuses: ['CONTRACT_SIGNED'] }, actions: [{ kind: 'set_status', status: 'MEETING_HELD' }] });
  expect((await t.request.put('/api/v1/rules/harmless').set(as(admin)).send(closing)).status).toBe(422);
  expect(await ruleRowCounts(t)).toEqual(before);

  const disable = newRule('signed-after-meeting', { enabled: false, trigger: { kind: 'status_entered', statuses: ['MEETING_HELD'] }, actions: [{ kind: 'set_status', status: 'CONTRACT_SIGNED' }] });
  expect((await t.request.put('/api/v1/rules/signed-after-meeting').set(as(admin)).send(disable)).status).toBe(200);
  expect((await t.request.put('/api/v1/rules/harmless').set(as(admin)).send(closing)).body).toMatchObject({ version: 2 });
});

test('when a rule body is not JSON or not an object then 4xx and nothing is written', async () => {
  const before = await ruleRowCounts(t);
  expect((await t.request.post('/api/v1/rules').set(as(admin)).set('Content-Type', 'application/json').send('{"key":')).status).toBe(400);
  expect((await t.request.post('/api/v1/rules').set(as(admin)).send([newRule('in-an-array')])).status).toBe(400);
  expect((await t.request.put('/api/v1/rules/refusal').set(as(admin)).set('Content-Type', 'text/plain').send('hello')).status).toBe(415);
  expect(await ruleRowCounts(t)).toEqual(before);
});
