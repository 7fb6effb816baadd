import { recordHistory } from '../../support/histories';
import { receivedMail, waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { eventWhen, scheduledEvent, secondsFromNow, signalChangedAndAwaitPlan, startWorkflow } from './helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const onTheDay = { days: 0, unit: 'days', relativeTo: 'start', direction: 'before' } as const;

test('when the event is scheduled then its PLANNED tasks open with their due dates, and a task overdue by EVENT_TASK_ESCALATE_AFTER is escalated once to the assignee’s manager, else the owner', async () => {
  const owner = await t.userWithKey('marketer');
  const manager = await t.userWithKey('manager');
  const assignee = await t.userWithKey('marketer');
  const loner = await t.userWithKey('marketer');
  await t.database.db.user.update({ where: { id: assignee.id }, data: { managerId: manager.id } });
  const startsAt = secondsFromNow(3);
  const event = await scheduledEvent(t, owner.id, {
    startsAt,
    endsAt: secondsFromNow(3600),
    tasks: {
      create: [
        { title: 'Print badges', assigneeId: assignee.id, due: onTheDay, position: 0 },
        { title: 'Book the caterer', assigneeId: loner.id, due: onTheDay, position: 1 },
        { title: 'Thank the speakers', assigneeId: assignee.id, due: { days: 2, unit: 'days', relativeTo: 'end', direction: 'after' }, position: 2 },
        { title: 'Done in time', assigneeId: assignee.id, due: onTheDay, position: 3 },
      ],
    },
  });
  const handle = await startWorkflow(t, event);

  const opened = await eventWhen(t, event.id, (row) => expect(row.tasks.map((task) => task.state)).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN']));
  expect(opened.tasks.map((task) => task.dueAt)).toEqual([startsAt, startsAt, new Date(opened.endsAt!.getTime() + 2 * 86_400_000), startsAt]);
  await t.database.db.eventTask.update({ where: { id: opened.tasks[3].id }, data: { state: 'DONE', completedAt: new Date() } });

  const escalated = await eventWhen(t, event.id, (row) => expect(row.tasks.map((task) => task.escalatedAt !== null)).toEqual([true, true, false, false]));
  expect(escalated.tasks[0].escalatedAt!.getTime()).toBeGreaterThanOrEqual(startsAt.getTime() + 1000);
  const notifications = await t.database.db.notification.findMany({ where: { why: { path: ['eventId'], equals: event.id } }, orderBy: { message: 'asc' } });
  expect(notifications.map((notification) => [notification.recipientId, notification.message])).toEqual([
    [owner.id, expect.stringContaining(`Task "Book the caterer" of event "${event.name}" is overdue`)],
    [manager.id, expect.stringContaining(`Task "Print badges" of event "${event.name}" is overdue`)],
  ]);
  const [mail] = await waitForMail((received) => received.subject?.includes(`Task "Print badges" of event "${event.name}"`) === true);
  expect(mail.to).toEqual([expect.stringMatching(/^manager-/)]);
  await waitForMail((received) => received.subject?.includes(`Task "Book the caterer" of event "${event.name}"`) === true);

  // Once: planning and running the steps again (as after any edit) escalates no task twice.
  await signalChangedAndAwaitPlan(t, event.id);
  const again = await t.database.db.notification.count({ where: { why: { path: ['eventId'], equals: event.id } } });
  expect(again).toBe(2);
  expect((await receivedMail()).filter((received) => received.subject?.includes(`of event "${event.name}"`))).toHaveLength(2);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  await recordHistory(handle, 'event', 'tasks-opened-escalated');
});

test('when a move makes an escalated task due later then it is escalated again once overdue again', async () => {
  const owner = await t.userWithKey('marketer');
  const event = await scheduledEvent(t, owner.id, { startsAt: secondsFromNow(2), endsAt: secondsFromNow(3600), tasks: { create: [{ title: 'Ship workbooks', due: onTheDay }] } });
  await startWorkflow(t, event);
  const [first] = (await eventWhen(t, event.id, (row) => expect(row.tasks[0].escalatedAt).not.toBeNull())).tasks;

  // As PATCH /events/:id does when the event moves: the due date recomputed, the escalation cleared, the workflow told.
  const movedDue = secondsFromNow(2);
  await t.database.db.eventTask.update({ where: { id: first.id }, data: { dueAt: movedDue, escalatedAt: null } });
  await signalChangedAndAwaitPlan(t, event.id);
  const [again] = (await eventWhen(t, event.id, (row) => expect(row.tasks[0].escalatedAt).not.toBeNull())).tasks;
  expect(again.escalatedAt!.getTime()).toBeGreaterThanOrEqual(movedDue.getTime() + 1000);
  const notified = await t.database.db.notification.findMany({ where: { why: { path: ['taskId'], equals: first.id } }, select: { recipientId: true, dedupeKey: true } });
  expect(notified.map((notification) => notification.recipientId)).toEqual([owner.id, owner.id]);
  expect(notified.map((notification) => notification.dedupeKey).sort()).toEqual([`event-task-escalation:${first.id}:${first.dueAt!.toISOString()}`, `event-task-escalation:${first.id}:${movedDue.toISOString()}`].sort());
});
