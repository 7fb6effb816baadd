import { campaignWorkflow } from '../../../workflows/campaign.workflow';
import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { eventually } from '../../support/eventually';
import { startTestApp, type TestApp } from '../../support/test-app';
import { audience, createCampaign, getCampaign, marketingTeam, secondsFromNow, type Marketing } from './helpers';

let t: TestApp;
let team: Marketing;

beforeAll(async () => {
  t = await startTestApp();
  team = await marketingTeam(t);
});
afterAll(() => t.close());

test('when the history grows long then the campaign continues as new and carries on from PostgreSQL', async () => {
  const tag = `can${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 2);
  const created = await createCampaign(t, team, {
    name: `Long ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(1), settings: { segmentId } },
      { type: 'WAIT', settings: { duration: 'PT1S' } },
      { type: 'CALL_TASKS', settings: {} },
    ],
  });
  // Started by hand with a tiny threshold, as POST /schedule would start it with Temporal's own.
  await t.database.db.campaign.update({ where: { id: created.id }, data: { status: 'SCHEDULED' } });
  const handle = await t.temporal.client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(created.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ campaignId: created.id, continueAsNewAfterEvents: 10 }],
  });
  expect(await handle.result()).toBe('COMPLETED');
  // Visibility is eventually consistent: wait for every run to be listed.
  await eventually(async () => {
    const runs: string[] = [];
    for await (const execution of t.temporal.client.workflow.list({ query: `WorkflowId = '${campaignWorkflowId(created.id)}'` })) runs.push(execution.runId);
    expect(runs.length).toBeGreaterThan(1);
  });
  const campaign = await getCampaign(t, team, created.id);
  expect(campaign.stages.map((stage: { status: string }) => stage.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  expect(campaign.stages[2].counts.tasksCreated).toBe(2);
  expect(await t.database.db.task.count({ where: { campaignStageId: campaign.stages[2].id } })).toBe(2);
});
