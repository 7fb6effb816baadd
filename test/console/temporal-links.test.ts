import { accountWorkflowId } from '../../workflows/account.messages';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { planWorkflowId } from '../../workflows/plan.messages';
import { TEST_TEMPORAL_UI_URL } from '../support/test-app';
import { authAs, consoleHarnessForFile } from './support/console-browser';

const harness = consoleHarnessForFile();
const workflowUrl = (workflowId: string) => `${TEST_TEMPORAL_UI_URL}/namespaces/default/workflows/${workflowId}`;

test('an admin follows an account, a campaign and a plan to its workflow in the Temporal UI; a manager is offered no such link', async () => {
  const { app } = harness;
  const [admin, manager, marketer] = [await app.userWithKey('admin'), await app.userWithKey('manager'), await app.userWithKey('marketer')];

  const account = (await app.request.post('/api/v1/accounts').set(authAs(manager)).send({ name: 'Linked Ltd' })).body.account;
  expect((await app.request.post(`/api/v1/accounts/${account.id}/take`).set(authAs(manager))).status).toBe(200);
  const segment = await app.request.post('/api/v1/segments').set(authAs(marketer)).send({ name: `Linked ${Date.now()}`, criteria: { field: 'account.segment', op: 'eq', value: 'linked' } });
  const campaign = await app.request
    .post('/api/v1/campaigns')
    .set(authAs(marketer))
    .send({ name: `Linked campaign ${Date.now()}`, channels: ['email'], stages: [{ type: 'LIST', startAt: new Date(Date.now() + 3_600_000).toISOString(), settings: { segmentId: segment.body.id } }] });
  expect((await app.request.post(`/api/v1/campaigns/${campaign.body.id}/schedule`).set(authAs(marketer))).status).toBe(200);
  const year = new Date().getUTCFullYear() + 1;
  const plan = await app.request.post('/api/v1/plans').set(authAs(marketer)).send({ name: `Linked plan ${year}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds: [manager.id] });
  expect((await app.request.post(`/api/v1/plans/${plan.body.id}/submit`).set(authAs(marketer))).status).toBe(200);

  const page = await harness.openPage({ key: admin.key, path: `/accounts/${account.id}` });
  const link = page.getByRole('link', { name: 'Workflow in Temporal UI' });
  expect(await link.getAttribute('href')).toBe(workflowUrl(accountWorkflowId(account.id)));
  expect(await link.getAttribute('target')).toBe('_blank');
  await page.goto(`/console/#/campaigns/${campaign.body.id}`);
  expect(await link.getAttribute('href')).toBe(workflowUrl(campaignWorkflowId(campaign.body.id)));
  await page.goto(`/console/#/plans/${plan.body.id}`);
  expect(await link.getAttribute('href')).toBe(workflowUrl(planWorkflowId(plan.body.id)));

  const managerPage = await harness.openPage({ key: manager.key, path: `/accounts/${account.id}` });
  await managerPage.getByRole('heading', { name: 'Linked Ltd' }).waitFor();
  expect(await managerPage.getByRole('link', { name: 'Workflow in Temporal UI' }).count()).toBe(0);
});
