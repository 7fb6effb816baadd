import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

describe('preferences', () => {
  test('when a user never chose then they get English, UTC, the language’s date format and EUR', async () => {
    const { key } = await t.userWithKey('marketer');
    const answer = await t.request.get('/api/v1/me/preferences').set(auth(key));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ language: 'en', timeZone: 'UTC', dateFormat: 'locale', currency: 'EUR', saved: false });
  });

  test('when a user saves some choices then those change, the others stay, and a read gives them back', async () => {
    const { key } = await t.userWithKey('manager');
    const first = await t.request.put('/api/v1/me/preferences').set(auth(key)).send({ language: 'ru', timeZone: 'Europe/Moscow', dateFormat: 'dmy', currency: 'RUB' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ language: 'ru', timeZone: 'Europe/Moscow', dateFormat: 'dmy', currency: 'RUB', saved: true });
    const second = await t.request.put('/api/v1/me/preferences').set(auth(key)).send({ dateFormat: 'iso', timeZone: 'america/new_york' });
    // The zone is stored as Intl spells it.
    expect(second.body).toEqual({ language: 'ru', timeZone: 'America/New_York', dateFormat: 'iso', currency: 'RUB', saved: true });
    await expect(t.request.get('/api/v1/me/preferences').set(auth(key)).then((answer) => answer.body)).resolves.toEqual(second.body);
  });

  test('when the choices are bad then the answer is a 400 naming each field and nothing changes', async () => {
    const { id, key } = await t.userWithKey('admin');
    const answer = await t.request
      .put('/api/v1/me/preferences')
      .set(auth(key))
      .send({ language: 'de', timeZone: 'Mars/Olympus_Mons', dateFormat: 'ymd', currency: 'eur', colour: 'blue' });
    expect(answer.status).toBe(400);
    const paths = (answer.body.error.details as { path: string; message: string }[]).map((detail) => detail.path).sort();
    expect(paths).toEqual(['body.colour', 'body.currency', 'body.dateFormat', 'body.language', 'body.timeZone']);
    const zone = answer.body.error.details.find((detail: { path: string }) => detail.path === 'body.timeZone');
    expect(zone.message).toContain('is not an IANA time zone');
    await expect(t.database.db.userPreference.count({ where: { userId: id } })).resolves.toBe(0);
    const offset = await t.request.put('/api/v1/me/preferences').set(auth(key)).send({ timeZone: '+03:00' });
    expect(offset.status).toBe(400);
  });
});
