import { startCampaignWorkflow } from '../../../src/campaigns/campaign-workflow-client';
import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { seedJourney } from '../../campaigns/journey/helpers';
import { eventually } from '../../support/eventually';
import type { TestApp } from '../../support/test-app';
import { as, openEvent, registerAs, startAppWithStaff, type Staff } from './helpers';

// A registration is written in two steps (the person, then one statement for the seat and everything
// else), or in one transaction when a campaign stage counts its responses: both paths, and their races.
let t: TestApp;
let manager: Staff;
let marketer: Staff;

beforeAll(async () => ({ t, manager, marketer } = await startAppWithStaff()));
afterAll(() => t.close());

const register = (eventId: string, body: object) => registerAs(t, manager, eventId, body);

test('when the same person registers ten times at once then one registration, one activity and one e-mail are written, and every answer names it', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 3 });
  const answers = await Promise.all(Array.from({ length: 10 }, () => register(event.id, { contact: { name: 'Rush Once', email: 'rush@once.example' } })));
  expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
  const ids = new Set(answers.map((answer) => answer.body.registration?.id));
  expect(ids.size).toBe(1);
  expect(answers.filter((answer) => answer.body.existing === false)).toHaveLength(1);
  const rows = await t.database.db.eventRegistration.findMany({ where: { eventId: event.id } });
  expect(rows.map((row) => row.status)).toEqual(['REGISTERED']);
  expect(await t.database.db.activity.count({ where: { accountId: rows[0].accountId } })).toBe(1);
  expect(await t.database.db.outboundEmail.count({ where: { eventId: event.id } })).toBe(1);
  expect(await t.database.db.contact.count({ where: { emailNormalized: 'rush@once.example' } })).toBe(1);
});

test('when the contact’s account is archived then the registration is a 409 naming it, and nothing is written', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 3 });
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name: 'Gone Ltd', contacts: [{ name: 'Gone Buyer', email: 'buyer@gone.example' }] });
  expect(created.status).toBe(201);
  const accountId: string = created.body.account.id;
  await t.database.db.account.update({ where: { id: accountId }, data: { archivedAt: new Date() } });
  const contact = await t.database.db.contact.findFirstOrThrow({ where: { accountId } });

  for (const body of [{ contactId: contact.id }, { contact: { name: 'Gone Buyer', email: 'buyer@gone.example' } }]) {
    const refused = await register(event.id, body);
    expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([409, 'CONFLICT', expect.stringContaining(`(${accountId}) is archived`)]);
  }
  expect(await t.database.db.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);
  expect(await t.database.db.activity.count({ where: { accountId } })).toBe(0);
  expect(await t.database.db.outboundEmail.count({ where: { eventId: event.id } })).toBe(0);
});

test('when a campaign stage waits for two responses of its event’s sub-source then concurrent registrations meet the count once, and the campaign is signalled once', async () => {
  const { campaignId } = await seedJourney(
    t.database.db,
    [
      { type: 'WAIT', startAt: new Date(Date.now() + 3_600_000).toISOString(), settings: { duration: 'PT1H' } },
      { type: 'WAIT', startWhen: { kind: 'responses', count: 2, sourceCode: 'PRESS' }, settings: { duration: 'PT1H' } },
    ],
    { status: 'SCHEDULED', sources: ['PRESS'] },
  );
  await startCampaignWorkflow({ client: t.temporal.client, taskQueue: t.temporal.taskQueue }, { id: campaignId, name: 'Event responses', status: 'SCHEDULED', stageTypes: ['WAIT', 'WAIT'] });
  const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(campaignId));
  const signals = async () => {
    const { events } = await handle.fetchHistory();
    return (events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'conditionsChanged').length;
  };
  const { event } = await openEvent(t, marketer.id, { capacity: 10, campaign: { id: campaignId }, sources: ['PRESS'] });

  const answers = await Promise.all([1, 2, 3, 4].map((n) => register(event.id, { contact: { name: `Press ${n}`, email: `press${n}@count.example` } })));
  expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
  expect(await t.database.db.response.count({ where: { campaignId, type: 'REGISTRATION' } })).toBe(4);
  await eventually(async () => expect(await signals()).toBe(1));
  // Terminating writes any signal the server still held back: none beyond the one.
  await handle.terminate('test over');
  expect(await signals()).toBe(1);
});
