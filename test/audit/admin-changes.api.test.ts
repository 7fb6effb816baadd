import { startTestApp, type TestApp } from '../support/test-app';
import { as, definitionOf, type Key, newRule } from '../rules-api/helpers';

let t: TestApp;
let admin: Key;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t.close());

const entriesOf = (action: string, entityId: string) => t.database.db.auditEntry.findMany({ where: { action, entityId }, orderBy: { at: 'asc' } });

test('when an admin creates a rule and then edits it then one rule.create and one rule.update are written, by them, with the versions and definitions', async () => {
  const created = await t.request.post('/api/v1/rules').set(as(admin)).send(newRule('audited-rule'));
  expect(created.status).toBe(201);
  const [creation, ...moreCreations] = await entriesOf('rule.create', 'audited-rule');
  expect(moreCreations).toEqual([]);
  expect(creation).toMatchObject({ actorId: admin.id, entityType: 'rule', before: null, after: { version: 1, definition: definitionOf(created.body) } });

  const edited = await t.request.put('/api/v1/rules/audited-rule').set(as(admin)).send({ ...newRule('audited-rule'), name: 'Renamed' });
  expect(edited.status).toBe(200);
  const [update, ...moreUpdates] = await entriesOf('rule.update', 'audited-rule');
  expect(moreUpdates).toEqual([]);
  expect(update).toMatchObject({
    actorId: admin.id,
    entityType: 'rule',
    before: { version: 1, definition: { name: 'Rule audited-rule' } },
    after: { version: 2, definition: { ...definitionOf(edited.body), name: 'Renamed' } },
  });
});

test('when a rule write is refused then no audit entry is written', async () => {
  const before = await t.database.db.auditEntry.count();
  expect((await t.request.post('/api/v1/rules').set(as(admin)).send(newRule('refusal'))).status).toBe(409);
  expect((await t.request.put('/api/v1/rules/no-such-rule').set(as(admin)).send(newRule('no-such-rule'))).status).toBe(404);
  expect(await t.database.db.auditEntry.count()).toBe(before);
});

test('when an admin changes the calendar then one calendar.update holds the days before and after; saving the same days writes none', async () => {
  const put = (body: object) => t.request.put('/api/v1/calendar').set(as(admin)).send(body);
  expect((await put({ weekendDays: [6, 7], holidays: ['2026-12-25'] })).status).toBe(200);
  expect((await put({ weekendDays: [5, 6], holidays: ['2026-12-25', '2027-01-01'] })).status).toBe(200);
  expect((await put({ weekendDays: [5, 6], holidays: ['2027-01-01', '2026-12-25'] })).status).toBe(200);
  const entries = await entriesOf('calendar.update', 'default');
  expect(entries.map(({ actorId, entityType, before, after }) => ({ actorId, entityType, before, after }))).toEqual([
    { actorId: admin.id, entityType: 'calendar', before: { weekendDays: [6, 7], holidays: [] }, after: { weekendDays: [6, 7], holidays: ['2026-12-25'] } },
    { actorId: admin.id, entityType: 'calendar', before: { weekendDays: [6, 7], holidays: ['2026-12-25'] }, after: { weekendDays: [5, 6], holidays: ['2026-12-25', '2027-01-01'] } },
  ]);
});

test('when an admin changes the mailing settings then one settings.mailing.update holds the cap before and after', async () => {
  const put = (frequencyCap: object | null) => t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap });
  expect((await put({ maxMessages: 3, windowDays: 7 })).status).toBe(200);
  expect((await put(null)).status).toBe(200);
  expect((await put(null)).status).toBe(200);
  const entries = await entriesOf('settings.mailing.update', 'mailing');
  expect(entries.map(({ actorId, entityType, before, after }) => ({ actorId, entityType, before, after }))).toEqual([
    { actorId: admin.id, entityType: 'settings', before: { frequencyCap: null }, after: { frequencyCap: { maxMessages: 3, windowDays: 7 } } },
    { actorId: admin.id, entityType: 'settings', before: { frequencyCap: { maxMessages: 3, windowDays: 7 } }, after: { frequencyCap: null } },
  ]);
  expect((await put({ maxMessages: 0, windowDays: 7 })).status).toBe(400);
  expect(await entriesOf('settings.mailing.update', 'mailing')).toHaveLength(2);
});
