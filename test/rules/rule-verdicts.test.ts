import { defaultRules } from '../../src/rules/default-rules';
import { evaluateRules } from '../../src/rules/evaluate';
import type { Facts } from '../../src/rules/match';
import type { Condition } from '../../src/rules/trigger.schemas';
import { anyOf, describeUnmetCondition } from '../../src/rules/unmet-condition';
import { explainVerdict } from '../../src/rules/verdict-words';
import { activity, context, rule, versioned } from './rule-fixtures';

const facts = ({ account, ...overrides }: Partial<Omit<Facts, 'account'>> & { account?: Partial<Facts['account']> } = {}): Facts => ({
  status: 'POTENTIAL',
  wasClient: false,
  nextStepGiven: false,
  ...overrides,
  account: { ...context().account, ...account },
});
const unmet = (condition: Condition, onFacts: Facts = facts()) => describeUnmetCondition(condition, onFacts);

describe('a condition that did not hold, in words', () => {
  test('when a status condition fails then it names the status and what the rule needs', () => {
    expect(unmet({ kind: 'status_in', statuses: ['CONTACT_ESTABLISHED', 'MEETING_HELD'] })).toBe('status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD');
    expect(unmet({ kind: 'status_in', statuses: ['CLIENT'] })).toBe('status is POTENTIAL, needs CLIENT');
    expect(unmet({ kind: 'status_not_in', statuses: ['CLIENT', 'LOST'] }, facts({ status: 'LOST' }))).toBe('status is LOST, needs a status other than CLIENT or LOST');
  });

  test('when a segment condition fails then it names the segment, or says there is none', () => {
    expect(unmet({ kind: 'segment_in', segments: ['retail', 'clinic', 'hotel'] })).toBe('segment is pharma, needs retail, clinic or hotel');
    expect(unmet({ kind: 'segment_in', segments: ['retail'] }, facts({ account: { segment: null } }))).toBe('the account has no segment, needs retail');
  });

  test('when an owner condition fails then it says whether the account has one', () => {
    expect(unmet({ kind: 'owner_set', value: true }, facts({ account: { ownerId: null } }))).toBe('the account has no owner, needs one');
    expect(unmet({ kind: 'owner_set', value: false })).toBe('the account has an owner, needs none');
  });

  test('when a next-step condition fails then it says whether the activity planned one', () => {
    expect(unmet({ kind: 'next_step_given', value: true })).toBe('the activity planned no next step, needs one');
    expect(unmet({ kind: 'next_step_given', value: false }, facts({ nextStepGiven: true }))).toBe('the activity planned a next step, needs none');
  });

  test('when a field condition fails then it shows the value with its type, or that the field is not set', () => {
    expect(unmet({ kind: 'field_equals', field: 'tier', value: 'gold' }, facts({ account: { fields: { tier: 'silver' } } }))).toBe('field tier is "silver", needs "gold"');
    expect(unmet({ kind: 'field_equals', field: 'beds', value: 3 }, facts({ account: { fields: { beds: '3' } } }))).toBe('field beds is "3", needs 3');
    expect(unmet({ kind: 'field_equals', field: 'vip', value: true })).toBe('field vip is not set, needs true');
  });

  test('when a was-client condition fails then it says what the account has been', () => {
    expect(unmet({ kind: 'was_client', value: true })).toBe('the account has never been a CLIENT, needs a current or former client');
    expect(unmet({ kind: 'was_client', value: false }, facts({ wasClient: true }))).toBe('the account is or was a CLIENT, needs one that never was');
  });

  test('when values are listed then they read as a sentence', () => {
    expect([anyOf(['A']), anyOf(['A', 'B']), anyOf(['A', 'B', 'C'])]).toEqual(['A', 'A or B', 'A, B or C']);
  });
});

describe('the verdicts of the rules whose trigger matched', () => {
  const note = { kind: 'notify', recipient: 'owner_manager', message: 'Look at this' } as const;

  test('when a trigger matches and a condition fails then the rule is listed, not applied, with every condition that failed', () => {
    const picky = rule({
      key: 'picky',
      trigger: { kind: 'activity_logged', outcomes: ['CONTRACT_SIGNED'] },
      conditions: [{ kind: 'owner_set', value: true }, { kind: 'status_in', statuses: ['MEETING_HELD'] }, { kind: 'segment_in', segments: ['retail'] }],
      actions: [{ kind: 'set_status', status: 'CONTRACT_SIGNED' }],
    });
    const unrelated = rule({ key: 'unrelated', trigger: { kind: 'activity_logged', outcomes: ['REFUSED'] }, actions: [note] });
    const decision = evaluateRules([picky, unrelated], activity('MEETING', 'CONTRACT_SIGNED'), context());
    expect(decision.statusChanges).toEqual([]);
    expect(decision.verdicts).toEqual([
      {
        ruleId: 'picky@1',
        ruleKey: 'picky',
        ruleVersion: 1,
        depth: 0,
        trigger: 'MEETING activity act-1 logged with outcome CONTRACT_SIGNED',
        applied: false,
        setsStatus: 'CONTRACT_SIGNED',
        conditions: ['the account has an owner'],
        failedConditions: ['status is POTENTIAL, needs MEETING_HELD', 'segment is pharma, needs retail'],
        did: [],
      },
    ]);
    expect(explainVerdict(decision.verdicts[0])).toBe('picky v1: status is POTENTIAL, needs MEETING_HELD; segment is pharma, needs retail');
  });

  test('when rules apply then each verdict says what its actions did, and why an action did nothing', () => {
    const rules = [
      rule({ key: 'a-establish', priority: 1, trigger: { kind: 'activity_logged' }, actions: [{ kind: 'set_status', status: 'CONTACT_ESTABLISHED' }, note] }),
      rule({ key: 'b-also-meeting', priority: 2, trigger: { kind: 'activity_logged' }, actions: [{ kind: 'set_status', status: 'MEETING_HELD' }] }),
      rule({
        key: 'c-follow-up',
        priority: 3,
        trigger: { kind: 'activity_logged' },
        actions: [
          { kind: 'create_task', taskType: 'FOLLOW_UP', title: 'Call back', due: { after: 'P1D', at: '10:00' }, assignTo: 'owner' },
          { kind: 'start_timer', timerKind: 'recontact', after: { after: 'P90D' }, onFire: [note] },
          { kind: 'cancel_timers', timerKinds: ['old-offer'] },
          { kind: 'send_email', templateKey: 'thanks', to: 'primary_contact' },
          { kind: 'create_next_step_task' },
        ],
      }),
    ];
    const decision = evaluateRules(rules, activity('CALL', 'CONTACT_MADE'), context());
    const byKey = Object.fromEntries(decision.verdicts.map((verdict) => [verdict.ruleKey, verdict]));
    expect(byKey['a-establish']).toMatchObject({ applied: true, setsStatus: 'CONTACT_ESTABLISHED', did: ['status POTENTIAL → CONTACT_ESTABLISHED', 'notification to the owner\'s manager: "Look at this"'] });
    expect(byKey['b-also-meeting'].did).toEqual(['status not set to MEETING_HELD: status already set to CONTACT_ESTABLISHED by rule a-establish v1 for this event']);
    expect(byKey['c-follow-up'].did).toEqual([
      'FOLLOW_UP task for the owner, due 2026-12-25 10:00 Europe/Paris',
      'recontact timer started, fires 2027-03-24 16:05 Europe/Paris',
      'pending old-offer timer cancelled, if any',
      'e-mail from template thanks to the primary contact',
      'no next-step task: the activity planned no next step',
    ]);
    expect(explainVerdict(byKey['a-establish'])).toBe('a-establish v1: status POTENTIAL → CONTACT_ESTABLISHED; notification to the owner\'s manager: "Look at this"');
  });

  test('when a status it set triggers status_entered rules then their verdicts follow, one level deeper', () => {
    const rules = [
      rule({ key: 'establish', trigger: { kind: 'activity_logged' }, actions: [{ kind: 'set_status', status: 'CONTACT_ESTABLISHED' }] }),
      rule({ key: 'welcome-vip', trigger: { kind: 'status_entered', statuses: ['CONTACT_ESTABLISHED'] }, conditions: [{ kind: 'field_equals', field: 'vip', value: true }], actions: [note] }),
    ];
    const decision = evaluateRules(rules, activity('CALL', 'CONTACT_MADE'), context());
    expect(decision.verdicts.map((verdict) => [verdict.ruleKey, verdict.depth, verdict.applied])).toEqual([
      ['establish', 0, true],
      ['welcome-vip', 1, false],
    ]);
    expect(decision.verdicts[1]).toMatchObject({ trigger: expect.stringContaining('status CONTACT_ESTABLISHED entered from POTENTIAL'), failedConditions: ['field vip is not set, needs true'], setsStatus: null });
  });

  test('when only some triggers match then only those rules have a verdict', () => {
    const decision = evaluateRules(versioned(defaultRules), activity('NOTE', 'WRONG_NUMBER'), context({ account: { status: 'CLIENT' } }));
    expect(decision.verdicts.map((verdict) => verdict.ruleKey)).toEqual(['correct-contact-details', 'next-step-task']);
    expect(decision.verdicts.find((verdict) => verdict.ruleKey === 'next-step-task')).toMatchObject({ applied: false, failedConditions: ['the activity planned no next step, needs one'] });
    expect(evaluateRules(versioned(defaultRules), { kind: 'task_overdue', task: { id: 't', type: 'CALL', dueAt: new Date('2027-01-01T00:00:00Z') }, after: 'P3D' }, context()).verdicts).toEqual([]);
  });
});
