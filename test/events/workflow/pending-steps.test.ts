import { pendingEventSteps } from '../../../activities/event/pending-steps';
import type { EscalatableTask, EventStepRow } from '../../../activities/event/event-step-row';

const now = new Date('2026-12-10T10:00:00Z');
const at = (iso: string) => new Date(iso);

const scheduled = (data: Partial<EventStepRow> = {}): EventStepRow => ({
  id: 'e1',
  name: 'Customer day',
  status: 'SCHEDULED',
  ownerId: 'u1',
  timeZone: 'Europe/Berlin',
  startsAt: at('2026-12-20T13:00:00Z'),
  endsAt: at('2026-12-20T17:00:00Z'),
  registrationOpensAt: null,
  registrationClosesAt: null,
  registrationOpenedAt: at('2026-12-01T09:00:00Z'),
  registrationClosedAt: null,
  reminderBefore: null,
  remindersSentAt: null,
  ...data,
});
const task = (escalateAt: string): EscalatableTask => ({ id: 't1', title: 'Badges', assigneeId: null, dueAt: at('2026-12-09T10:00:00Z'), escalateAt: at(escalateAt) });
const steps = (event: EventStepRow, tasks: EscalatableTask[] = []) => pendingEventSteps(event, tasks, now).map((step) => [step.step, step.at.toISOString()]);

test('when a scheduled event is open then its close (at the start), reminder (in its zone) and end are ahead, soonest first', () => {
  expect(steps(scheduled({ reminderBefore: 'P1D' }))).toEqual([
    ['reminders', '2026-12-19T13:00:00.000Z'],
    ['registration-close', '2026-12-20T13:00:00.000Z'],
    ['end', '2026-12-20T17:00:00.000Z'],
  ]);
});

test('when the opening time is ahead then the opening is a step at that time, and an opened registration whose opening moved later is closed again at once', () => {
  expect(steps(scheduled({ registrationOpenedAt: null, registrationOpensAt: at('2026-12-12T08:00:00Z') }))[0]).toEqual(['registration-open', '2026-12-12T08:00:00.000Z']);
  expect(steps(scheduled({ registrationOpensAt: at('2026-12-12T08:00:00Z') }))[0]).toEqual(['registration-open', now.toISOString()]);
});

test('when a closed registration’s close moves back into the future then re-opening it is due at once', () => {
  expect(steps(scheduled({ registrationClosedAt: at('2026-12-09T00:00:00Z'), registrationClosesAt: at('2026-12-15T00:00:00Z') }))[0]).toEqual(['registration-close', now.toISOString()]);
});

test('when reminders were sent before the event moved later then they are due again, and never once the event has started', () => {
  const sent = { reminderBefore: 'PT2H', remindersSentAt: at('2026-12-09T00:00:00Z') };
  expect(steps(scheduled(sent)).map(([step]) => step)).toContain('reminders');
  expect(steps(scheduled({ ...sent, remindersSentAt: at('2026-12-20T11:00:00Z') })).map(([step]) => step)).not.toContain('reminders');
  const started = scheduled({ reminderBefore: 'PT2H', startsAt: at('2026-12-10T09:00:00Z'), registrationClosedAt: at('2026-12-10T09:00:00Z') });
  expect(steps(started).map(([step]) => step)).toEqual(['end']);
});

test('when the event is completed then only task escalations are left, and when cancelled nothing', () => {
  expect(steps(scheduled({ status: 'COMPLETED' }), [task('2026-12-22T10:00:00Z')])).toEqual([['task-escalation', '2026-12-22T10:00:00.000Z']]);
  expect(steps(scheduled({ status: 'CANCELLED' }), [task('2026-12-22T10:00:00Z')])).toEqual([]);
});
