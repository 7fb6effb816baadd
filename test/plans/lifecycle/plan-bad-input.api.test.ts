import { startTestApp, type TestApp } from '../../support/test-app';
import { createPlan, kinds, planTeam, utcDay, type PlanTeam } from './helpers';

let t: TestApp;
let team: PlanTeam;

beforeAll(async () => {
  t = await startTestApp();
  team = await planTeam(t);
});
afterAll(() => t.close());

const valid = () => ({ name: `Plan ${Date.now()}`, periodStart: '2030-01-01', periodEnd: '2030-12-31', approverIds: [team.approver.id] });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path);

test('when the period ends before it starts, the author approves or an approver is unknown then creation is a 400 naming each field and nothing is created', async () => {
  const before = await t.database.db.plan.count();
  const eventsBefore = await t.database.db.planEvent.count();
  const unknown = '00000000-0000-4000-8000-000000000000';
  const answer = await t.request
    .post('/api/v1/plans')
    .set(team.as(team.author))
    .send({ ...valid(), periodStart: '2030-06-01', periodEnd: '2030-05-31', approverIds: [team.author.id, unknown, team.approver.id], quarterlyChildren: true });
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  expect(paths(answer.body).sort()).toEqual(['body.approverIds.0', 'body.approverIds.1', 'body.periodEnd']);
  expect(answer.body.error.details.find((detail: { path: string }) => detail.path === 'body.approverIds.0').message).toContain('author');

  const malformed = await t.request.post('/api/v1/plans').set(team.as(team.author)).send({ ...valid(), periodStart: '2030-02-30', approverIds: [], remindAfter: 'soon', revenueTarget: -1, currency: 'eur' });
  expect(malformed.status).toBe(400);
  expect(paths(malformed.body).sort()).toEqual(['body.approverIds', 'body.currency', 'body.periodStart', 'body.remindAfter', 'body.revenueTarget']);
  expect(await t.database.db.plan.count()).toBe(before);
  expect(await t.database.db.planEvent.count()).toBe(eventsBefore);
});

test('when a child plan lies outside its parent period then it is refused, by parentId or by hand', async () => {
  const parent = await createPlan(t, team, valid());
  const outside = await t.request.post('/api/v1/plans').set(team.as(team.author)).send({ ...valid(), parentId: parent.id, periodStart: '2029-12-01', periodEnd: '2030-01-31' });
  expect(outside.status).toBe(400);
  expect(paths(outside.body)).toEqual(['body.periodStart']);
  const byHand = await t.request.post(`/api/v1/plans/${parent.id}/children`).set(team.as(team.author)).send({ ...valid(), periodStart: '2030-12-01', periodEnd: '2031-01-31' });
  expect(byHand.status).toBe(400);
  expect(paths(byHand.body)).toEqual(['body.periodEnd']);
  const noParent = await t.request.post('/api/v1/plans').set(team.as(team.author)).send({ ...valid(), parentId: '00000000-0000-4000-8000-000000000000' });
  expect(noParent.status).toBe(400);
  expect(paths(noParent.body)).toEqual(['body.parentId']);

  const child = await t.request.post(`/api/v1/plans/${parent.id}/children`).set(team.as(team.author)).send({ ...valid(), name: 'March push', periodStart: '2030-03-01', periodEnd: '2030-03-31' });
  expect(child.status).toBe(201);
  expect(child.body).toMatchObject({ parentId: parent.id, status: 'DRAFT', parent: { id: parent.id } });
  // The parent may not shrink past its children.
  const shrink = await t.request.patch(`/api/v1/plans/${parent.id}`).set(team.as(team.author)).send({ periodEnd: '2030-02-28' });
  expect(shrink.status).toBe(400);
  expect(paths(shrink.body)).toEqual(['body.periodEnd']);
  expect(await t.database.db.plan.count({ where: { parentId: parent.id } })).toBe(1);
});

test('when a DRAFT plan is edited then the history keeps before and after; after submission an edit is a 409', async () => {
  const plan = await createPlan(t, team, { ...valid(), revenueTarget: 1000 });
  const edited = await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.author)).send({ revenueTarget: 1500, goals: ['more visits'], product: 'Widget' });
  expect(edited.status).toBe(200);
  expect(edited.body).toMatchObject({ revenueTarget: 1500, goals: ['more visits'], product: 'Widget' });
  expect(edited.body.history[0]).toMatchObject({
    kind: 'plan-updated',
    byUserId: team.author.id,
    details: { before: { revenueTarget: 1000, goals: [], product: null }, after: { revenueTarget: 1500, goals: ['more visits'], product: 'Widget' } },
  });
  const bad = await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.author)).send({ periodStart: '2031-01-01', approverIds: [team.author.id] });
  expect(bad.status).toBe(400);
  expect(paths(bad.body).sort()).toEqual(['body.approverIds.0', 'body.periodEnd']);
  expect((await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.outsider)).send({ name: 'Mine now' })).status).toBe(403);
  expect((await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.author)).send({ parentId: plan.id })).status).toBe(400);

  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author))).status).toBe(200);
  const late = await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.author)).send({ name: 'Renamed' });
  expect(late.status).toBe(409);
  const after = await t.request.get(`/api/v1/plans/${plan.id}`).set(team.as(team.author));
  expect(after.body.name).toBe(plan.name);
  expect(kinds(after.body)).toEqual(['plan-submitted', 'plan-updated', 'plan-created']);
});

test('when lists are asked for with bad filters or a plan does not exist then the answer is a 400 or 404, never a 500', async () => {
  expect((await t.request.get('/api/v1/plans?status=DONE').set(team.as(team.author))).status).toBe(400);
  expect((await t.request.get('/api/v1/plans?cursor=nope').set(team.as(team.author))).status).toBe(400);
  expect((await t.request.get('/api/v1/plans?active=yes').set(team.as(team.author))).status).toBe(400);
  expect((await t.request.get('/api/v1/plans/not-a-uuid').set(team.as(team.author))).status).toBe(400);
  expect((await t.request.get('/api/v1/plans/00000000-0000-4000-8000-000000000000').set(team.as(team.author))).status).toBe(404);
  expect((await t.request.post('/api/v1/plans/00000000-0000-4000-8000-000000000000/submit').set(team.as(team.author))).status).toBe(404);
  const period = await t.request.post('/api/v1/plans').set(team.as(team.author)).send({ ...valid(), periodStart: utcDay(0), periodEnd: utcDay(1), quarterlyChildren: true });
  expect(period.status).toBe(400);
  expect(paths(period.body)).toEqual(['body.quarterlyChildren']);
});
