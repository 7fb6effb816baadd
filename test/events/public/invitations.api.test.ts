import { randomUUID } from 'node:crypto';
import type { StartedMailingSettings } from '../../../activities/campaign/started-settings';
import { signInvitationToken } from '../../../src/registrations/registration-token';
import { unsubscribeSecret } from '../../../src/unsubscribe/unsubscribe-token';
import { inActivity, mailingActivities, stageMail } from '../../campaigns/mailing/mailing-fixtures';
import { createFixtures, uniqueName } from '../../campaigns/api/helpers';
import { startTestApp, type TestApp } from '../../support/test-app';
import { linkIn, seedContact, seedEvent, uniqueTag } from './public-fixtures';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const db = () => t.database.db;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const registrations = (eventId: string) => db().eventRegistration.findMany({ where: { eventId } });
const invitePattern = /http:\/\/crm\.test\/events\/[0-9a-f-]{36}\/register\?invite=[A-Za-z0-9_-]{86}/;

describe('POST /events/:id/invitations', () => {
  test('when a marketer invites contacts then each is recorded once and gets a personal link; again, nothing new is recorded', async () => {
    const event = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION' });
    const [ida, ivo] = [await seedContact(db()), await seedContact(db(), 'Ivo Invitee')];
    const first = await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(marketer)).send({ contactIds: [ida.id, ivo.id] });
    expect(first.status).toBe(200);
    expect(first.body.invited).toBe(2);
    expect(first.body.links.map((link: { contactId: string }) => link.contactId)).toEqual([ida.id, ivo.id]);
    for (const link of first.body.links) expect(link.url).toMatch(new RegExp(`^http://crm\\.test/events/${event.id}/register\\?invite=[A-Za-z0-9_-]{86}$`));
    expect(first.body.links[0].url).not.toBe(first.body.links[1].url);
    const rows = await db().eventInvitation.findMany({ where: { eventId: event.id }, orderBy: { contactId: 'asc' } });
    expect(rows).toEqual(
      [ida, ivo]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((contact) => expect.objectContaining({ contactId: contact.id, accountId: contact.accountId, invitedById: marketer.id, stageId: null })),
    );

    const again = await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(marketer)).send({ contactIds: [ivo.id] });
    expect(again.body).toEqual({ invited: 0, links: [first.body.links[1]] });
    expect(await db().eventInvitation.count({ where: { eventId: event.id } })).toBe(2);
  });

  test('when a contact or the event does not exist, the body is bad or the caller is a manager then nothing is recorded', async () => {
    const event = await seedEvent(db(), marketer.id);
    const ida = await seedContact(db());
    const unknown = await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(marketer)).send({ contactIds: [ida.id, randomUUID()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'body.contactIds.1', message: expect.stringMatching(/^no contact /) }]);
    const empty = await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(marketer)).send({ contactIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.contactIds']);
    expect((await t.request.post(`/api/v1/events/${randomUUID()}/invitations`).set(as(marketer)).send({ contactIds: [ida.id] })).status).toBe(404);
    expect((await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(manager)).send({ contactIds: [ida.id] })).status).toBe(403);
    expect(await db().eventInvitation.count({ where: { eventId: event.id } })).toBe(0);
  });
});

describe('an invitation-only event', () => {
  test('without an invitation the page says it is by invitation, and a post writes nothing', async () => {
    const event = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION' });
    const page = await t.request.get(`/events/${event.id}/register`);
    expect(page.status).toBe(403);
    expect(page.text).toContain(event.name);
    expect(page.text).toContain('This event is by invitation');
    expect(page.text).not.toContain('<form');
    const posted = await t.request.post(`/events/${event.id}/register`).type('form').send({ name: 'Gate Crasher', email: `crasher.${uniqueTag()}@example.com` });
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('Nothing was recorded');
    expect(await registrations(event.id)).toHaveLength(0);
  });

  test('with a forged, altered or another event’s invitation the page says the link is not valid, and a post writes nothing', async () => {
    const event = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION' });
    const other = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION' });
    const ida = await seedContact(db());
    const secret = await unsubscribeSecret(db());
    const genuine = signInvitationToken(secret, { eventId: event.id, contactId: ida.id });
    const bad = [
      signInvitationToken(Buffer.alloc(32, 9), { eventId: event.id, contactId: ida.id }),
      genuine.slice(0, 40) + (genuine[40] === 'x' ? 'y' : 'x') + genuine.slice(41),
      signInvitationToken(secret, { eventId: other.id, contactId: ida.id }),
      'short',
    ];
    for (const token of bad) {
      const page = await t.request.get(`/events/${event.id}/register?invite=${token}`);
      expect(page.status).toBe(403);
      expect(page.text).toContain('The invitation link you used is not valid');
      const posted = await t.request.post(`/events/${event.id}/register`).type('form').send({ name: 'Ida', email: ida.email!, invite: token });
      expect(posted.status).toBe(403);
    }
    expect(await registrations(event.id)).toHaveLength(0);
  });

  test('with the personal link from the invitations API the invitee registers, as the invited contact', async () => {
    const event = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION' });
    const ida = await seedContact(db());
    const invited = await t.request.post(`/api/v1/events/${event.id}/invitations`).set(as(marketer)).send({ contactIds: [ida.id] });
    const url = new URL(invited.body.links[0].url);
    const form = await t.request.get(url.pathname + url.search);
    expect(form.status).toBe(200);
    expect(form.text).toContain('You were personally invited');
    expect(form.text).toContain(`<input type="hidden" name="invite" value="${url.searchParams.get('invite')}">`);
    // The form does not show the invitee's data: whoever has the link sees nothing of theirs.
    expect(form.text).not.toContain(ida.email!);
    const page = await t.request.post(url.pathname).type('form').send({ name: 'Ida Invitee', email: ida.email!, invite: url.searchParams.get('invite')!, source: '' });
    expect(page.status).toBe(201);
    expect(page.text).toContain('You are registered');
    expect(await registrations(event.id)).toEqual([expect.objectContaining({ contactId: ida.id, accountId: ida.accountId, invited: true, channel: 'PUBLIC', status: 'REGISTERED' })]);
  });
});

describe('a MAILING stage with an eventId', () => {
  test('when the campaign names an event that does not exist then 400 names the stage’s settings.eventId', async () => {
    const fixtures = await createFixtures(t);
    const response = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({
      name: uniqueName(),
      stages: [
        { type: 'LIST', settings: { segmentId: fixtures.segmentId } },
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey, eventId: randomUUID() } },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'body.stages.1.settings.eventId', message: expect.stringMatching(/^no event /) }]);
    const event = await seedEvent(db(), marketer.id);
    const valid = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({
      name: uniqueName(),
      stages: [
        { type: 'LIST', settings: { segmentId: fixtures.segmentId } },
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey, eventId: event.id } },
      ],
    });
    expect(valid.status).toBe(201);
  });

  test('when the stage is mailed then each recipient gets the event’s details and a personal link that registers them, and is recorded as invited', async () => {
    const event = await seedEvent(db(), marketer.id, { registrationMode: 'INVITATION', name: 'Partner day & dinner' });
    const template = {
      key: `invitation-${uniqueTag()}`,
      subject: 'Invitation: {{ event.name }}',
      text: 'Dear {{ contact.name }}, join us on {{ event.startsAt }} at {{ event.venue }}: {{ event.registrationUrl }}',
      html: '<p><a href="{{ event.registrationUrl }}">{{ event.name }}</a></p>',
    };
    await db().emailTemplate.create({ data: { key: template.key, name: 'Invitation', subject: template.subject, text: template.text, html: template.html } });
    const [ida, ivo] = [await seedContact(db()), await seedContact(db(), 'Ivo Invitee')];
    const campaign = await db().campaign.create({ data: { name: `Partners ${uniqueTag()}`, status: 'RUNNING' }, select: { id: true } });
    const list = await db().campaignStage.create({ data: { campaignId: campaign.id, position: 1, type: 'LIST', status: 'COMPLETED' }, select: { id: true } });
    const settings = { templateKey: template.key, ratePerSecond: 1000, eventId: event.id };
    const startedSettings: StartedMailingSettings = { ...settings, template };
    const stage = await db().campaignStage.create({
      data: { campaignId: campaign.id, position: 2, type: 'MAILING', status: 'RUNNING', settings, startedSettings: startedSettings as object, startedAt: new Date() },
      select: { id: true },
    });
    for (const contact of [ida, ivo]) {
      await db().campaignRecipient.create({ data: { campaignId: campaign.id, contactId: contact.id, accountId: contact.accountId, emailNormalized: contact.email, cell: 'TARGET', listStageId: list.id } });
    }
    const activities = mailingActivities(db(), t.mailer);
    const input = { campaignId: campaign.id, stageId: stage.id };
    expect(await inActivity(() => activities.prepareMailing(input))).toEqual({ recipients: 2 });
    expect(await db().eventInvitation.findMany({ where: { eventId: event.id }, select: { contactId: true, stageId: true }, orderBy: { contactId: 'asc' } })).toEqual(
      [ida.id, ivo.id].sort().map((contactId) => ({ contactId, stageId: stage.id })),
    );
    expect(await inActivity(() => activities.sendMailingBatch(input))).toMatchObject({ sent: 2, remaining: 0 });

    const mails = await stageMail(stage.id);
    expect(mails).toHaveLength(2);
    const mailTo = (email: string) => mails.find((mail) => mail.to.includes(email))!;
    const idaMail = mailTo(ida.email!);
    expect(idaMail.subject).toBe('Invitation: Partner day & dinner');
    expect(idaMail.text).toMatch(/on \w+day, \d+ \w+ \d{4}, 14:00–17:30 \(Europe\/Berlin\) at Hall 3, Berlin: /);
    const idaLink = linkIn(idaMail.text ?? '', invitePattern);
    expect(idaLink).not.toBe(linkIn(mailTo(ivo.email!).text ?? '', invitePattern));

    // The link opens the invitation-only event for Ida, and registers her (not someone else).
    const url = new URL(idaLink);
    expect((await t.request.get(url.pathname + url.search)).status).toBe(200);
    const page = await t.request.post(url.pathname).type('form').send({ name: 'Ida Invitee', email: ida.email!, invite: url.searchParams.get('invite')! });
    expect(page.status).toBe(201);
    expect(await registrations(event.id)).toEqual([expect.objectContaining({ contactId: ida.id, invited: true, status: 'REGISTERED' })]);
  });

  test('for an open event the link is the public page with the event’s first sub-source code', async () => {
    const event = await seedEvent(db(), marketer.id);
    const ida = await seedContact(db());
    const template = { key: `open-${uniqueTag()}`, subject: 'Join {{ event.name }}', text: 'Register: {{ event.registrationUrl }}', html: null };
    const campaign = await db().campaign.create({ data: { name: `Open ${uniqueTag()}`, status: 'RUNNING' }, select: { id: true } });
    const list = await db().campaignStage.create({ data: { campaignId: campaign.id, position: 1, type: 'LIST', status: 'COMPLETED' }, select: { id: true } });
    const settings = { templateKey: template.key, ratePerSecond: 1000, eventId: event.id };
    const stage = await db().campaignStage.create({
      data: { campaignId: campaign.id, position: 2, type: 'MAILING', status: 'RUNNING', settings, startedSettings: { ...settings, template } as object, startedAt: new Date() },
      select: { id: true },
    });
    await db().campaignRecipient.create({ data: { campaignId: campaign.id, contactId: ida.id, accountId: ida.accountId, emailNormalized: ida.email, cell: 'TARGET', listStageId: list.id } });
    const activities = mailingActivities(db(), t.mailer);
    await inActivity(() => activities.prepareMailing({ campaignId: campaign.id, stageId: stage.id }));
    await inActivity(() => activities.sendMailingBatch({ campaignId: campaign.id, stageId: stage.id }));
    const [mail] = await stageMail(stage.id);
    expect(mail.text?.trim()).toBe(`Register: http://crm.test/events/${event.id}/register?source=NEWS`);
  });
});
