import { RuleDefinition, TimeZone } from '../../src/rules/rule.schemas';

const base = { key: 'follow-up', name: 'Follow up', trigger: { kind: 'activity_logged' } };
const task = { kind: 'create_task', taskType: 'FOLLOW_UP', title: 'Call back', due: { after: 'P2D' }, assignTo: 'owner' };
const problems = (input: unknown) => {
  const result = RuleDefinition.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('RuleDefinition', () => {
  test('when only the required fields are given then the defaults apply', () => {
    expect(RuleDefinition.parse({ ...base, actions: [task] })).toEqual({
      ...base,
      enabled: true,
      priority: 100,
      conditions: [],
      actions: [{ ...task, due: { after: 'P2D', businessDays: false } }],
    });
  });

  test('when every trigger, condition and action kind is used then the rule is accepted', () => {
    const triggers = [
      { kind: 'activity_logged', activityTypes: ['CALL'], outcomes: ['NO_ANSWER'] },
      { kind: 'status_entered', statuses: ['CLIENT'] },
      { kind: 'task_overdue', taskTypes: ['CALL'], after: 'PT24H' },
    ];
    const conditions = [
      { kind: 'status_in', statuses: ['POTENTIAL'] },
      { kind: 'status_not_in', statuses: ['LOST'] },
      { kind: 'segment_in', segments: ['pharma'] },
      { kind: 'owner_set', value: true },
      { kind: 'field_equals', field: 'region', value: 'north' },
      { kind: 'was_client', value: false },
    ];
    const actions = [
      { kind: 'set_status', status: 'REFUSED' },
      task,
      { kind: 'start_timer', timerKind: 'recontact', after: { after: 'P90D' }, onFire: [task, { kind: 'notify', recipient: 'owner', message: 'Hi' }] },
      { kind: 'cancel_timers', timerKinds: ['recontact'] },
      { kind: 'send_email', templateKey: 'thanks', to: 'primary_contact' },
      { kind: 'notify', recipient: 'owner_manager', message: 'Look' },
    ];
    for (const trigger of triggers) expect(problems({ ...base, trigger, conditions, actions })).toEqual([]);
    const nextStep = { ...base, conditions: [{ kind: 'next_step_given', value: true }], actions: [{ kind: 'create_next_step_task' }] };
    expect(problems(nextStep)).toEqual([]);
  });

  test('when unknown keys or kinds are sent then each is named', () => {
    expect(problems({ ...base, actions: [task], colour: 'red' })).toEqual([': Unrecognized key: "colour"']);
    expect(problems({ ...base, trigger: { kind: 'sunrise' }, actions: [task] })).toEqual([
      "trigger.kind: Invalid discriminator value. Expected 'activity_logged' | 'status_entered' | 'task_overdue'",
    ]);
    expect(problems({ ...base, actions: [{ ...task, taskType: 'LUNCH' }] })[0]).toMatch(/^actions\.0\.taskType: Invalid option/);
  });

  test('when the key is not a slug or there is no action then the rule is refused', () => {
    expect(problems({ ...base, key: 'Follow Up', actions: [] })).toEqual([
      'key: must be a slug: lower-case letters and digits joined by hyphens',
      'actions: a rule must do at least one thing',
    ]);
  });

  test('when a filter list is empty then the error says to omit it', () => {
    expect(problems({ ...base, trigger: { kind: 'activity_logged', outcomes: [] }, actions: [task] })).toEqual([
      'trigger.outcomes: must list at least one value (omit outcomes to match any)',
    ]);
  });

  test('when a rule sets NEW or POTENTIAL, even from a timer, then it is refused with the reason', () => {
    const timer = { kind: 'start_timer', timerKind: 'reset', after: { after: 'P1D' }, onFire: [{ kind: 'set_status', status: 'NEW' }] };
    expect(problems({ ...base, actions: [{ kind: 'set_status', status: 'POTENTIAL' }, timer] })).toEqual([
      'actions.0.status: POTENTIAL is set only by taking an account into work',
      'actions.1.onFire.0.status: NEW is set only when an account is created or imported',
    ]);
  });

  test('when a status_entered rule sets a status it is triggered by then it is refused as a loop', () => {
    const trigger = { kind: 'status_entered', statuses: ['REFUSED', 'LOST'] };
    expect(problems({ ...base, trigger, actions: [{ kind: 'set_status', status: 'LOST' }] })).toEqual([
      'actions.0.status: entering LOST would trigger this rule again: a loop',
    ]);
  });

  test('when a rule sets two statuses then the second is refused', () => {
    const actions = [{ kind: 'set_status', status: 'LOST' }, { kind: 'set_status', status: 'REFUSED' }];
    expect(problems({ ...base, actions })).toEqual(['actions.1: a rule sets at most one status']);
  });

  test('when an overdue-task rule reads a next step then it is refused', () => {
    const trigger = { kind: 'task_overdue', after: 'PT24H' };
    expect(problems({ ...base, trigger, conditions: [{ kind: 'next_step_given', value: true }], actions: [{ kind: 'create_next_step_task' }] })).toEqual([
      'actions.0: an overdue task has no next step: use create_task',
      'conditions.0: an overdue task has no next step to test',
    ]);
  });

  test('when a timer does nothing or its duration is bad then the problem is named', () => {
    expect(problems({ ...base, actions: [{ kind: 'start_timer', timerKind: 'x', after: { after: 'P1M', businessDays: true }, onFire: [] }] })).toEqual([
      'actions.0.after.after: "P1M" counts business days, so it must be whole days or weeks (PnD or PnW)',
      'actions.0.onFire: a timer must do at least one thing when it fires',
    ]);
    expect(problems({ ...base, trigger: { kind: 'task_overdue', after: 'tomorrow' }, actions: [task] })).toEqual([
      'trigger.after: "tomorrow" is not an ISO 8601 duration (examples: P90D, PT2H, P1W, P1DT12H)',
    ]);
  });
});

describe('TimeZone', () => {
  test('when the zone is IANA then it is accepted, else the message names it', () => {
    expect(TimeZone.parse('Europe/Paris')).toBe('Europe/Paris');
    expect(TimeZone.safeParse('Paris').error?.issues[0].message).toBe('"Paris" is not an IANA time zone (for example Europe/Paris)');
  });
});
