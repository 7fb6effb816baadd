import type { Outcome } from './lifecycle';
import { RuleDefinition, type RuleDefinitionInput } from './rule.schemas';

// Outcomes that mean the client spoke with us: a pending re-contact is pointless after them.
const contactOutcomes: Outcome[] = ['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED'];

const recontactIn90Days = [
  // Cancel first: a second refusal restarts the 90 days instead of adding a second timer.
  { kind: 'cancel_timers', timerKinds: ['recontact'] },
  {
    kind: 'start_timer',
    timerKind: 'recontact',
    after: { after: 'P90D' },
    onFire: [
      {
        kind: 'create_task',
        taskType: 'RECONTACT',
        title: 'Re-contact the client: they may be interested now',
        due: { after: 'P1D', businessDays: true, at: '10:00' },
        assignTo: 'owner',
      },
    ],
  },
] as const satisfies RuleDefinitionInput['actions'];

/**
 * SPEC.md's process as data, installed on first start. "Take into work" (NEW to POTENTIAL) is
 * the manual action, not a rule. Priorities: cancellations (10) run before anything that could
 * start a timer in the same event, then status changes (20, 30), then tasks (50), so a
 * refusal logged with a contact outcome would still leave its fresh re-contact timer running.
 */
const definitions: RuleDefinitionInput[] = [
  {
    key: 'cancel-recontact-on-contact',
    name: 'A new contact from the client cancels the pending re-contact',
    priority: 10,
    trigger: { kind: 'activity_logged', outcomes: contactOutcomes },
    actions: [{ kind: 'cancel_timers', timerKinds: ['recontact'] }],
  },
  {
    key: 'contact-established',
    name: 'A call, meeting or e-mail that reached the client establishes contact (again, after a refusal)',
    priority: 20,
    trigger: { kind: 'activity_logged', activityTypes: ['CALL', 'MEETING', 'EMAIL'], outcomes: ['CONTACT_MADE', 'INTERESTED'] },
    // A refused or lost client who shows interest again is back in the funnel.
    conditions: [{ kind: 'status_in', statuses: ['POTENTIAL', 'REFUSED', 'LOST'] }],
    actions: [{ kind: 'set_status', status: 'CONTACT_ESTABLISHED' }],
  },
  {
    key: 'meeting-held',
    name: 'A meeting that took place',
    priority: 20,
    trigger: { kind: 'activity_logged', activityTypes: ['MEETING'], outcomes: ['MEETING_HELD'] },
    conditions: [{ kind: 'status_in', statuses: ['POTENTIAL', 'CONTACT_ESTABLISHED'] }],
    actions: [{ kind: 'set_status', status: 'MEETING_HELD' }],
  },
  {
    key: 'contract-signed',
    name: 'A signed contract',
    priority: 20,
    trigger: { kind: 'activity_logged', outcomes: ['CONTRACT_SIGNED'] },
    // A signature is the strongest proof of contact: a walk-in client who signs at the first meeting
    // (POTENTIAL), or a refused or lost one who comes back and signs, is CONTRACT_SIGNED at once, as
    // meeting-held moves POTENTIAL straight to MEETING_HELD. A CLIENT's new contract leaves it CLIENT.
    conditions: [{ kind: 'status_in', statuses: ['POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'REFUSED', 'LOST'] }],
    actions: [{ kind: 'set_status', status: 'CONTRACT_SIGNED' }],
  },
  {
    key: 'payment-confirmed',
    name: 'A payment confirmed by fax or e-mail makes a client',
    priority: 20,
    trigger: { kind: 'activity_logged', activityTypes: ['FAX', 'EMAIL'], outcomes: ['PAYMENT_CONFIRMED'] },
    conditions: [{ kind: 'status_in', statuses: ['CONTRACT_SIGNED'] }],
    actions: [{ kind: 'set_status', status: 'CLIENT' }],
  },
  {
    key: 'refusal-former-client',
    name: 'A client (or former client) who refuses is LOST, with a re-contact in 90 days',
    priority: 30,
    trigger: { kind: 'activity_logged', outcomes: ['REFUSED'] },
    conditions: [{ kind: 'was_client', value: true }],
    actions: [{ kind: 'set_status', status: 'LOST' }, ...recontactIn90Days],
  },
  {
    key: 'refusal',
    name: 'A refusal from someone who never was a client, with a re-contact in 90 days',
    priority: 30,
    trigger: { kind: 'activity_logged', outcomes: ['REFUSED'] },
    conditions: [{ kind: 'was_client', value: false }],
    actions: [{ kind: 'set_status', status: 'REFUSED' }, ...recontactIn90Days],
  },
  {
    key: 'next-step-task',
    name: 'The next step planned with the activity becomes a task',
    priority: 50,
    trigger: { kind: 'activity_logged' },
    conditions: [{ kind: 'next_step_given', value: true }],
    actions: [{ kind: 'create_next_step_task' }],
  },
  {
    key: 'follow-up-without-next-step',
    name: 'No next step planned after a contact or an attempt: a follow-up anyway',
    priority: 50,
    trigger: { kind: 'activity_logged', outcomes: ['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'NO_ANSWER'] },
    conditions: [{ kind: 'next_step_given', value: false }],
    actions: [
      {
        kind: 'create_task',
        taskType: 'FOLLOW_UP',
        title: 'Follow up and plan the next step',
        due: { after: 'P2D', businessDays: true, at: '10:00' },
        assignTo: 'owner',
      },
    ],
  },
  {
    key: 'correct-contact-details',
    name: 'A wrong number or a missing company: correct the contact details',
    priority: 50,
    trigger: { kind: 'activity_logged', outcomes: ['WRONG_NUMBER', 'COMPANY_NOT_FOUND'] },
    actions: [
      {
        kind: 'create_task',
        taskType: 'CORRECT_CONTACT_DETAILS',
        title: 'Correct the contact details (or archive the record if it is junk)',
        due: { after: 'P1D', businessDays: true },
        assignTo: 'owner',
      },
    ],
  },
  {
    key: 'escalate-overdue-task',
    name: "A task still open 24 hours after its due time goes to the owner's manager",
    priority: 100,
    trigger: { kind: 'task_overdue', after: 'PT24H' },
    actions: [{ kind: 'notify', recipient: 'owner_manager', message: 'A task is still open 24 hours after its due time' }],
  },
];

// Parsed at load: defaults filled in, and a broken default set fails at start, not on an event.
export const defaultRules: RuleDefinition[] = definitions.map((definition) => RuleDefinition.parse(definition));
