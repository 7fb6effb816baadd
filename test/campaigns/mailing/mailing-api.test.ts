import { signUnsubscribeToken, unsubscribeSecret, verifyUnsubscribeToken } from '../../../src/unsubscribe/unsubscribe-token';
import { startTestApp, type TestApp } from '../../support/test-app';
import { addressesFor, inActivity, mailingActivities, seedMailingCampaign, stageMail, template } from './mailing-fixtures';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const db = () => t.database.db;

describe('unsubscribe links', () => {
  async function linkFor() {
    const seeded = await seedMailingCampaign(db(), addressesFor(1).map((email) => ({ email })));
    const contactId = seeded.contacts[0].id;
    const token = signUnsubscribeToken(await unsubscribeSecret(db()), { contactId, campaignId: seeded.campaignId });
    return { seeded, contactId, token };
  }
  const contact = (id: string) => db().contact.findUniqueOrThrow({ where: { id }, select: { unsubscribedAt: true } });
  const events = (campaignId: string) => db().campaignEvent.findMany({ where: { campaignId, kind: 'unsubscribed' } });

  test('when the link is opened (GET) then a page with a button that posts is shown, and nothing changes', async () => {
    const { seeded, contactId, token } = await linkFor();
    const page = await t.request.get(`/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(`<form method="post" action="/unsubscribe/${token}">`);
    expect(page.text).toContain('<button type="submit">Unsubscribe</button>');
    // A second look, as mail scanners do: still nothing.
    await t.request.get(`/unsubscribe/${token}`).expect(200);
    expect((await contact(contactId)).unsubscribedAt).toBeNull();
    expect(await events(seeded.campaignId)).toEqual([]);
  });

  test('when the page’s form or a mail client’s one-click request posts then the contact is unsubscribed at once, once, and the campaign records it without the address', async () => {
    const { seeded, contactId, token } = await linkFor();
    const posted = await t.request.post(`/unsubscribe/${token}`).type('form').send('');
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('You are unsubscribed');
    const first = (await contact(contactId)).unsubscribedAt;
    expect(first).not.toBeNull();

    // RFC 8058 one-click, later: idempotent, the first time stays.
    await t.request.post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect((await contact(contactId)).unsubscribedAt).toEqual(first);
    const recorded = await events(seeded.campaignId);
    expect(recorded).toEqual([expect.objectContaining({ kind: 'unsubscribed', details: { contactId }, stageId: null })]);
    expect(JSON.stringify(recorded)).not.toContain('@');
  });

  test('when the token is forged, altered or malformed then 400 with a clear page, and nothing changes', async () => {
    const { contactId, token } = await linkFor();
    const forged = signUnsubscribeToken(Buffer.alloc(32, 1), { contactId, campaignId: null });
    const altered = token.slice(0, 40) + (token[40] === 'x' ? 'y' : 'x') + token.slice(41);
    for (const bad of [forged, altered, 'abc', `${token}x`]) {
      for (const method of ['get', 'post'] as const) {
        const response = await t.request[method](`/unsubscribe/${bad}`);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('This unsubscribe link is not valid');
        expect(response.text).toContain('Nothing was changed');
      }
    }
    expect((await contact(contactId)).unsubscribedAt).toBeNull();
  });

  test('when the link needs no API key then it also works without one, and the API still needs one', async () => {
    const { token } = await linkFor();
    await t.request.get(`/unsubscribe/${token}`).expect(200);
    await t.request.get('/api/v1/settings/mailing').expect(401);
  });
});

describe('mailing settings (frequency cap)', () => {
  test('when an admin sets the cap then it is stored and read back; null removes it', async () => {
    expect((await t.request.get('/api/v1/settings/mailing').set(as(marketer))).body).toEqual({ frequencyCap: null, updatedAt: null });
    const put = await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: { maxMessages: 3, windowDays: 30 } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ frequencyCap: { maxMessages: 3, windowDays: 30 }, updatedAt: expect.any(String) });
    expect((await t.request.get('/api/v1/settings/mailing').set(as(admin))).body).toEqual(put.body);
    const removed = await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: null });
    expect(removed.body.frequencyCap).toBeNull();
    expect((await t.request.get('/api/v1/settings/mailing').set(as(marketer))).body.frequencyCap).toBeNull();
  });

  test('when the body is invalid then 400 names each field, and nothing changes', async () => {
    await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: { maxMessages: 2, windowDays: 7 } }).expect(200);
    const bad = await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: { maxMessages: 0, windowDays: 366 }, extra: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.extra', 'body.frequencyCap.maxMessages', 'body.frequencyCap.windowDays']);
    const missing = await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'body.frequencyCap' })]);
    const fractional = await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: { maxMessages: 1.5, windowDays: '7' } });
    expect(fractional.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.frequencyCap.maxMessages', 'body.frequencyCap.windowDays']);
    expect((await t.request.get('/api/v1/settings/mailing').set(as(admin))).body.frequencyCap).toEqual({ maxMessages: 2, windowDays: 7 });
    await t.request.put('/api/v1/settings/mailing').set(as(admin)).send({ frequencyCap: null }).expect(200);
  });

  test('when a marketer or manager changes it then 403 and nothing changes; a manager may not read it', async () => {
    for (const user of [marketer, manager]) {
      const response = await t.request.put('/api/v1/settings/mailing').set(as(user)).send({ frequencyCap: { maxMessages: 1, windowDays: 1 } });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
    expect((await t.request.get('/api/v1/settings/mailing').set(as(manager))).status).toBe(403);
    expect((await t.request.get('/api/v1/settings/mailing').set(as(admin))).body.frequencyCap).toBeNull();
  });
});

describe('template preview with a real recipient', () => {
  beforeAll(async () => {
    await t.request.post('/api/v1/templates').set(as(marketer)).send({ ...template, name: 'Spring offer' }).expect(201);
  });

  test('when a marketer previews a template for a contact and a campaign then it is exactly the message the mailing sends', async () => {
    const seeded = await seedMailingCampaign(db(), addressesFor(1).map((email) => ({ email, name: 'Zoë <Z>' })));
    const [recipient] = seeded.contacts;
    const preview = await t.request.post(`/api/v1/templates/${template.key}/preview`).set(as(marketer)).send({ contactId: recipient.id, campaignId: seeded.campaignId });
    expect(preview.status).toBe(200);
    const campaign = await db().campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } });
    expect(preview.body).toEqual({
      to: recipient.email,
      subject: `Hello Zoë <Z>, ${campaign.name}`,
      text: expect.stringContaining('Dear Zoë <Z> of Account 1'),
      html: expect.stringContaining('<p>Dear Zoë &lt;Z&gt; of Account 1'),
      headers: { 'List-Unsubscribe': expect.stringMatching(/^<http:\/\/crm\.test\/unsubscribe\/[A-Za-z0-9_-]{86}>$/), 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    const token = /unsubscribe\/([^>]+)>/.exec(preview.body.headers['List-Unsubscribe'])![1];
    expect(verifyUnsubscribeToken(await unsubscribeSecret(db()), token)).toEqual({ contactId: recipient.id, campaignId: seeded.campaignId });

    const activities = mailingActivities(db(), t.mailer);
    await inActivity(() => activities.prepareMailing({ campaignId: seeded.campaignId, stageId: seeded.stageId }));
    await inActivity(() => activities.sendMailingBatch({ campaignId: seeded.campaignId, stageId: seeded.stageId }));
    const [sent] = await stageMail(seeded.stageId);
    expect(sent.subject).toBe(preview.body.subject);
    expect(sent.text?.trim()).toBe(preview.body.text.trim());
    expect(sent.headers['list-unsubscribe']).toBe(preview.body.headers['List-Unsubscribe']);
  });

  test('when no campaign is given then the campaign variables render empty and the link names no campaign', async () => {
    const seeded = await seedMailingCampaign(db(), addressesFor(1).map((email) => ({ email, name: 'Ann' })));
    const preview = await t.request.post(`/api/v1/templates/${template.key}/preview`).set(as(admin)).send({ contactId: seeded.contacts[0].id });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('Hello Ann,');
    const token = /unsubscribe\/([^>]+)>/.exec(preview.body.headers['List-Unsubscribe'])![1];
    expect(verifyUnsubscribeToken(await unsubscribeSecret(db()), token)).toEqual({ contactId: seeded.contacts[0].id, campaignId: null });
  });

  test('when the template, contact or campaign does not exist then 404 names it; a bad id is 400; a contact without address is 422; a manager gets 403', async () => {
    const seeded = await seedMailingCampaign(db(), [...addressesFor(1).map((email) => ({ email })), { name: 'No Address' }]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const post = (key: string, body: object, user = marketer) => t.request.post(`/api/v1/templates/${key}/preview`).set(as(user)).send(body);

    const noContact = await post(template.key, { contactId: unknown, campaignId: unknown });
    expect(noContact.status).toBe(404);
    expect(noContact.body.error.details).toEqual([{ path: 'body.contactId', message: 'no such contact' }, { path: 'body.campaignId', message: 'no such campaign' }]);
    const noTemplate = await post('no-such-template', { contactId: seeded.contacts[0].id });
    expect(noTemplate.status).toBe(404);
    expect(noTemplate.body.error.details).toEqual([{ path: 'path.key', message: 'no such template' }]);
    const badId = await post(template.key, { contactId: 'nope', extra: 1 });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(['body.contactId', 'body.extra']);
    const noAddress = await post(template.key, { contactId: seeded.contacts[1].id });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.error.details).toEqual([{ path: 'body.contactId', message: 'has no e-mail address' }]);
    expect((await post(template.key, { contactId: seeded.contacts[0].id }, manager)).status).toBe(403);
  });
});
