import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { registerSearchAttributes, SearchAttributesRefused } from '../../src/temporal/search-attributes';
import { describeApplyWorkflow } from '../../src/temporal/workflow-descriptions';
import { accountWorkflowId } from '../../workflows/account.messages';
import { applyWorkflowId } from '../../workflows/apply-to-accounts.messages';
import { applyToAccountsWorkflow } from '../../workflows/apply-to-accounts.workflow';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { eventWorkflowId } from '../../workflows/event.messages';
import { planWorkflowId } from '../../workflows/plan.messages';
import {
  accountOwnerIdKey,
  accountSegmentKey,
  accountStatusKey,
  accountStatusSinceKey,
  campaignStageTypeKey,
  campaignStatusKey,
  crmSearchAttributeKeys,
  planPeriodEndKey,
  planStatusKey,
} from '../../workflows/search-attributes';
import { audience, campaignWhen, createCampaign, marketingTeam, secondsFromNow, type Marketing } from '../campaigns/workflow/helpers';
import { seedPlan } from '../plans/apply/helpers';
import { createPlan, planTeam, type PlanTeam } from '../plans/lifecycle/helpers';
import { eventually } from '../support/eventually';
import { testService } from '../support/test-services';
import { startTestApp, type TestApp } from '../support/test-app';

// The README's "Monitoring in Temporal UI" queries, read from the README itself, so what it tells an
// admin to paste is what is tested here.
const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const monitoring = readme.split('## Monitoring in Temporal UI')[1]!.split('\n## ')[0]!;
const readmeQueries = new Map([...monitoring.matchAll(/^\| ([^|]+?) \| `([^`]+)` \|$/gm)].map((match) => [match[1]!, match[2]!]));
const readmeQuery = (question: string) => {
  const query = readmeQueries.get(question);
  if (!query) throw new Error(`the README's monitoring table has no row "${question}" (rows: ${[...readmeQueries.keys()].join('; ')})`);
  return query;
};
const isoDate = /'\d{4}-\d{2}-\d{2}T00:00:00Z'/;

let t: TestApp;
let team: Marketing;
let plans: PlanTeam;

beforeAll(async () => {
  t = await startTestApp();
  team = await marketingTeam(t);
  plans = await planTeam(t);
});
afterAll(() => t.close());

/** Whether the query finds this one workflow in Temporal's visibility store (which lags its writes). */
async function findable(query: string, workflowId: string): Promise<void> {
  await eventually(async () => {
    const ids: string[] = [];
    for await (const workflow of t.temporal.client.workflow.list({ query: `(${query}) AND WorkflowId = '${workflowId}'` })) ids.push(workflow.workflowId);
    expect({ query, ids }).toEqual({ query, ids: [workflowId] });
  });
}

test('the README answers each monitoring question with a query', () => {
  expect([...readmeQueries.keys()]).toEqual([
    'campaigns waiting for approval',
    'plans submitted, waiting for a decision',
    'accounts refused this month',
    "a manager's accounts in work",
    'approved plans whose period ends this year',
    'bulk applies that failed',
    'events scheduled, not yet over',
    'budget transfers and overruns waiting for approval',
  ]);
});

test('when a manager takes an account then its workflow is POTENTIAL, theirs and in its segment from the start, named by id only, and refused this month after a refusal', async () => {
  const manager = await t.userWithKey('manager');
  const as = { Authorization: `Bearer ${manager.key}` };
  const created = await t.request.post('/api/v1/accounts').set(as).send({ name: 'Visible Personal Name GmbH', segment: 'visibility' });
  const accountId = created.body.account.id as string;
  expect((await t.request.get(`/api/v1/accounts/${accountId}`).set(as)).body.workflowId).toBeNull();
  const taken = await t.request.post(`/api/v1/accounts/${accountId}/take`).set(as);
  expect(taken.status).toBe(200);

  // At once: the start itself carries them, before the workflow's first task.
  const description = await t.temporal.client.workflow.getHandle(accountWorkflowId(accountId)).describe();
  expect(description.typedSearchAttributes.get(accountStatusKey)).toBe('POTENTIAL');
  expect(description.typedSearchAttributes.get(accountOwnerIdKey)).toBe(manager.id);
  expect(description.typedSearchAttributes.get(accountSegmentKey)).toBe('visibility');
  expect(description.typedSearchAttributes.get(accountStatusSinceKey)).toBeInstanceOf(Date);
  const [staticSummary, staticDetails] = await Promise.all([description.staticSummary(), description.staticDetails()]);
  expect(staticSummary).toContain(accountId);
  expect(`${staticSummary} ${staticDetails}`).not.toContain('Visible Personal Name');
  expect((await t.request.get(`/api/v1/accounts/${accountId}`).set(as)).body.workflowId).toBe(accountWorkflowId(accountId));
  await findable(readmeQuery("a manager's accounts in work").replace('<user id>', manager.id), accountWorkflowId(accountId));

  const refusedAt = new Date();
  expect((await t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as).send({ type: 'CALL', outcome: 'REFUSED' })).status).toBe(201);
  const monthStart = `'${refusedAt.toISOString().slice(0, 8)}01T00:00:00Z'`;
  await findable(readmeQuery('accounts refused this month').replace(isoDate, monthStart), accountWorkflowId(accountId));
  // Not in a month that ended before the refusal.
  const nextMonth = new Date(Date.UTC(refusedAt.getUTCFullYear(), refusedAt.getUTCMonth() + 1, 1)).toISOString().replace('.000', '');
  const later = [];
  for await (const workflow of t.temporal.client.workflow.list({ query: `(${readmeQuery('accounts refused this month').replace(isoDate, `'${nextMonth}'`)}) AND WorkflowId = '${accountWorkflowId(accountId)}'` })) later.push(workflow);
  expect(later).toEqual([]);
});

test('when a campaign waits at its approval stage then it is found as such under its name, and once cancelled it is CANCELLED with no running stage', async () => {
  const tag = `vis${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 2);
  const name = `Autumn visibility ${tag}`;
  const created = await createCampaign(t, team, {
    name,
    channels: ['email'],
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } },
      { type: 'APPROVAL', settings: { approverIds: [team.approver.id] } },
    ],
  });
  expect((await t.request.get(`/api/v1/campaigns/${created.id}`).set(team.as(team.marketer))).body.workflowId).toBeNull();
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const workflowId = campaignWorkflowId(created.id);
  const handle = t.temporal.client.workflow.getHandle(workflowId);
  expect((await handle.describe()).typedSearchAttributes.get(campaignStatusKey)).toBe('SCHEDULED');
  const started = await handle.describe();
  const [staticSummary, staticDetails] = await Promise.all([started.staticSummary(), started.staticDetails()]);
  expect(staticSummary).toBe(`Campaign “${name}”`);
  expect(staticDetails).toContain('LIST → APPROVAL');

  const waiting = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.stages[1].status).toBe('RUNNING'));
  expect(waiting.workflowId).toBe(workflowId);
  await findable(readmeQuery('campaigns waiting for approval'), workflowId);

  expect((await t.request.post(`/api/v1/campaigns/${created.id}/cancel`).set(team.as(team.marketer)).send({ reason: 'visibility test' })).status).toBe(200);
  await findable(`WorkflowType = 'campaignWorkflow' AND CrmCampaignStatus = 'CANCELLED'`, workflowId);
  await eventually(async () => expect((await handle.describe()).typedSearchAttributes.get(campaignStageTypeKey)).toBeUndefined());
});

test('when an event is scheduled then it is found as scheduled under its name, and once cancelled no more', async () => {
  const name = `Visible seminar ${Date.now()}`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  const created = await t.request.post('/api/v1/events').set(team.as(team.marketer)).send({ name, kind: 'seminar', startsAt: inDays(10), endsAt: inDays(11) });
  expect(created.status).toBe(201);
  expect((await t.request.post(`/api/v1/events/${created.body.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const workflowId = eventWorkflowId(created.body.id);
  expect(await (await t.temporal.client.workflow.getHandle(workflowId).describe()).staticSummary()).toBe(`Event: ${name}`);
  await findable(readmeQuery('events scheduled, not yet over'), workflowId);

  expect((await t.request.post(`/api/v1/events/${created.body.id}/cancel`).set(team.as(team.marketer)).send({ reason: 'visibility test' })).status).toBe(200);
  await findable(`WorkflowType = 'eventWorkflow' AND CrmEventStatus = 'CANCELLED'`, workflowId);
});

test('when a plan is submitted and approved then it is found by status and period end under its name', async () => {
  const name = `Visible plan ${Date.now()}`;
  const year = new Date().getUTCFullYear();
  const plan = await createPlan(t, plans, { name, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds: [plans.approver.id] });
  expect(plan.workflowId).toBeNull();
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(plans.as(plans.author))).body.workflowId).toBe(planWorkflowId(plan.id));
  const handle = t.temporal.client.workflow.getHandle(planWorkflowId(plan.id));
  expect(await (await handle.describe()).staticSummary()).toBe(`Business plan “${name}”`);
  await findable(readmeQuery('plans submitted, waiting for a decision'), planWorkflowId(plan.id));

  expect((await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(plans.as(plans.approver)).send({})).status).toBe(200);
  await findable(readmeQuery('approved plans whose period ends this year').replace(isoDate, `'${year + 1}-01-01T00:00:00Z'`), planWorkflowId(plan.id));
  const attributes = (await handle.describe()).typedSearchAttributes;
  expect(attributes.get(planStatusKey)).toBe('APPROVED');
  expect(attributes.get(planPeriodEndKey)).toEqual(new Date(`${year}-12-31T00:00:00Z`));
});

test('when a budget transfer is asked then it is found waiting under its amount and budgets, and once approved no more', async () => {
  const [asker, ownerOf] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  const budget = async (name: string) =>
    (await t.request.post('/api/v1/budgets').set({ Authorization: `Bearer ${asker.key}` }).send({ name, ownerId: ownerOf.id, currency: 'EUR', periodStart: '2027-01-01', periodEnd: '2027-12-31', amount: 1000 })).body.id;
  const [from, to] = [await budget(`Visible from ${Date.now()}`), await budget(`Visible to ${Date.now()}`)];
  const asked = await t.request.post('/api/v1/budget-transfers').set({ Authorization: `Bearer ${asker.key}` }).send({ fromBudgetId: from, toBudgetId: to, amount: 10, reason: 'visibility' });
  expect(asked.body.status).toBe('PENDING');
  const handle = t.temporal.client.workflow.getHandle(asked.body.workflowId);
  expect(await (await handle.describe()).staticSummary()).toMatch(/^Budget transfer: 10\.00 EUR from budget “Visible from \d+” to “Visible to \d+”$/);
  await findable(readmeQuery('budget transfers and overruns waiting for approval'), asked.body.workflowId);
  expect((await t.request.post(`/api/v1/budget-transfers/${asked.body.id}/approve`).set({ Authorization: `Bearer ${ownerOf.key}` }).send({})).body.status).toBe('APPLIED');
  await findable(`WorkflowType = 'budgetApprovalWorkflow' AND CrmBudgetApprovalStatus = 'APPLIED'`, asked.body.workflowId);
});

test('when a bulk apply fails then it is found among the failed ones', async () => {
  const author = await t.userWithKey('marketer');
  const planId = await seedPlan(t.database.db, author.id);
  const application = await t.database.db.planApplication.create({
    data: { planId, target: { segmentId: '00000000-0000-4000-8000-000000000000' }, byUserId: author.id },
    select: { id: true },
  });
  const handle = await t.temporal.client.workflow.start(applyToAccountsWorkflow, {
    workflowId: applyWorkflowId(application.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ applicationId: application.id }],
    ...describeApplyWorkflow({ id: application.id, owner: { kind: 'plan', name: 'Failing plan' } }),
  });
  expect((await handle.result()).state).toBe('FAILED');
  await findable(readmeQuery('bulk applies that failed'), applyWorkflowId(application.id));
  expect(await (await handle.describe()).staticSummary()).toBe('Apply business plan “Failing plan” to accounts');
});

test('when the server refuses to create the search attributes then registering fails naming each missing one and the commands that create them, and adds none', async () => {
  // A namespace at the server's limit of 10 Keyword attributes: a refusal as real as Temporal Cloud's.
  const namespace = `full-${randomUUID().slice(0, 8)}`;
  const connection = await Connection.connect({ address: testService('temporalAddress') });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
    await eventually(() => connection.operatorService.addSearchAttributes({ namespace, searchAttributes: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`Filler${i}`, keyword])) }));
    const error = await registerSearchAttributes({ address: testService('temporalAddress'), namespace }).catch((refused: unknown) => refused);
    expect(error).toBeInstanceOf(SearchAttributesRefused);
    const message = (error as Error).message;
    expect(message).toContain('cannot have more than 10 search attribute of type Keyword');
    for (const key of crmSearchAttributeKeys) expect(message).toContain(key.name);
    expect(message).toContain(`temporal operator search-attribute create --namespace ${namespace} --name CrmAccountStatus --type Keyword`);
    expect(message).toContain('tcld namespace search-attributes add');
    expect(message).toContain('--search-attribute "CrmPlanPeriodEnd=Datetime"');
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    expect(Object.keys(customAttributes ?? {}).filter((name) => name.startsWith('Crm'))).toEqual([]);
  } finally {
    await connection.close();
  }
});
