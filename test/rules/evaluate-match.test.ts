import { evaluateRules } from '../../src/rules/evaluate';
import type { RuleEvent } from '../../src/rules/decision';
import { activity, christmasEve, context, rule } from './rule-fixtures';

const note = { kind: 'notify', recipient: 'owner', message: 'matched' } as const;
const matches = (trigger: object, event: RuleEvent, ctx = context(), conditions: object[] = []) =>
  evaluateRules([rule({ key: 'probe', trigger: trigger as never, conditions: conditions as never, actions: [note] })], event, ctx).matchedRules;
const overdue = (type: 'CALL' | 'FOLLOW_UP', after?: string): RuleEvent => ({
  kind: 'task_overdue',
  task: { id: 'task-9', type, dueAt: new Date('2026-12-23T15:05:00Z') },
  ...(after ? { after } : {}),
});

describe('evaluateRules: triggers', () => {
  test('when an activity_logged trigger filters on types and outcomes then both must match', () => {
    const trigger = { kind: 'activity_logged', activityTypes: ['CALL', 'MEETING'], outcomes: ['NO_ANSWER'] };
    expect(matches(trigger, activity('CALL', 'NO_ANSWER'))).toHaveLength(1);
    expect(matches(trigger, activity('FAX', 'NO_ANSWER'))).toHaveLength(0);
    expect(matches(trigger, activity('CALL', 'REFUSED'))).toHaveLength(0);
  });

  test('when an activity has no outcome then only triggers without an outcome filter match it', () => {
    expect(matches({ kind: 'activity_logged' }, activity('NOTE', null))).toHaveLength(1);
    expect(matches({ kind: 'activity_logged', outcomes: ['NO_ANSWER'] }, activity('NOTE', null))).toHaveLength(0);
  });

  test('when the trigger matches then the decision describes the event that triggered it', () => {
    expect(matches({ kind: 'activity_logged' }, activity('CALL', 'NO_ANSWER'))[0]).toMatchObject({
      ruleKey: 'probe',
      ruleVersion: 1,
      trigger: 'CALL activity act-1 logged with outcome NO_ANSWER',
      depth: 0,
    });
  });

  test('when a task is overdue by more than the trigger delay then a task_overdue rule matches', () => {
    const ctx = context({ now: christmasEve }); // exactly 24 hours after the due time
    expect(matches({ kind: 'task_overdue', after: 'PT24H' }, overdue('CALL'), ctx)[0].trigger).toBe(
      'CALL task task-9 still open after its due time 2026-12-23 16:05 Europe/Paris',
    );
    expect(matches({ kind: 'task_overdue', after: 'PT25H' }, overdue('CALL'), ctx)).toHaveLength(0);
    expect(matches({ kind: 'task_overdue', after: 'PT1H', taskTypes: ['FOLLOW_UP'] }, overdue('CALL'), ctx)).toHaveLength(0);
    expect(matches({ kind: 'activity_logged' }, overdue('CALL'), ctx)).toHaveLength(0);
  });

  test('when the overdue check names its delay then only rules with that delay match', () => {
    const ctx = context({ now: new Date('2027-01-10T00:00:00Z') });
    expect(matches({ kind: 'task_overdue', after: 'PT24H' }, overdue('CALL', 'PT24H'), ctx)).toHaveLength(1);
    expect(matches({ kind: 'task_overdue', after: 'PT24H' }, overdue('CALL', 'P3D'), ctx)).toHaveLength(0);
  });

  test('when the status_entered trigger lists the entered status then it runs after the change', () => {
    const rules = [
      rule({ key: 'establish', trigger: { kind: 'activity_logged' }, actions: [{ kind: 'set_status', status: 'CONTACT_ESTABLISHED' }] }),
      rule({ key: 'welcome', trigger: { kind: 'status_entered', statuses: ['CONTACT_ESTABLISHED'] }, actions: [note] }),
      rule({ key: 'never', trigger: { kind: 'status_entered', statuses: ['CLIENT'] }, actions: [note] }),
    ];
    const decision = evaluateRules(rules, activity('CALL', 'CONTACT_MADE'), context());
    expect(decision.matchedRules.map((matched) => [matched.ruleKey, matched.depth])).toEqual([
      ['establish', 0],
      ['welcome', 1],
    ]);
    expect(decision.notifications[0].why.trigger).toBe(
      'status CONTACT_ESTABLISHED entered from POTENTIAL (rule establish v1, after CALL activity act-1 logged with outcome CONTACT_MADE)',
    );
  });
});

describe('evaluateRules: conditions', () => {
  const call = activity('CALL', 'NO_ANSWER');
  const nextStep = activity('CALL', 'NO_ANSWER', { type: 'MEETING', dueAt: new Date('2027-01-05T09:00:00Z') });
  const any = { kind: 'activity_logged' };

  test.each([
    ['status_in', { kind: 'status_in', statuses: ['POTENTIAL', 'CLIENT'] }, 'status POTENTIAL is one of POTENTIAL, CLIENT'],
    ['status_not_in', { kind: 'status_not_in', statuses: ['LOST'] }, 'status POTENTIAL is none of LOST'],
    ['segment_in', { kind: 'segment_in', segments: ['pharma', 'retail'] }, 'segment pharma is one of pharma, retail'],
    ['owner_set', { kind: 'owner_set', value: true }, 'the account has an owner'],
    ['next_step_given', { kind: 'next_step_given', value: false }, 'the activity planned no next step'],
    ['field_equals', { kind: 'field_equals', field: 'beds', value: 120 }, 'field beds is 120'],
    ['was_client', { kind: 'was_client', value: false }, 'the account has never been a CLIENT'],
  ])('when %s holds then the match lists it in words', (_kind, condition: object, description) => {
    const ctx = context({ account: { fields: { beds: 120 } } });
    expect(matches(any, call, ctx, [condition])[0].conditions).toEqual([description]);
  });

  test.each([
    ['status_in, status elsewhere', { kind: 'status_in', statuses: ['CLIENT'] }, context()],
    ['status_not_in, status listed', { kind: 'status_not_in', statuses: ['POTENTIAL'] }, context()],
    ['segment_in, other segment', { kind: 'segment_in', segments: ['retail'] }, context()],
    ['segment_in, no segment', { kind: 'segment_in', segments: ['retail'] }, context({ account: { segment: null } })],
    ['owner_set true, no owner', { kind: 'owner_set', value: true }, context({ account: { ownerId: null } })],
    ['owner_set false, an owner', { kind: 'owner_set', value: false }, context()],
    ['next_step_given true, none given', { kind: 'next_step_given', value: true }, context()],
    ['field_equals, "120" vs 120', { kind: 'field_equals', field: 'beds', value: 120 }, context({ account: { fields: { beds: '120' } } })],
    ['field_equals, field missing', { kind: 'field_equals', field: 'beds', value: 120 }, context()],
    ['was_client false, a former client', { kind: 'was_client', value: false }, context({ account: { wasClient: true } })],
    ['was_client false, a current CLIENT', { kind: 'was_client', value: false }, context({ account: { status: 'CLIENT' } })],
  ])('when %s then the rule does not match', (_label, condition, ctx) => {
    expect(matches(any, call, ctx, [condition])).toHaveLength(0);
  });

  test('when a next step is given then next_step_given true holds and false does not', () => {
    expect(matches(any, nextStep, context(), [{ kind: 'next_step_given', value: true }])[0].conditions).toEqual([
      'the activity planned a next step',
    ]);
    expect(matches(any, nextStep, context(), [{ kind: 'next_step_given', value: false }])).toHaveLength(0);
  });

  test('when several conditions are listed then all must hold', () => {
    const both = [{ kind: 'owner_set', value: true }, { kind: 'segment_in', segments: ['pharma'] }];
    expect(matches(any, call, context(), both)[0].conditions).toHaveLength(2);
    expect(matches(any, call, context({ account: { segment: 'retail' } }), both)).toHaveLength(0);
  });
});
