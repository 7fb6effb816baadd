import { DateTime } from 'luxon';
import { startTestApp, type TestApp } from '../support/test-app';
import { accountInWork, as, type Key, logActivity, paths, ruleRowCounts } from './helpers';

let t: TestApp;
let admin: Key;
let manager: Key;

beforeAll(async () => {
  t = await startTestApp();
  [admin, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const putCalendar = (body: object, user = admin) => t.request.put('/api/v1/calendar').set(as(user)).send(body);

test('when nobody changed the calendar then anyone reads the default: Saturday and Sunday off, no holidays', async () => {
  const response = await t.request.get('/api/v1/calendar').set(as(manager));
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ weekendDays: [6, 7], holidays: [], updatedAt: null });
});

test.each<[string, string, object]>([
  ['a holiday listed twice', 'body.holidays.1', { holidays: ['2026-12-25', '2026-12-25'] }],
  ['a date that does not exist', 'body.holidays.0', { holidays: ['2026-02-30'] }],
  ['a date in another format', 'body.holidays.0', { holidays: ['25/12/2026'] }],
  ['a weekday 0', 'body.weekendDays.0', { weekendDays: [0] }],
  ['a weekday 8', 'body.weekendDays.0', { weekendDays: [8] }],
  ['a weekend day listed twice', 'body.weekendDays.1', { weekendDays: [6, 6] }],
  ['no working day left', 'body.weekendDays', { weekendDays: [1, 2, 3, 4, 5, 6, 7] }],
  ['an unknown field', 'body.timeZone', { holidays: [], timeZone: 'Europe/Paris' }],
])('when an admin PUTs a calendar with %s then 400 names %s and nothing is written', async (_case, path, body) => {
  const before = await ruleRowCounts(t);
  const response = await putCalendar(body);
  expect(response.status).toBe(400);
  expect(paths(response.body)).toContain(path);
  expect(await ruleRowCounts(t)).toEqual(before);
});

test('when a manager PUTs the calendar then 403 and nothing is written', async () => {
  expect((await putCalendar({ weekendDays: [7], holidays: [] }, manager)).status).toBe(403);
  expect((await ruleRowCounts(t)).calendars).toBe(0);
});

test('when an admin PUTs a calendar then it is kept sorted and reads back', async () => {
  const saved = await putCalendar({ weekendDays: [7, 5], holidays: ['2027-01-01', '2026-12-25'] });
  expect(saved.status).toBe(200);
  expect(saved.body).toEqual({ weekendDays: [5, 7], holidays: ['2026-12-25', '2027-01-01'], updatedAt: expect.any(String) });
  expect((await t.request.get('/api/v1/calendar').set(as(manager))).body).toEqual(saved.body);
});

/** `count` business days after `from` (local), skipping `weekendDays` and `holidays`: the rule's arithmetic, redone here. */
function businessDaysAfter(from: DateTime, count: number, weekendDays: number[], holidays: string[]): DateTime {
  let day = from;
  for (let left = count; left > 0; ) {
    day = day.plus({ days: 1 });
    if (!weekendDays.includes(day.weekday) && !holidays.includes(day.toISODate()!)) left -= 1;
  }
  return day;
}

test('when the next two weekdays are declared holidays then the next follow-up is due two business days after them, at 10:00 in the account’s zone', async () => {
  const zone = 'Europe/Paris';
  // Due dates count from the moment the activity is applied; a run across midnight in Paris would be off by a day.
  const today = DateTime.now().setZone(zone);
  const nextTwoWeekdays = [1, 2, 3, 4].map((days) => today.plus({ days })).filter((day) => day.weekday <= 5).slice(0, 2).map((day) => day.toISODate()!);
  expect((await putCalendar({ weekendDays: [6, 7], holidays: nextTwoWeekdays })).status).toBe(200);

  const id = await accountInWork(t, manager, 'Holiday Season Ltd');
  const logged = await logActivity(t, manager, id, { type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(logged.status).toBe(201);
  const followUp = logged.body.tasksCreated.find((task: { type: string }) => task.type === 'FOLLOW_UP');

  const expected = businessDaysAfter(today, 2, [6, 7], nextTwoWeekdays).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const withoutHolidays = businessDaysAfter(today, 2, [6, 7], []).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  expect(expected.toMillis()).not.toBe(withoutHolidays.toMillis());
  expect(followUp.dueAt).toBe(expected.toUTC().toISO());
  expect(followUp.why.dueExplanation).toContain(`${nextTwoWeekdays[0]}`);
  expect(followUp.why.dueExplanation).toContain('(holiday)');
});
