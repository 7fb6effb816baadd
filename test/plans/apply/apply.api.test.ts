import { randomUUID } from 'node:crypto';
import { applyToAccountsWorkflow } from '../../../workflows/apply-to-accounts.workflow';
import { applyWorkflowId } from '../../../workflows/apply-to-accounts.messages';
import { applyStateKey } from '../../../workflows/search-attributes';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, paths, seedAccounts, seedPlan } from './helpers';

let t: TestApp;
let author: { id: string; key: string };
let other: { id: string; key: string };
let admin: { id: string; key: string };
let chosen: string[];
let buyers: string[];
let archived: string[];
/** Every application this file makes through the API, to compare with the workflows Temporal ran. */
const applications: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [author, other, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin')]);
  const db = t.database.db;
  chosen = await seedAccounts(db, 'Chosen', 3);
  buyers = await seedAccounts(db, 'Buyer', 4, { title: 'Buyer' });
  // A second matching contact: the account still counts once.
  await db.contact.create({ data: { accountId: buyers[0], name: 'Second buyer', title: 'Buyer' } });
  archived = await seedAccounts(db, 'Archived', 2, { title: 'Buyer', archived: true });
});
afterAll(() => t.close());

const apply = async (key: string, path: string, body: object) => {
  const response = await t.request.post(`/api/v1${path}`).set(auth(key)).send(body);
  if (response.status === 201) applications.push(response.body.applicationId);
  return response;
};
const planAccounts = (planId: string) => t.database.db.planAccount.findMany({ where: { planId }, orderBy: { accountId: 'asc' } });
const liveAccounts = () => t.database.db.account.count({ where: { archivedAt: null } });

async function buyerSegment() {
  const response = await t.request.post('/api/v1/segments').set(auth(admin.key)).send({ name: `Buyers ${Date.now()}`, criteria: { field: 'contact.title', op: 'eq', value: 'Buyer' } });
  expect(response.status).toBe(201);
  return response.body.id as string;
}

describe('applying a plan or an objective to accounts', () => {
  test('when a plan is applied to chosen accounts then each gets one row and the application is COMPLETED with its counts', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const response = await apply(author.key, `/plans/${planId}/apply`, { accountIds: [...chosen, chosen[0]] });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ applicationId: expect.any(String), state: 'COMPLETED', matched: 3, added: 3, alreadyApplied: 0 });
    const rows = await planAccounts(planId);
    expect(rows.map((row) => row.accountId)).toEqual([...chosen].sort());
    expect(rows.every((row) => row.applicationId === response.body.applicationId)).toBe(true);

    const progress = await t.request.get(`/api/v1/plan-applications/${response.body.applicationId}`).set(auth(other.key));
    expect(progress.status).toBe(200);
    expect(progress.body).toEqual({
      id: response.body.applicationId, workflowId: applyWorkflowId(response.body.applicationId), planId, objectiveId: null, target: { kind: 'accounts', accounts: 3 }, state: 'COMPLETED', matched: 3, added: 3,
      byUserId: author.id, error: null, startedAt: expect.any(String), finishedAt: expect.any(String),
    });
    expect(Date.parse(progress.body.finishedAt)).toBeGreaterThanOrEqual(Date.parse(progress.body.startedAt));
  });

  test('when the caller names the application then it carries that id, readable while it runs, and the id cannot be used twice', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const applicationId = randomUUID();
    const running = apply(author.key, `/plans/${planId}/apply`, { all: true, applicationId });
    // The console follows the application by its id before the POST answers.
    const seen = await eventually(async () => {
      const progress = await t.request.get(`/api/v1/plan-applications/${applicationId}`).set(auth(author.key));
      expect(progress.status).toBe(200);
      return progress.body;
    });
    expect(seen).toMatchObject({ id: applicationId, planId });
    const response = await running;
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ applicationId, state: 'COMPLETED', matched: await liveAccounts() });

    const rows = (await planAccounts(planId)).length;
    const twice = await apply(author.key, `/plans/${planId}/apply`, { all: true, applicationId });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toEqual([{ path: 'body.applicationId', message: 'used already' }]);
    expect(await t.database.db.planApplication.count({ where: { id: applicationId } })).toBe(1);
    expect((await planAccounts(planId)).length).toBe(rows);
    const malformed = await apply(author.key, `/plans/${planId}/apply`, { all: true, applicationId: 'not-a-uuid' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('body.applicationId');
  });

  test('when the same plan is applied again then nothing is added and no row is duplicated', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const first = await apply(author.key, `/plans/${planId}/apply`, { accountIds: chosen.slice(0, 2) });
    expect(first.body).toMatchObject({ matched: 2, added: 2 });
    const again = await apply(author.key, `/plans/${planId}/apply`, { accountIds: chosen });
    expect(again.body).toMatchObject({ state: 'COMPLETED', matched: 3, added: 1, alreadyApplied: 2 });
    const thrice = await apply(author.key, `/plans/${planId}/apply`, { accountIds: chosen });
    expect(thrice.body).toMatchObject({ state: 'COMPLETED', matched: 3, added: 0, alreadyApplied: 3 });
    const rows = await planAccounts(planId);
    expect(rows).toHaveLength(3);
    // Each row keeps the application that added it.
    expect(rows.filter((row) => row.applicationId === first.body.applicationId)).toHaveLength(2);
  });

  test('when an objective is applied to a segment then its accounts (with a matching contact, not archived) get it, each once', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const objective = await t.request.post(`/api/v1/plans/${planId}/objectives`).set(auth(author.key)).send({ name: 'Visit buyers', kind: 'VISITS', target: 2, unit: 'visits' });
    const segmentId = await buyerSegment();
    const response = await apply(author.key, `/objectives/${objective.body.id}/apply`, { segmentId });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ state: 'COMPLETED', matched: 4, added: 4, alreadyApplied: 0 });
    const rows = await t.database.db.objectiveAccount.findMany({ where: { objectiveId: objective.body.id } });
    expect(rows.map((row) => row.accountId).sort()).toEqual([...buyers].sort());
    expect(await t.database.db.planAccount.count({ where: { planId } })).toBe(0);
    const again = await apply(author.key, `/objectives/${objective.body.id}/apply`, { segmentId });
    expect(again.body).toMatchObject({ matched: 4, added: 0, alreadyApplied: 4 });
    const progress = await t.request.get(`/api/v1/plan-applications/${response.body.applicationId}`).set(auth(author.key));
    expect(progress.body).toMatchObject({ planId: null, objectiveId: objective.body.id, target: { kind: 'segment', segmentId }, state: 'COMPLETED', matched: 4, added: 4 });
  });

  test('when a plan is applied to all accounts then every account that is not archived gets it', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const response = await apply(admin.key, `/plans/${planId}/apply`, { all: true });
    const live = await liveAccounts();
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ state: 'COMPLETED', matched: live, added: live });
    const applied = new Set((await planAccounts(planId)).map((row) => row.accountId));
    expect(applied.size).toBe(live);
    for (const id of [...chosen, ...buyers]) expect(applied.has(id)).toBe(true);
    for (const id of archived) expect(applied.has(id)).toBe(false);
  });

  test('when 10,000 account ids are sent as JSON, or ids as CSV, then they are applied', async () => {
    const db = t.database.db;
    const bulk = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO accounts (id, name, status, fields, created_at, updated_at)
      SELECT gen_random_uuid(), 'Bulk ' || i, 'NEW', '{}', now(), now() FROM generate_series(1, 10000) i RETURNING id::text AS id`;
    const planId = await seedPlan(db, author.id);
    const response = await apply(author.key, `/plans/${planId}/apply`, { accountIds: bulk.map((row) => row.id) });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ state: 'COMPLETED', matched: 10_000, added: 10_000 });
    expect(await db.planAccount.count({ where: { planId } })).toBe(10_000);

    const csvPlan = await seedPlan(db, author.id);
    const csv = await t.request.post(`/api/v1/plans/${csvPlan}/apply`).set(auth(author.key)).set('Content-Type', 'text/csv').send(`accountId\n${chosen.join('\n')}\n`);
    expect(csv.status).toBe(201);
    applications.push(csv.body.applicationId);
    expect(csv.body).toMatchObject({ matched: 3, added: 3 });
    // Archived again so the other tests' "all" counts stay small and exact.
    await db.account.updateMany({ where: { name: { startsWith: 'Bulk ' } }, data: { archivedAt: new Date() } });
  });

  test('when unknown or archived account ids are given then a 400 lists each by id and nothing is applied', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const before = await t.database.db.planApplication.count();
    const response = await apply(author.key, `/plans/${planId}/apply`, { accountIds: [chosen[0], unknown, archived[0]] });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([
      { path: 'body.accountIds.1', message: `unknown or archived account ${unknown}` },
      { path: 'body.accountIds.2', message: `unknown or archived account ${archived[0]}` },
    ]);
    expect(response.body.error.message).toContain(unknown);
    expect(await planAccounts(planId)).toEqual([]);
    expect(await t.database.db.planApplication.count()).toBe(before);
  });

  test('when the target is not exactly one of accountIds, segmentId, all, or the segment is unknown, then 400', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, {})).body)).toEqual(['body.accountIds']);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, { all: true, segmentId: chosen[0] })).body)).toEqual(['body.all', 'body.segmentId']);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, { all: false })).body)).toEqual(['body.all']);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, { accountIds: [] })).body)).toEqual(['body.accountIds']);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, { accountIds: ['nope'] })).body)).toEqual(['body.accountIds.0']);
    const tooMany = Array.from({ length: 10_001 }, () => chosen[0]);
    expect(paths((await apply(author.key, `/plans/${planId}/apply`, { accountIds: tooMany })).body)).toEqual(['body.accountIds']);
    const unknownSegment = await apply(author.key, `/plans/${planId}/apply`, { segmentId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownSegment.status).toBe(400);
    expect(paths(unknownSegment.body)).toEqual(['body.segmentId']);
    expect(await planAccounts(planId)).toEqual([]);
  });

  test('when the plan is EXPIRED or REJECTED then applying it or its objective is a 409; unknown is 404; not the author is 403', async () => {
    for (const status of ['EXPIRED', 'REJECTED'] as const) {
      const planId = await seedPlan(t.database.db, author.id, 'APPROVED');
      const objective = await t.database.db.objective.create({ data: { planId, name: 'o', kind: 'K', target: 1, unit: 'u' }, select: { id: true } });
      await t.database.db.plan.update({ where: { id: planId }, data: { status } });
      const plan = await apply(author.key, `/plans/${planId}/apply`, { all: true });
      expect(plan.status).toBe(409);
      expect(plan.body.error.code).toBe('CONFLICT');
      expect((await apply(author.key, `/objectives/${objective.id}/apply`, { all: true })).status).toBe(409);
      expect(await planAccounts(planId)).toEqual([]);
      expect(await t.database.db.objectiveAccount.count({ where: { objectiveId: objective.id } })).toBe(0);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await apply(author.key, `/plans/${unknown}/apply`, { all: true })).status).toBe(404);
    expect((await apply(author.key, `/objectives/${unknown}/apply`, { all: true })).status).toBe(404);
    expect((await t.request.get(`/api/v1/plan-applications/${unknown}`).set(auth(author.key))).status).toBe(404);
    const planId = await seedPlan(t.database.db, author.id);
    expect((await apply(other.key, `/plans/${planId}/apply`, { all: true })).status).toBe(403);
  });

  test('when many accounts are applied in small chunks then progress adds up and the workflow ran one local activity per chunk', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const live = await liveAccounts();
    const application = await t.database.db.planApplication.create({ data: { planId, target: { all: true }, byUserId: author.id }, select: { id: true } });
    const handle = await t.temporal.client.workflow.start(applyToAccountsWorkflow, {
      workflowId: applyWorkflowId(application.id), taskQueue: t.temporal.taskQueue, args: [{ applicationId: application.id, chunkSize: 3 }],
    });
    applications.push(application.id);
    expect(await handle.result()).toEqual({ state: 'COMPLETED', matched: live, added: live, error: null });
    const row = await t.database.db.planApplication.findUniqueOrThrow({ where: { id: application.id } });
    expect(row).toMatchObject({ state: 'COMPLETED', matched: live, added: live, error: null });
    expect(await t.database.db.planAccount.count({ where: { planId } })).toBe(live);
    const history = await handle.fetchHistory();
    const localActivities = history.events!.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity');
    expect(localActivities).toHaveLength(Math.floor(live / 3) + 1);
    // Started RUNNING by whoever starts it; the run records how it ended for admins to find.
    expect((await handle.describe()).typedSearchAttributes.get(applyStateKey)).toBe('COMPLETED');
    expect(history.events!.some((event) => event.activityTaskScheduledEventAttributes || event.startChildWorkflowExecutionInitiatedEventAttributes || event.signalExternalWorkflowExecutionInitiatedEventAttributes)).toBe(false);
    await recordHistory(handle, 'apply-to-accounts', 'chunked');
  });

  test('when applying fails then the application is FAILED with the error', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    const application = await t.database.db.planApplication.create({
      data: { planId, target: { segmentId: '00000000-0000-4000-8000-000000000000' }, byUserId: author.id }, select: { id: true },
    });
    const handle = await t.temporal.client.workflow.start(applyToAccountsWorkflow, {
      workflowId: applyWorkflowId(application.id), taskQueue: t.temporal.taskQueue, args: [{ applicationId: application.id }],
    });
    applications.push(application.id);
    expect(await handle.result()).toMatchObject({ state: 'FAILED', error: expect.stringContaining('No segment') });
    const progress = await t.request.get(`/api/v1/plan-applications/${application.id}`).set(auth(author.key));
    expect(progress.body).toMatchObject({ state: 'FAILED', error: expect.stringContaining('No segment'), finishedAt: expect.any(String) });
  });

  test('when applications ran then Temporal ran exactly one workflow per application, never one per account', async () => {
    expect(applications.length).toBeGreaterThan(5);
    await eventually(async () => {
      const ran: string[] = [];
      for await (const workflow of t.temporal.client.workflow.list({ query: `TaskQueue = '${t.temporal.taskQueue}'` })) ran.push(workflow.workflowId);
      expect(ran.sort()).toEqual(applications.map(applyWorkflowId).sort());
    });
  });
});
