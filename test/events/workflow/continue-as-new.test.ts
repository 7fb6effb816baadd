import { signalEventMailQueued } from '../../../src/events/event-workflow-client';
import { eventWorkflow } from '../../../workflows/event.workflow';
import { eventWorkflowId } from '../../../workflows/event.messages';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { receivedMail, waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { eventWhen, registration, scheduledEvent, secondsFromNow, temporalOf } from './helpers';

let t: TestApp;
let ownerId: string;

beforeAll(async () => {
  t = await startTestApp();
  ownerId = (await t.userWithKey('marketer')).id;
});
afterAll(() => t.close());

test('when mail signals make the history long then the workflow continues as new, loses no e-mail and keeps its dated steps', async () => {
  const tag = `long${Date.now()}`;
  const closesAt = secondsFromNow(8);
  const event = await scheduledEvent(t, ownerId, { registrationClosesAt: closesAt, startsAt: secondsFromNow(600), endsAt: secondsFromNow(900) });
  // Started by hand with a tiny threshold, as POST /schedule would start it with the real one.
  const handle = await t.temporal.client.workflow.start(eventWorkflow, {
    workflowId: eventWorkflowId(event.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ eventId: event.id, continueAsNewAfterEvents: 40 }],
  });
  await eventWhen(t, event.id, (row) => expect(row.registrationOpenedAt).not.toBeNull());

  const people = [];
  for (let round = 0; round < 40; round++) {
    const person = await registration(t, event.id, 'REGISTERED', tag);
    await t.database.db.outboundEmail.create({
      data: {
        dedupeKey: `event.confirmation:${person.id}:1`,
        kind: 'EVENT_EMAIL',
        templateKey: 'event.confirmation',
        eventId: event.id,
        eventRegistrationId: person.id,
        accountId: person.accountId,
        why: { eventId: event.id, registrationId: person.id },
      },
    });
    await signalEventMailQueued(temporalOf(t), event.id);
    people.push(person);
  }

  const mails = await waitForMail((mail) => mail.subject === `You are registered: ${event.name}`, people.length);
  expect(mails.map((mail) => mail.to[0]).sort()).toEqual(people.map((person) => person.email).sort());
  const closed = await eventWhen(t, event.id, (row) => expect(row.registrationClosedAt).not.toBeNull());
  expect(closed.registrationClosedAt!.getTime()).toBeGreaterThanOrEqual(closesAt.getTime());
  await eventually(async () => {
    const runs: string[] = [];
    for await (const execution of t.temporal.client.workflow.list({ query: `WorkflowId = '${eventWorkflowId(event.id)}'` })) runs.push(execution.runId);
    expect(runs.length).toBeGreaterThan(1);
  });
  expect((await t.temporal.client.workflow.getHandle(eventWorkflowId(event.id)).describe()).status.name).toBe('RUNNING');
  expect((await receivedMail()).filter((mail) => mail.subject === `You are registered: ${event.name}`)).toHaveLength(people.length);
  // The first run, up to its continue-as-new.
  await recordHistory(t.temporal.client.workflow.getHandle(eventWorkflowId(event.id), handle.firstExecutionRunId), 'event', 'continued-as-new');
});
