import type { Client } from '@temporalio/client';
import supertest from 'supertest';
import { createApp } from '../../../src/api/app';
import { createLogger } from '../../../src/logger';
import { taskDueAt } from '../../../src/events/task-due';
import { eventually } from '../../support/eventually';
import { startTestApp, TEST_PUBLIC_URL, UNLIMITED_FOR_TESTS, type TestApp } from '../../support/test-app';
import { auth, createEvent, type EventBody, inDays, paths, type TaskBody, unique } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const weekends = { weekendDays: [6, 7], holidays: [] };
const twoDaysBefore = { days: 2, unit: 'days', relativeTo: 'start', direction: 'before' } as const;
const oneBusinessDayAfterEnd = { days: 1, unit: 'businessDays', relativeTo: 'end', direction: 'after' } as const;

const schedule = (id: string, user = marketer) => t.request.post(`/api/v1/events/${id}/schedule`).set(auth(user));
const patch = (id: string, body: Record<string, unknown>) => t.request.patch(`/api/v1/events/${id}`).set(auth(marketer)).send(body);
const read = async (id: string) => (await t.request.get(`/api/v1/events/${id}`).set(auth(manager))).body as EventBody;
const describeWorkflow = (id: string) => t.temporal.client.workflow.getHandle(`event-${id}`).describe();
/** Whether the event's workflow was told that the event changed. */
async function signalled(id: string): Promise<boolean> {
  const history = await t.temporal.client.workflow.getHandle(`event-${id}`).fetchHistory();
  return (history.events ?? []).some((entry) => entry.workflowExecutionSignaledEventAttributes?.signalName === 'eventChanged');
}

/** A scheduled event whose workflow has opened its tasks and registration. */
async function scheduledEvent(fields: Record<string, unknown> = {}) {
  const event = await createEvent(t, marketer, { tasks: [{ title: 'Print badges', assigneeId: marketer.id, due: twoDaysBefore }, { title: 'Send thanks', due: oneBusinessDayAfterEnd }], ...fields });
  const response = await schedule(event.id);
  expect(response.status).toBe(200);
  return eventually(async () => {
    const current = await read(event.id);
    expect(current.tasks.map((task) => task.state)).toEqual(['OPEN', 'OPEN']);
    expect(current.registrationOpen).toBe(true);
    return current;
  });
}

describe('POST /api/v1/events/:id/schedule', () => {
  test('when a DRAFT with future dates is scheduled then it is SCHEDULED, its workflow runs and opens the tasks with their due times', async () => {
    const event = await createEvent(t, marketer, { tasks: [{ title: 'Print badges', due: twoDaysBefore }] });
    const response = await schedule(event.id);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: event.id, status: 'SCHEDULED', workflowId: `event-${event.id}`, scheduledAt: expect.any(String) });
    expect((await describeWorkflow(event.id)).status.name).toBe('RUNNING');
    const opened = await eventually(async () => {
      const current = await read(event.id);
      expect(current.tasks[0].state).toBe('OPEN');
      expect(current.registrationOpen).toBe(true);
      return current;
    });
    const dates = { startsAt: new Date(event.startsAt!), endsAt: new Date(event.endsAt!), timeZone: 'Europe/Paris' };
    expect(opened.tasks[0].dueAt).toBe(taskDueAt(twoDaysBefore, dates, weekends).toISOString());
    expect((await schedule(event.id)).status).toBe(409);
  });

  test('when the dates are missing or past then the 400 names them and the event stays a DRAFT without a workflow', async () => {
    const undated = await createEvent(t, marketer, { startsAt: undefined, endsAt: undefined });
    const missing = await schedule(undated.id);
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['endsAt', 'startsAt']);
    const past = await createEvent(t, marketer, { startsAt: inDays(-2).toISOString(), endsAt: inDays(-2, 1).toISOString() });
    const late = await schedule(past.id);
    expect(late.status).toBe(400);
    expect(paths(late.body)).toEqual(['endsAt', 'startsAt']);
    expect((await read(past.id)).status).toBe('DRAFT');
    await expect(describeWorkflow(past.id)).rejects.toThrow();
  });

  test('when the workflow cannot start then the answer is 503 and the event is a DRAFT again', async () => {
    const down = { workflow: { start: () => Promise.reject(new Error('Temporal is unreachable')) } } as unknown as Client;
    const app = createApp({ db: t.database.db, temporal: { client: down, taskQueue: 'nowhere' }, logger: createLogger('silent') }, { publicUrl: TEST_PUBLIC_URL, rateLimits: UNLIMITED_FOR_TESTS });
    const event = await createEvent(t, marketer);
    const response = await supertest(app).post(`/api/v1/events/${event.id}/schedule`).set(auth(marketer));
    expect(response.status).toBe(503);
    expect(await read(event.id)).toMatchObject({ status: 'DRAFT', scheduledAt: null, workflowId: null });
  });

  test('when a manager schedules then it is forbidden', async () => {
    const event = await createEvent(t, marketer);
    expect((await schedule(event.id, manager)).status).toBe(403);
  });
});

describe('PATCH /api/v1/events/:id', () => {
  test('when a scheduled event moves then its open tasks get new due times, escalation is cleared and its bookings move', async () => {
    const event = await scheduledEvent();
    const db = t.database.db;
    await db.eventTask.updateMany({ where: { eventId: event.id }, data: { escalatedAt: new Date() } });
    // As if the workflow had closed registration already: the later close time opens it again.
    await db.event.update({ where: { id: event.id }, data: { registrationClosedAt: new Date() } });
    const room = await db.resource.create({ data: { name: unique('Room'), kind: 'FIXED' } });
    await db.resourceBooking.create({ data: { resourceId: room.id, eventId: event.id, startsAt: new Date(event.startsAt!), endsAt: new Date(event.endsAt!) } });

    const startsAt = inDays(13);
    const endsAt = inDays(13, 3);
    const response = await patch(event.id, { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
    expect(response.status).toBe(200);
    const dates = { startsAt, endsAt, timeZone: 'Europe/Paris' };
    expect(response.body.tasks.map((task: TaskBody) => [task.dueAt, task.escalatedAt])).toEqual([
      [taskDueAt(twoDaysBefore, dates, weekends).toISOString(), null],
      [taskDueAt(oneBusinessDayAfterEnd, dates, weekends).toISOString(), null],
    ]);
    expect(await db.resourceBooking.findFirst({ where: { eventId: event.id }, select: { startsAt: true, endsAt: true } })).toEqual({ startsAt, endsAt });
    expect(response.body.registrationOpen).toBe(true);
    expect((await describeWorkflow(event.id)).status.name).toBe('RUNNING');
    await eventually(async () => expect(await signalled(event.id)).toBe(true));
  });

  test('when a move clashes with another event’s booking of a fixed resource then 409 names it and nothing moves', async () => {
    const event = await scheduledEvent();
    const other = await createEvent(t, marketer, { name: unique('Other'), startsAt: inDays(20).toISOString(), endsAt: inDays(20, 4).toISOString() });
    const db = t.database.db;
    const room = await db.resource.create({ data: { name: unique('Room'), kind: 'FIXED' } });
    await db.resourceBooking.create({ data: { resourceId: room.id, eventId: event.id, startsAt: new Date(event.startsAt!), endsAt: new Date(event.endsAt!) } });
    await db.resourceBooking.create({ data: { resourceId: room.id, eventId: other.id, startsAt: new Date(other.startsAt!), endsAt: new Date(other.endsAt!) } });
    const before = await read(event.id);

    const response = await patch(event.id, { startsAt: inDays(20, 1).toISOString(), endsAt: inDays(20, 2).toISOString() });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(other.id);
    const after = await read(event.id);
    expect({ startsAt: after.startsAt, tasks: after.tasks }).toEqual({ startsAt: before.startsAt, tasks: before.tasks });
  });

  test('when a PATCH is bad for the event as stored then the error names the field', async () => {
    const event = await scheduledEvent();
    const empty = await patch(event.id, {});
    expect(empty.status).toBe(400);
    const undated = await patch(event.id, { startsAt: null });
    expect(undated.status).toBe(400);
    expect(paths(undated.body)).toEqual(['body.startsAt']);
    const backwards = await patch(event.id, { endsAt: inDays(9).toISOString() });
    expect(backwards.status).toBe(400);
    expect(paths(backwards.body)).toEqual(['body.endsAt']);
    const priced = await patch(event.id, { price: 12 });
    expect(paths(priced.body)).toEqual(['body.currency']);
    const strangerTask = await patch(event.id, { tasks: [{ id: '00000000-0000-4000-8000-000000000000', title: 'x', due: twoDaysBefore }] });
    expect(paths(strangerTask.body)).toEqual(['body.tasks.0.id']);
  });

  test('when lists are patched then items with an id keep it, a new task of a scheduled event is OPEN, missing ones go', async () => {
    const event = await scheduledEvent({ currency: 'EUR', costs: [{ label: 'Room', planned: 100 }, { label: 'Food', planned: 50 }] });
    const [badges] = event.tasks;
    const response = await patch(event.id, {
      name: 'Renamed',
      costs: [{ id: event.costs[1].id, label: 'Food', planned: 60, actual: 58.5 }],
      tasks: [{ id: badges.id, title: 'Print badges', assigneeId: marketer.id, due: twoDaysBefore }, { title: 'Call the caterer', due: { days: 3, unit: 'days', relativeTo: 'start', direction: 'before' } }],
    });
    expect(response.status).toBe(200);
    expect(response.body.costs).toEqual([{ id: event.costs[1].id, label: 'Food', category: null, planned: '60.00', actual: '58.50' }]);
    expect(response.body.tasks.map((task: TaskBody) => [task.title, task.state, task.eventName])).toEqual([
      ['Print badges', 'OPEN', 'Renamed'],
      ['Call the caterer', 'OPEN', 'Renamed'],
    ]);
    expect(response.body.tasks[0].id).toBe(badges.id);
    expect(response.body.tasks[1].dueAt).toBe(new Date(new Date(event.startsAt!).getTime() - 3 * 86_400_000).toISOString());
  });
});

describe('POST /api/v1/events/:id/cancel', () => {
  test('when a scheduled event is cancelled then it ends with its reason, its tasks are cancelled, its bookings released and its workflow told', async () => {
    const event = await scheduledEvent();
    const db = t.database.db;
    const workbooks = await db.resource.create({ data: { name: unique('Workbooks'), kind: 'CONSUMABLE', quantity: 80 } });
    await db.resourceBooking.create({ data: { resourceId: workbooks.id, eventId: event.id, quantity: 20, startsAt: new Date(event.startsAt!), endsAt: new Date(event.endsAt!) } });

    const missing = await t.request.post(`/api/v1/events/${event.id}/cancel`).set(auth(marketer)).send({});
    expect(paths(missing.body)).toEqual(['body.reason']);
    const response = await t.request.post(`/api/v1/events/${event.id}/cancel`).set(auth(marketer)).send({ reason: 'The speaker is ill' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'CANCELLED', endReason: 'The speaker is ill', endedAt: expect.any(String), registrationOpen: false });
    expect(response.body.tasks.map((task: TaskBody) => task.state)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(await db.resourceBooking.count({ where: { eventId: event.id } })).toBe(0);
    expect((await db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity).toBe(100);
    await eventually(async () => expect(await signalled(event.id)).toBe(true));

    expect((await t.request.post(`/api/v1/events/${event.id}/cancel`).set(auth(marketer)).send({ reason: 'again' })).status).toBe(409);
    expect((await patch(event.id, { name: 'too late' })).status).toBe(409);
  });
});

describe('event tasks', () => {
  test('when tasks are listed then mine come soonest first, and completing one marks it DONE by me', async () => {
    const person = await t.userWithKey('manager');
    const later = await createEvent(t, marketer, { startsAt: inDays(30).toISOString(), endsAt: inDays(30, 2).toISOString(), tasks: [{ title: 'Later', assigneeId: person.id, due: twoDaysBefore }] });
    const sooner = await createEvent(t, marketer, { tasks: [{ title: 'Sooner', assigneeId: person.id, due: twoDaysBefore }, { title: 'Not mine', due: twoDaysBefore }] });
    await Promise.all([schedule(later.id), schedule(sooner.id)]);
    const mine = await eventually(async () => {
      const response = await t.request.get('/api/v1/event-tasks').query({ assigneeId: 'me', state: 'OPEN' }).set(auth(person));
      expect(response.body.items.map((task: TaskBody) => task.title)).toEqual(['Sooner', 'Later']);
      return response.body.items as TaskBody[];
    });
    expect(mine[0]).toMatchObject({ eventId: sooner.id, eventName: sooner.name, assigneeId: person.id });

    const done = await t.request.post(`/api/v1/events/${sooner.id}/tasks/${mine[0].id}/complete`).set(auth(person));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: mine[0].id, state: 'DONE', completedAt: expect.any(String) });
    expect((await t.database.db.eventTask.findUniqueOrThrow({ where: { id: mine[0].id } })).completedById).toBe(person.id);
    const byId = await t.request.get('/api/v1/event-tasks').query({ assigneeId: person.id, state: 'DONE' }).set(auth(manager));
    expect(byId.body.items.map((task: TaskBody) => task.id)).toEqual([mine[0].id]);

    expect((await t.request.post(`/api/v1/events/${later.id}/tasks/${mine[0].id}/complete`).set(auth(person))).status).toBe(404);
    await t.request.post(`/api/v1/events/${later.id}/cancel`).set(auth(marketer)).send({ reason: 'No room' });
    expect((await t.request.post(`/api/v1/events/${later.id}/tasks/${mine[1].id}/complete`).set(auth(person))).status).toBe(409);
  });
});
