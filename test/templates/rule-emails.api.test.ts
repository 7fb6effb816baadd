import { createActivities } from '../../activities';
import type { Prisma } from '../../src/generated/prisma/client';
import { RuleDefinition, type RuleDefinitionInput } from '../../src/rules/rule.schemas';
import { eventually } from '../support/eventually';
import { receivedMail, waitForMail } from '../support/mailbox';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
let marketer: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
// The mail catcher is shared by the whole run: addresses unique to this file.
const run = Date.now();

beforeAll(async () => {
  t = await startTestApp();
  [manager, marketer] = await Promise.all([t.userWithKey('manager', `owner.${run}@example.com`), t.userWithKey('marketer')]);
  await t.request
    .post('/api/v1/templates')
    .set(as(marketer))
    .send({ key: 'welcome-call', name: 'After an interested call', subject: 'Thank you, {{ contact.name }}', text: 'Dear {{contact.name}}, thank you for your interest in us, {{account.name}}.{{campaign.name}}{{unsubscribeUrl}}', html: '<p>Dear {{contact.name}} of {{account.name}}</p>' })
    .expect(201);
});
afterAll(() => t.close());

/** A new rule, published as current version 1, as an admin's POST /rules would. */
async function addRule(definition: RuleDefinitionInput) {
  const parsed = RuleDefinition.parse(definition);
  return t.database.db.rule.create({ data: { key: parsed.key, version: 1, definition: parsed as unknown as Prisma.InputJsonValue, isCurrent: true } });
}

async function accountInWork(name: string, contacts: object[]): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name, segment: 'retail', contacts });
  expect(created.status).toBe(201);
  await t.request.post(`/api/v1/accounts/${created.body.account.id}/take`).set(as(manager)).expect(200);
  return created.body.account.id;
}

const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(manager)).send(body);

test('when an interested call triggers a send_email rule then the primary contact receives the rendered template once, with a deterministic Message-ID', async () => {
  const rule = await addRule({
    key: 'welcome-call-email', name: 'Thank an interested client', trigger: { kind: 'activity_logged', activityTypes: ['CALL'], outcomes: ['INTERESTED'] },
    actions: [{ kind: 'send_email', templateKey: 'welcome-call', to: 'primary_contact' }],
  });
  const dana = `dana.${run}@example.com`;
  const id = await accountInWork('Acme & Sons', [{ name: 'Someone Else', email: `other.${run}@example.com` }, { name: 'Dana Buyer', email: dana, isPrimary: true }]);

  const call = await log(id, { type: 'CALL', outcome: 'INTERESTED' });
  expect(call.status).toBe(201);

  const [mail] = await waitForMail((m) => m.to.includes(dana));
  const row = await t.database.db.outboundEmail.findFirstOrThrow({ where: { accountId: id } });
  expect(row).toMatchObject({ templateKey: 'welcome-call', recipientKind: 'primary_contact', recipientEmail: dana, ruleId: rule.id, ruleKey: 'welcome-call-email', ruleVersion: 1, skippedReason: null });
  expect(row.sentAt).toBeInstanceOf(Date);
  expect(row.dedupeKey).toBe(`${call.body.activity.id}:${rule.id}:0`);
  expect(mail.messageId).toBe(`<email-${row.id}@${new URL(TEST_PUBLIC_URL).hostname}>`);
  expect(mail.subject).toBe('Thank you, Dana Buyer');
  // Campaign variables and the unsubscribe link render empty in a rule's e-mail.
  expect(mail.text?.trim()).toBe('Dear Dana Buyer, thank you for your interest in us, Acme & Sons.');
  expect((mail as { html?: string }).html).toContain('<p>Dear Dana Buyer of Acme &amp; Sons</p>');

  // The workflow retrying the step after its commit: what was sent is not handed on, nor sent again.
  const activities = createActivities({ db: t.database.db, mailer: t.mailer, publicUrl: TEST_PUBLIC_URL });
  const again = await activities.applyLoggedActivity({ accountId: id, activityId: call.body.activity.id });
  expect(again.emailIds).toEqual([]);
  expect(await activities.deliverMail({ emailIds: [row.id] })).toEqual({ sent: 0, skipped: 0 });
  expect((await receivedMail()).filter((m) => m.to.includes(dana))).toHaveLength(1);
  expect(await t.database.db.outboundEmail.count({ where: { accountId: id } })).toBe(1);
});

test('when a rule names a missing template then its e-mail is skipped with the reason, the other e-mails go out and the activity still answers 201', async () => {
  await addRule({
    key: 'meeting-emails', name: 'Tell the owner', trigger: { kind: 'activity_logged', activityTypes: ['MEETING'], outcomes: ['INTERESTED'] },
    actions: [
      { kind: 'send_email', templateKey: 'never-created', to: 'owner' },
      { kind: 'send_email', templateKey: 'welcome-call', to: 'owner' },
    ],
  });
  const id = await accountInWork('Missing Template Ltd', [{ name: 'Pat Client', email: `pat.${run}@example.com` }]);

  const meeting = await log(id, { type: 'MEETING', outcome: 'INTERESTED' });
  expect(meeting.status).toBe(201);
  expect(meeting.body.status).toBe('CONTACT_ESTABLISHED');

  // Delivery runs after the update answered, in the outbox's own activity.
  const rows = await eventually(async () => {
    const settled = await t.database.db.outboundEmail.findMany({ where: { accountId: id }, orderBy: { dedupeKey: 'asc' } });
    expect(settled.map((row) => [row.templateKey, row.skippedReason, row.sentAt !== null])).toEqual([
      ['never-created', 'no template never-created', false],
      ['welcome-call', null, true],
    ]);
    return settled;
  });
  const [mail] = await waitForMail((m) => m.to.includes(`owner.${run}@example.com`));
  expect(mail.subject).toBe('Thank you, Pat Client');
  expect(mail.messageId).toBe(`<email-${rows[1].id}@crm.test>`);
});

test('when the primary contact has no e-mail address then the e-mail is skipped with the reason and nothing is sent', async () => {
  const id = await accountInWork('No Address GmbH', [{ name: 'Lee NoMail', phone: '+49 30 123456', isPrimary: true }, { name: 'Has Mail', email: `hasmail.${run}@example.com` }]);
  expect((await log(id, { type: 'CALL', outcome: 'INTERESTED' })).status).toBe(201);
  await eventually(async () => {
    const row = await t.database.db.outboundEmail.findFirstOrThrow({ where: { accountId: id } });
    expect(row.sentAt).toBeNull();
    expect(row.skippedReason).toMatch(/^the primary contact .* has no e-mail address$/);
  });
  expect((await receivedMail()).filter((m) => m.to.includes(`hasmail.${run}@example.com`))).toHaveLength(0);
});

test('when a timer step is retried after its commit then its e-mails not yet sent go out, and only those', async () => {
  const id = await accountInWork('Timer Retry SA', [{ name: 'Kim Client', email: `kim.${run}@example.com` }]);
  const refusal = await log(id, { type: 'CALL', outcome: 'REFUSED' });
  const [timer] = refusal.body.timersStarted;
  // As if the timer's transaction committed and the worker died before delivering.
  await t.database.db.timer.update({ where: { id: timer.id }, data: { state: 'FIRED' } });
  const planned = { templateKey: 'welcome-call', accountId: id, recipientKind: 'primary_contact', why: {} };
  const unsent = await t.database.db.outboundEmail.create({ data: { ...planned, dedupeKey: `${timer.id}:rule:0` } });
  await t.database.db.outboundEmail.create({ data: { ...planned, dedupeKey: `${timer.id}:rule:1`, sentAt: new Date() } });

  const activities = createActivities({ db: t.database.db, mailer: t.mailer, publicUrl: TEST_PUBLIC_URL });
  const effects = await activities.fireTimer({ accountId: id, timerId: timer.id });
  expect(effects.emailIds).toEqual([unsent.id]);
  // What the workflow then hands to the outbox's activity.
  expect(await activities.deliverMail({ emailIds: effects.emailIds })).toEqual({ sent: 1, skipped: 0 });
  const [mail] = await waitForMail((m) => m.to.includes(`kim.${run}@example.com`));
  expect(mail.messageId).toBe(`<email-${unsent.id}@crm.test>`);
  expect((await t.database.db.outboundEmail.findUniqueOrThrow({ where: { id: unsent.id } })).sentAt).toBeInstanceOf(Date);
});
