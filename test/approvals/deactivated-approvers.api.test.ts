import { startTestApp, type TestApp } from '../support/test-app';
import { as, person, secondsFromNow, submittedPlan, type Person } from './helpers';

let t: TestApp;
const tag = `gone${Date.now()}`;
let marketer: Person, approver: Person, gone: Person;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, approver, gone] = await Promise.all([person(t, 'marketer', 'Mia Marketer', tag), person(t, 'manager', 'Paul Approver', tag), person(t, 'manager', 'Gus Gone', tag)]);
});
afterAll(() => t.close());

const deactivated = (path: string) => ({ code: 'VALIDATION_FAILED', details: [{ path, message: `user ${gone.id} is deactivated` }] });
const approvalStage = (settings: object) => ({ type: 'APPROVAL', startAt: secondsFromNow(3600), settings });

test('when a campaign names a deactivated user as an approver or escalation contact then 400 names the field and nothing is written', async () => {
  // Created while the user was active, then the user leaves: scheduling the draft is refused.
  const draft = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({ name: `Draft ${tag}`, stages: [approvalStage({ approverIds: [gone.id] })] });
  expect(draft.status).toBe(201);
  await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });

  const asApprover = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({ name: `Approver ${tag}`, stages: [approvalStage({ approverIds: [approver.id, gone.id] })] });
  expect(asApprover.status).toBe(400);
  expect(asApprover.body.error).toMatchObject(deactivated('body.stages.0.settings.approverIds.1'));
  const asEscalation = await t.request.post('/api/v1/campaigns').set(as(marketer)).send({ name: `Escalation ${tag}`, stages: [approvalStage({ approverIds: [approver.id], escalateToIds: [gone.id] })] });
  expect(asEscalation.body.error).toMatchObject(deactivated('body.stages.0.settings.escalateToIds.0'));
  expect(await t.database.db.campaign.count({ where: { name: { in: [`Approver ${tag}`, `Escalation ${tag}`] } } })).toBe(0);

  const edit = await t.request.patch(`/api/v1/campaigns/${draft.body.id}/stages/${draft.body.stages[0].id}`).set(as(marketer)).send({ settings: { approverIds: [approver.id], escalateToIds: [gone.id] } });
  expect(edit.status).toBe(400);
  expect(edit.body.error).toMatchObject(deactivated('body.settings.escalateToIds.0'));
  const schedule = await t.request.post(`/api/v1/campaigns/${draft.body.id}/schedule`).set(as(marketer));
  expect(schedule.status).toBe(400);
  expect(schedule.body.error).toMatchObject(deactivated('stages.0.settings.approverIds.0'));
  expect((await t.request.get(`/api/v1/campaigns/${draft.body.id}`).set(as(marketer))).body.status).toBe('DRAFT');

  // Once the stage names someone active, it schedules.
  expect((await t.request.patch(`/api/v1/campaigns/${draft.body.id}/stages/${draft.body.stages[0].id}`).set(as(marketer)).send({ settings: { approverIds: [approver.id] } })).status).toBe(200);
  expect((await t.request.post(`/api/v1/campaigns/${draft.body.id}/schedule`).set(as(marketer))).status).toBe(200);
});

test('when a plan names a deactivated user as an approver then 400 names body.approverIds.N and nothing is written', async () => {
  await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
  const year = new Date().getUTCFullYear() + 1;
  const created = await t.request.post('/api/v1/plans').set(as(marketer)).send({ name: `Plan ${tag}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds: [approver.id, gone.id] });
  expect(created.status).toBe(400);
  expect(created.body.error).toMatchObject(deactivated('body.approverIds.1'));
  expect(await t.database.db.plan.count({ where: { name: `Plan ${tag}` } })).toBe(0);

  const planId = await submittedPlan(t, marketer, `Draft plan ${tag}`, [approver.id], false);
  const edited = await t.request.patch(`/api/v1/plans/${planId}`).set(as(marketer)).send({ approverIds: [gone.id] });
  expect(edited.status).toBe(400);
  expect(edited.body.error).toMatchObject(deactivated('body.approverIds.0'));
  expect((await t.request.get(`/api/v1/plans/${planId}`).set(as(marketer))).body.approverIds).toEqual([approver.id]);
});
