import { signalEventChanged } from '../../../src/events/event-workflow-client';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { startTestApp, type TestApp } from '../../support/test-app';
import { eventWhen, scheduledEvent, secondsFromNow, startWorkflow, temporalOf } from './helpers';

let t: TestApp;
let ownerId: string;

beforeAll(async () => {
  t = await startTestApp();
  ownerId = (await t.userWithKey('marketer')).id;
});
afterAll(() => t.close());

test('when registration has opening and closing times then the workflow opens it and closes it at those times', async () => {
  const opensAt = secondsFromNow(2);
  const closesAt = secondsFromNow(4);
  const event = await scheduledEvent(t, ownerId, { registrationOpensAt: opensAt, registrationClosesAt: closesAt, startsAt: secondsFromNow(600), endsAt: secondsFromNow(900) });
  await startWorkflow(t, event);

  const opened = await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());
  expect(opened.registrationOpenedAt!.getTime()).toBeGreaterThanOrEqual(opensAt.getTime());
  expect(opened.registrationClosedAt).toBeNull();
  const closed = await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).not.toBeNull());
  expect(closed.registrationClosedAt!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
  expect(closed.registrationOpenedAt).toEqual(opened.registrationOpenedAt);
  expect(closed.status).toBe('SCHEDULED');
});

test('when an event without an opening time is scheduled then registration opens at once and closes at the start', async () => {
  const startsAt = secondsFromNow(3);
  const event = await scheduledEvent(t, ownerId, { startsAt, endsAt: secondsFromNow(600) });
  await startWorkflow(t, event);

  const opened = await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());
  expect(opened.registrationOpenedAt!.getTime()).toBeLessThan(startsAt.getTime());
  const closed = await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).not.toBeNull());
  expect(closed.registrationClosedAt!.getTime()).toBeGreaterThanOrEqual(startsAt.getTime());
});

test('when the closing time moves later before and after it passed then the stale timer does nothing and a closed registration re-opens', async () => {
  const event = await scheduledEvent(t, ownerId, { registrationClosesAt: secondsFromNow(3), startsAt: secondsFromNow(600), endsAt: secondsFromNow(900) });
  const handle = await startWorkflow(t, event);
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());

  // Moved before the first close fired: the timer armed for it finds nothing due.
  const movedClose = secondsFromNow(6);
  await t.database.db.event.update({ where: { id: event.id }, data: { registrationClosesAt: movedClose } });
  await signalEventChanged(temporalOf(t), event.id);
  const closed = await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).not.toBeNull(), 15_000);
  expect(closed.registrationClosedAt!.getTime()).toBeGreaterThanOrEqual(movedClose.getTime());

  // Moved back into the future after it closed: open again until the new time.
  const reopenedUntil = secondsFromNow(4);
  await t.database.db.event.update({ where: { id: event.id }, data: { registrationClosesAt: reopenedUntil } });
  await signalEventChanged(temporalOf(t), event.id);
  await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).toBeNull());
  const closedAgain = await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).not.toBeNull());
  expect(closedAgain.registrationClosedAt!.getTime()).toBeGreaterThanOrEqual(reopenedUntil.getTime());

  // What an admin types in the Temporal UI to find scheduled events.
  await eventually(async () => {
    const found: string[] = [];
    for await (const run of t.temporal.client.workflow.list({ query: `WorkflowType = 'eventWorkflow' AND CrmEventStatus = 'SCHEDULED' AND WorkflowId = '${handle.workflowId}'` })) found.push(run.workflowId);
    expect(found).toEqual([handle.workflowId]);
  });
  const description = await handle.describe();
  expect(await description.staticSummary()).toBe(`Event: ${event.name}`);
  expect(description.status.name).toBe('RUNNING');
  await recordHistory(handle, 'event', 'registration-window-moved');
});
