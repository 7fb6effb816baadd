import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { accountWorkflowId } from '../../workflows/account.messages';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
let otherManager: { id: string; key: string };
const auth = (key = manager.key) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp();
  [manager, otherManager] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

/** An account in work for `owner`, with two contacts; answers its id and its contacts by name. */
async function accountInWork(name: string, owner = manager): Promise<{ id: string; contacts: Record<string, string> }> {
  const created = await t.request
    .post('/api/v1/accounts')
    .set(auth(owner.key))
    .send({ name, timeZone: 'Europe/Paris', contacts: [{ name: `Dana of ${name}`, email: 'dana@example.com', isPrimary: true }, { name: `Sam of ${name}` }] });
  expect(created.status).toBe(201);
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(auth(owner.key))).status).toBe(200);
  const contacts = Object.fromEntries((created.body.contacts as { id: string; name: string }[]).map((contact) => [contact.name, contact.id]));
  return { id, contacts };
}

const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(auth()).send(body);
const page = async (accountId: string) => (await t.request.get(`/api/v1/accounts/${accountId}`).set(auth())).body;

/** Every string of the workflow's history, payloads decoded, to look for what must not be there. */
async function workflowHistoryText(accountId: string): Promise<string> {
  const json = historyToJSON(await t.temporal.client.workflow.getHandle(accountWorkflowId(accountId)).fetchHistory());
  const payloads = [...json.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g)].map(([, data]) => Buffer.from(data!, 'base64').toString('utf8'));
  return [json, ...payloads].join('\n');
}

test('when an activity is logged with one of the account’s contacts then it is stored, answered and shown with that contact, and only ids reach Temporal', async () => {
  const { id, contacts } = await accountInWork('Contact Bakery');
  const samId = contacts['Sam of Contact Bakery']!;

  const call = await log(id, { type: 'CALL', outcome: 'CONTACT_MADE', contactId: samId, notes: 'Asked for the price list' });
  expect(call.status).toBe(201);
  expect(call.body.activity).toMatchObject({ contactId: samId, contactName: 'Sam of Contact Bakery', notes: 'Asked for the price list' });
  expect(call.body.status).toBe('CONTACT_ESTABLISHED');
  const row = await t.database.db.activity.findUniqueOrThrow({ where: { id: call.body.activity.id } });
  expect(row).toMatchObject({ contactId: samId, state: 'APPLIED' });

  const note = await log(id, { type: 'NOTE', outcome: 'NO_ANSWER' });
  expect(note.status).toBe(201);
  expect(note.body.activity).toMatchObject({ contactId: null, contactName: null });

  // The contact's current name is shown: a rename is seen on the account page.
  const renamed = await t.request.patch(`/api/v1/accounts/${id}/contacts/${samId}`).set(auth()).send({ name: 'Samira of Contact Bakery' });
  expect(renamed.status).toBe(200);
  const activities = (await page(id)).activities as { id: string; contactId: string | null; contactName: string | null }[];
  expect(activities.map(({ id: activityId, contactId, contactName }) => ({ activityId, contactId, contactName }))).toEqual([
    { activityId: note.body.activity.id, contactId: null, contactName: null },
    { activityId: call.body.activity.id, contactId: samId, contactName: 'Samira of Contact Bakery' },
  ]);

  const history = await workflowHistoryText(id);
  expect(history).toContain(call.body.activity.id);
  expect(history).not.toContain('Sam of Contact Bakery');
  expect(history).not.toContain(samId);
});

test('when the contact is another account’s (or unknown) then the activity is refused with 422 naming body.contactId, and nothing is stored', async () => {
  const mine = await accountInWork('Own Contacts Ltd');
  const sameOwner = await accountInWork('Sister Company Ltd');
  const someoneElses = await accountInWork('Elsewhere SA', otherManager);
  const foreignContacts = [sameOwner.contacts['Dana of Sister Company Ltd']!, someoneElses.contacts['Dana of Elsewhere SA']!, '00000000-0000-4000-8000-000000000000'];

  for (const contactId of foreignContacts) {
    const refused = await log(mine.id, { type: 'CALL', outcome: 'CONTACT_MADE', contactId, notes: 'should not be kept' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: 'body.contactId', message: expect.stringContaining(contactId) }]);
  }
  const malformed = await log(mine.id, { type: 'CALL', outcome: 'CONTACT_MADE', contactId: 'Dana' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.contactId']);

  expect(await t.database.db.activity.count({ where: { accountId: mine.id } })).toBe(0);
  const unchanged = await page(mine.id);
  expect(unchanged.account.status).toBe('POTENTIAL');
  expect(unchanged.activities).toEqual([]);
  expect(unchanged.openTasks).toEqual([]);
  expect(unchanged.statusHistory.map((change: { toStatus: string }) => change.toStatus)).toEqual(['NEW', 'POTENTIAL']);
});

test('when a contact is erased then its activities stay, without the contact', async () => {
  const { id, contacts } = await accountInWork('Erasure Co');
  const danaId = contacts['Dana of Erasure Co']!;
  const logged = await log(id, { type: 'MEETING', outcome: 'MEETING_HELD', contactId: danaId });
  expect(logged.status).toBe(201);

  await t.database.db.contact.delete({ where: { id: danaId } });

  const [activity] = (await page(id)).activities;
  expect(activity).toMatchObject({ id: logged.body.activity.id, outcome: 'MEETING_HELD', contactId: null, contactName: null });
});
