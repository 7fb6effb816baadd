import type { StartedMailingSettings } from '../../../activities/campaign/started-settings';
import { inActivity, mailingActivities, runUntilDone, stageMail, template, uniqueTag } from '../../campaigns/mailing/mailing-fixtures';
import { signUnsubscribeToken, unsubscribeSecret } from '../../../src/unsubscribe/unsubscribe-token';
import { openEvent, registerAs } from '../../events/registrations/helpers';
import type { TestApp } from '../../support/test-app';
import { auth, createAccountThroughApi } from '../helpers';

export interface Staff {
  id: string;
  key: string;
}

const HOUR = 3_600_000;

/**
 * One account seen from every side, built through the API and the mailing activities with the run's
 * SMTP catcher: four contacts (Anna primary, Boris whose address bounces, Carla who unsubscribed from an
 * older campaign after both lists froze, so the spring mailing skips her, Dmitri who unsubscribes with the
 * spring mail's link), a spring campaign that lists and mails them, an older
 * campaign that listed Anna in its test cell, a reply from Boris through a press sub-source, Anna
 * registered to the campaign's event and checked in, and a call with Dmitri logged last.
 */
export async function buildCustomer(t: TestApp, staff: { marketer: Staff; owner: Staff }) {
  const db = t.database.db;
  const tag = uniqueTag();
  const email = (name: string) => `${name}.${tag}@example.com`;
  const { account, contacts } = await createAccountThroughApi(t, staff.marketer.key, {
    name: `Pharmacy ${tag}`,
    leadSource: 'Trade fair Lyon 2026',
    contacts: [
      { name: 'Anna Primary', email: email('anna'), isPrimary: true, title: 'Head buyer' },
      { name: 'Boris Bounce', email: `bounce+${tag}@example.com` },
      { name: 'Carla Optout', email: email('carla') },
      { name: 'Dmitri Leaves', email: email('dmitri') },
    ],
  });
  const [anna, boris, carla, dmitri] = contacts;
  const take = await t.request.post(`/api/v1/accounts/${account.id}/take`).set(auth(staff.owner.key));
  if (take.status !== 200) throw new Error(`take answered ${take.status}`);

  await t.request.post('/api/v1/templates').set(auth(staff.marketer.key)).send({ ...template, name: 'Spring offer' });
  const older = await listedCampaign(t, `Winter ${tag}`, new Date(Date.now() - 48 * HOUR), [{ contactId: anna.id, cell: 'TEST', emailNormalized: email('anna') }, { contactId: carla.id, cell: 'TARGET', emailNormalized: email('carla') }], account.id);
  const spring = await listedCampaign(t, `Spring ${tag}`, new Date(Date.now() - HOUR), contacts.map((contact, index) => ({ contactId: contact.id, cell: 'TARGET' as const, emailNormalized: [email('anna'), `bounce+${tag}@example.com`, email('carla'), email('dmitri')][index] })), account.id);
  // Carla unsubscribes with the winter campaign's link before the spring mailing runs.
  const carlaToken = signUnsubscribeToken(await unsubscribeSecret(db), { contactId: carla.id, campaignId: older.campaignId });
  await t.request.post(`/unsubscribe/${carlaToken}`).type('form').send('').expect(200);
  const startedSettings: StartedMailingSettings = { templateKey: template.key, ratePerSecond: 1000, template: { ...template } };
  const mailing = await db.campaignStage.create({
    data: { campaignId: spring.campaignId, position: 2, type: 'MAILING', name: 'Spring mailing', status: 'RUNNING', settings: { templateKey: template.key, ratePerSecond: 1000 }, startedSettings: startedSettings as object, startedAt: new Date() },
  });
  const activities = mailingActivities(db, t.mailer, { retryDelayMs: () => 10 });
  await inActivity(() => activities.prepareMailing({ campaignId: spring.campaignId, stageId: mailing.id }));
  await runUntilDone(activities, { campaignId: spring.campaignId, stageId: mailing.id, ownerId: staff.owner.id, contacts: [] });

  // Dmitri unsubscribes with the link his mail carries (the one-click POST).
  const [dmitriMail] = (await stageMail(mailing.id)).filter((mail) => mail.to.includes(email('dmitri')));
  const link = /<http:\/\/crm\.test(\/unsubscribe\/[^>]+)>/.exec(dmitriMail.headers['list-unsubscribe'])![1];
  await t.request.post(link).type('form').send('List-Unsubscribe=One-Click').expect(200);

  const source = await db.campaignSource.create({ data: { campaignId: spring.campaignId, code: 'PRESS-1', name: 'Le Monde', channel: 'press' } });
  const reply = await t.request.post('/api/v1/responses').set(auth(staff.marketer.key)).send({ campaignId: spring.campaignId, sourceCode: 'PRESS-1', type: 'REPLY', contact: { name: 'Boris Bounce', email: `bounce+${tag}@example.com` } });
  if (reply.status !== 201) throw new Error(`POST /responses answered ${reply.status}: ${JSON.stringify(reply.body)}`);

  const { event } = await openEvent(t, staff.marketer.id, { campaign: { id: spring.campaignId }, sources: ['PRESS-1'] });
  const registered = await registerAs(t, staff.marketer, event.id, { contactId: anna.id, sourceCode: 'PRESS-1' });
  if (registered.status !== 201) throw new Error(`registration answered ${registered.status}: ${JSON.stringify(registered.body)}`);
  const registrationId: string = registered.body.registration.id;
  await t.request.post(`/api/v1/events/${event.id}/registrations/${registrationId}/check-in`).set(auth(staff.marketer.key)).expect(200);

  const call = await t.request.post(`/api/v1/accounts/${account.id}/activities`).set(auth(staff.owner.key)).send({ type: 'CALL', outcome: 'CONTACT_MADE', contactId: dmitri.id, nextStep: { type: 'CALL', dueAt: new Date(Date.now() + 48 * HOUR).toISOString() } });
  if (call.status !== 201) throw new Error(`logging the call answered ${call.status}: ${JSON.stringify(call.body)}`);

  return { tag, account, anna, boris, carla, dmitri, spring, older, mailingStageId: mailing.id, source, event, registrationId };
}

/** A RUNNING campaign whose LIST stage completed at `listedAt` with these contacts of the account. */
async function listedCampaign(t: TestApp, name: string, listedAt: Date, recipients: { contactId: string; cell: 'TARGET' | 'TEST'; emailNormalized: string }[], accountId: string) {
  const db = t.database.db;
  const campaign = await db.campaign.create({ data: { name, status: 'RUNNING' } });
  const list = await db.campaignStage.create({ data: { campaignId: campaign.id, position: 1, type: 'LIST', name: 'Target list', status: 'COMPLETED', startedAt: listedAt, completedAt: listedAt } });
  await db.campaignRecipient.createMany({ data: recipients.map((recipient) => ({ campaignId: campaign.id, accountId, listStageId: list.id, ...recipient })) });
  return { campaignId: campaign.id, name, listStageId: list.id };
}
