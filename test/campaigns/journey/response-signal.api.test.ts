import { startCampaignWorkflow } from '../../../src/campaigns/campaign-workflow-client';
import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { eventually } from '../../support/eventually';
import { startTestApp, type TestApp } from '../../support/test-app';
import { seedJourney } from './helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

test('when responses are recorded through the API then the campaign’s workflow is signalled once per count a response meets, and never otherwise', async () => {
  const marketer = await t.userWithKey('marketer');
  // Stages that stay harmless whatever starts: a WAIT on two press responses, another on four responses in all.
  const { campaignId } = await seedJourney(
    t.database.db,
    [
      { type: 'WAIT', startAt: new Date(Date.now() + 3_600_000).toISOString(), settings: { duration: 'PT1H' } },
      { type: 'WAIT', startWhen: { kind: 'responses', count: 2, sourceCode: 'PRESS' }, settings: { duration: 'PT1H' } },
      { type: 'WAIT', startWhen: { kind: 'responses', count: 4 }, settings: { duration: 'PT1H' } },
    ],
    { status: 'SCHEDULED', sources: ['PRESS', 'WEB'] },
  );
  await startCampaignWorkflow({ client: t.temporal.client, taskQueue: t.temporal.taskQueue }, { id: campaignId, name: 'Signals', status: 'SCHEDULED', stageTypes: ['WAIT', 'WAIT', 'WAIT'] });
  const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(campaignId));
  const signals = async () => {
    const { events } = await handle.fetchHistory();
    return (events ?? []).filter((event) => event.workflowExecutionSignaledEventAttributes?.signalName === 'conditionsChanged').length;
  };

  // The second press response meets the first count, the fourth response in all the second.
  const expected = [0, 0, 1, 2, 2];
  for (const [index, sourceCode] of ['WEB', 'PRESS', 'PRESS', 'PRESS', 'WEB'].entries()) {
    const response = await t.request
      .post('/api/v1/responses')
      .set({ Authorization: `Bearer ${marketer.key}` })
      .send({ campaignId, sourceCode, type: 'REPLY', contact: { email: `responder-${index}@signals.test`, name: `Responder ${index}` } });
    expect(response.status).toBe(201);
    // A signal that arrives while a workflow task runs reaches the history when that task completes.
    await eventually(async () => expect(await signals()).toBe(expected[index]));
  }

  // Terminating writes any signal the server still held back: none beyond the two.
  await handle.terminate('test over');
  expect(await signals()).toBe(2);
});
