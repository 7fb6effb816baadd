import { campaignProgressQuery, campaignWorkflowId } from '../../workflows/campaign.messages';
import { eventually } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
type User = { id: string; key: string };
let marketer: User, author: User, approver: User, secondApprover: User, outsider: User;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, author, approver, secondApprover, outsider] = await Promise.all([
    t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'),
  ]);
});
afterAll(() => t.close());

const inbox = async (user: User, query = '') => {
  const response = await t.request.get(`/api/v1/approvals${query}`).set(as(user));
  expect(response.status).toBe(200);
  return response.body as { items: Record<string, any>[]; counts: { campaignStages: number; plans: number; budgetTransfers: number; budgetOverruns: number; total: number } };
};
const year = new Date().getUTCFullYear() + 1;

async function plan(by: User, name: string, approverIds: string[], submit: boolean) {
  const created = await t.request.post('/api/v1/plans').set(as(by)).send({ name, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, revenueTarget: 400_000, approverIds, goals: ['two visits per key account'] });
  expect(created.status).toBe(201);
  if (submit) expect((await t.request.post(`/api/v1/plans/${created.body.id}/submit`).set(as(by))).status).toBe(200);
  return created.body.id as string;
}

/** A campaign whose first stage is an APPROVAL starting in three seconds (time enough to schedule it on a busy machine): it waits for its approvers at once. */
async function campaignAwaitingApproval(name: string, approverIds: string[], require: 'any' | 'all') {
  const created = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({
    name,
    stages: [
      { type: 'APPROVAL', name: 'Budget sign-off', startAt: new Date(Date.now() + 3000).toISOString(), settings: { approverIds, require } },
      { type: 'WAIT', settings: { duration: 'PT1H' } },
    ],
  });
  expect(created.status).toBe(201);
  expect((await t.request.post(`/api/v1/campaigns/${created.body.id}/schedule`).set(as(marketer))).status).toBe(200);
  const stageId = created.body.stages[0].id as string;
  // The workflow waits for the approvers a moment after PostgreSQL says RUNNING: a decision before that is refused.
  const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(created.body.id));
  await eventually(async () => expect((await handle.query(campaignProgressQuery)).awaitingApprovers).toHaveLength(approverIds.length));
  return { campaignId: created.body.id as string, stageId };
}

test('when a stage and a plan wait for an approver then each approver sees exactly their items, answered ones leave and others see nothing', async () => {
  const submitted = await plan(author, `Key accounts ${year}`, [approver.id], true);
  await plan(author, `Draft ${year}`, [approver.id], false); // not submitted: nothing to decide yet
  const ownPlan = await plan(approver, `Approver's own ${year}`, [author.id], true); // the approver wrote it
  const { campaignId, stageId } = await campaignAwaitingApproval(`Spring ${year}`, [approver.id, secondApprover.id], 'all');

  const waiting = await inbox(approver);
  expect(waiting.counts).toEqual({ campaignStages: 1, plans: 1, budgetTransfers: 0, budgetOverruns: 0, total: 2 });
  expect(waiting.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        kind: 'plan', planId: submitted, planName: `Key accounts ${year}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`,
        revenueTarget: 400_000, currency: 'EUR', goals: ['two visits per key account'], parent: null, askedBy: { id: author.id, name: 'Test manager' },
      }),
      expect.objectContaining({
        kind: 'campaign-stage', campaignId, campaignName: `Spring ${year}`, campaignStatus: 'RUNNING', stageId, stagePosition: 0, stageName: 'Budget sign-off',
        require: 'all', approvers: 2, approvedSoFar: 0, askedBy: { id: marketer.id, name: 'Test marketer' },
      }),
    ]),
  );
  for (const item of waiting.items) expect(Date.parse(item.askedAt)).toBeGreaterThan(Date.now() - 120_000);

  // The author sees the plan the approver wrote (they approve it), never their own.
  const authors = await inbox(author);
  expect(authors.items.map((item) => item.planId)).toEqual([ownPlan]);
  expect((await inbox(secondApprover)).items.map((item) => item.stageId)).toEqual([stageId]);
  expect(await inbox(outsider)).toEqual({ items: [], counts: { campaignStages: 0, plans: 0, budgetTransfers: 0, budgetOverruns: 0, total: 0 } });
  expect((await inbox(approver, '?kind=plan')).items.map((item) => item.kind)).toEqual(['plan']);
  expect((await inbox(approver, '?kind=campaign-stage')).items.map((item) => item.kind)).toEqual(['campaign-stage']);

  // Answered: the approval leaves the approver's inbox; with require "all" it still waits for the other approver.
  expect((await t.request.post(`/api/v1/campaigns/${campaignId}/stages/${stageId}/approve`).set(as(approver)).send({ comment: 'Fine' })).status).toBe(200);
  expect((await t.request.post(`/api/v1/plans/${submitted}/approve`).set(as(approver)).send({})).status).toBe(200);
  expect(await inbox(approver)).toEqual({ items: [], counts: { campaignStages: 0, plans: 0, budgetTransfers: 0, budgetOverruns: 0, total: 0 } });
  expect((await inbox(secondApprover)).items).toEqual([expect.objectContaining({ stageId, approvedSoFar: 1 })]);

  // The last answer ends the stage: nobody is asked any more.
  expect((await t.request.post(`/api/v1/campaigns/${campaignId}/stages/${stageId}/reject`).set(as(secondApprover)).send({ reason: 'Too early' })).status).toBe(200);
  await eventually(async () => expect((await inbox(secondApprover)).counts.total).toBe(0));
  expect((await inbox(author)).items.map((item) => item.planId)).toEqual([ownPlan]);
});

test('when the inbox is asked for an unknown kind or an unknown field then 400 names it', async () => {
  const badKind = await t.request.get('/api/v1/approvals?kind=task').set(as(approver));
  expect(badKind.status).toBe(400);
  expect(badKind.body.error.details).toEqual([expect.objectContaining({ path: 'query.kind' })]);
  const unknown = await t.request.get('/api/v1/approvals?mine=yes').set(as(approver));
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details[0].path).toContain('query');
  expect((await t.request.get('/api/v1/approvals')).status).toBe(401);
});
