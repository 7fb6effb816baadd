import { defaultRules } from '../../src/rules/default-rules';
import type { Decision, EvaluationContext, RuleEvent } from '../../src/rules/decision';
import type { Status } from '../../src/rules/lifecycle';
import { applyTimerActions, evaluateRules } from '../../src/rules/evaluate';
import { RuleDefinition } from '../../src/rules/rule.schemas';
import { activity, context, versioned } from './rule-fixtures';

const rules = versioned(defaultRules);
const holidays = ['2026-12-25', '2027-01-01'];
const decide = (event: RuleEvent, ctx: EvaluationContext = context({ holidays })) => evaluateRules(rules, event, ctx);
const taskTypes = (decision: Decision) => decision.tasks.map((task) => task.type);
const inStatus = (status: Status, wasClient = false) => context({ holidays, account: { status, wasClient } });

describe('default rules', () => {
  test('when validated with the schema then every default rule is valid and keys are unique', () => {
    for (const definition of defaultRules) expect(RuleDefinition.parse(definition)).toEqual(definition);
    expect(new Set(defaultRules.map((definition) => definition.key)).size).toBe(defaultRules.length);
  });

  test('when a taken account goes through the whole process then it ends CLIENT, one logged activity at a time', () => {
    const steps: [RuleEvent, string][] = [
      [activity('CALL', 'CONTACT_MADE', { type: 'MEETING', dueAt: new Date('2027-01-05T09:00:00Z') }), 'CONTACT_ESTABLISHED'],
      [activity('MEETING', 'MEETING_HELD'), 'MEETING_HELD'],
      [activity('MEETING', 'CONTRACT_SIGNED'), 'CONTRACT_SIGNED'],
      [activity('FAX', 'PAYMENT_CONFIRMED'), 'CLIENT'],
    ];
    let status: Status = 'POTENTIAL';
    const path: Status[] = [status];
    for (const [event, expected] of steps) {
      const decision = decide(event, inStatus(status));
      expect(decision.statusChanges).toHaveLength(1);
      status = decision.finalStatus;
      path.push(status);
      expect(status).toBe(expected);
    }
    expect(path).toEqual(['POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT']);
  });

  test('when the contact is made with a next step then that task is created and no follow-up', () => {
    const dueAt = new Date('2027-01-05T09:00:00Z');
    const decision = decide(activity('CALL', 'CONTACT_MADE', { type: 'MEETING', dueAt, title: 'Demo at the clinic' }));
    expect(decision.tasks).toEqual([expect.objectContaining({ type: 'MEETING', title: 'Demo at the clinic', dueAt, assignTo: 'owner' })]);
    expect(decision.tasks[0].why).toMatchObject({ ruleKey: 'next-step-task', conditions: ['the activity planned a next step'] });
  });

  test('when an activity is logged without a next step then a follow-up is due in two business days at 10:00', () => {
    for (const outcome of ['CONTACT_MADE', 'INTERESTED', 'MEETING_HELD', 'NO_ANSWER'] as const) {
      const decision = decide(activity(outcome === 'MEETING_HELD' ? 'MEETING' : 'CALL', outcome));
      expect(decision.tasks).toEqual([expect.objectContaining({ type: 'FOLLOW_UP', dueAt: new Date('2026-12-29T09:00:00Z') })]);
    }
    expect(decide(activity('CALL', 'NO_ANSWER')).tasks[0].why.dueExplanation).toContain('skipping 2026-12-25 (holiday) and 2026-12-26/27 (weekend)');
  });

  test('when a wrong number or a missing company is logged then a correct-details task is due the next business day', () => {
    for (const outcome of ['WRONG_NUMBER', 'COMPANY_NOT_FOUND'] as const) {
      const decision = decide(activity('CALL', outcome));
      expect(decision.finalStatus).toBe('POTENTIAL');
      expect(decision.tasks).toEqual([
        expect.objectContaining({ type: 'CORRECT_CONTACT_DETAILS', dueAt: new Date('2026-12-28T15:05:00Z'), assignTo: 'owner' }),
      ]);
    }
  });

  test('when someone who never was a client refuses then the account is REFUSED with a re-contact in 90 days', () => {
    const decision = decide(activity('CALL', 'REFUSED'), inStatus('CONTACT_ESTABLISHED'));
    expect(decision.finalStatus).toBe('REFUSED');
    expect(decision.statusChanges[0]).toMatchObject({ ruleKey: 'refusal' });
    expect(decision.timerKindsToCancel.map((cancel) => cancel.timerKind)).toEqual(['recontact']);
    expect(decision.timersToStart).toEqual([
      expect.objectContaining({ timerKind: 'recontact', fireAt: new Date('2027-03-24T15:05:00Z') }),
    ]);
    expect(taskTypes(decision)).toEqual([]);
  });

  test('when the re-contact timer fires then a RECONTACT task is due the next business day at 10:00 for the owner', () => {
    const [timer] = decide(activity('CALL', 'REFUSED')).timersToStart;
    const fired = applyTimerActions(timer.onFire, context({ now: timer.fireAt, account: { status: 'REFUSED' } }), { ...timer.why, timerKind: timer.timerKind });
    expect(fired.tasks).toEqual([
      expect.objectContaining({ type: 'RECONTACT', dueAt: new Date('2027-03-25T09:00:00Z'), assignTo: 'owner' }),
    ]);
    expect(fired.tasks[0].why).toMatchObject({ ruleKey: 'refusal', trigger: 'timer recontact fired (started by rule refusal v1)' });
  });

  test('when a CLIENT or a former client refuses then the account is LOST, also with a re-contact', () => {
    for (const ctx of [inStatus('CLIENT'), inStatus('POTENTIAL', true)]) {
      const decision = decide(activity('MEETING', 'REFUSED'), ctx);
      expect(decision.finalStatus).toBe('LOST');
      expect(decision.statusChanges[0].ruleKey).toBe('refusal-former-client');
      expect(decision.timersToStart.map((timer) => timer.timerKind)).toEqual(['recontact']);
    }
  });

  test.each(['REFUSED', 'LOST'] as const)('when a %s client gets in touch again then the re-contact is cancelled and contact is established again', (status) => {
    const decision = decide(activity('CALL', 'INTERESTED'), inStatus(status));
    expect(decision.timerKindsToCancel).toEqual([expect.objectContaining({ timerKind: 'recontact', ruleKey: 'cancel-recontact-on-contact' })]);
    expect(decision.timersToStart).toEqual([]);
    expect(decision.finalStatus).toBe('CONTACT_ESTABLISHED');
  });

  test('when a call is not answered then nothing is cancelled and the status stays', () => {
    const decision = decide(activity('CALL', 'NO_ANSWER'), inStatus('REFUSED'));
    expect(decision.timerKindsToCancel).toEqual([]);
    expect(decision.statusChanges).toEqual([]);
  });

  test('when a walk-in client signs at the first meeting then POTENTIAL moves straight to CONTRACT_SIGNED', () => {
    const decision = decide(activity('MEETING', 'CONTRACT_SIGNED'), inStatus('POTENTIAL'));
    expect(decision.statusChanges).toEqual([expect.objectContaining({ from: 'POTENTIAL', to: 'CONTRACT_SIGNED', ruleKey: 'contract-signed' })]);
    expect(decision.verdicts.find((verdict) => verdict.ruleKey === 'contract-signed')).toMatchObject({ applied: true, did: ['status POTENTIAL → CONTRACT_SIGNED'] });
  });

  test.each(['REFUSED', 'LOST'] as const)('when a %s client comes back and signs then the contract is signed and the re-contact cancelled', (status) => {
    const decision = decide(activity('MEETING', 'CONTRACT_SIGNED'), inStatus(status, status === 'LOST'));
    expect(decision.finalStatus).toBe('CONTRACT_SIGNED');
    expect(decision.timerKindsToCancel.map((cancel) => cancel.timerKind)).toEqual(['recontact']);
  });

  test('when a CLIENT signs another contract then it stays CLIENT, and the answer says why', () => {
    const decision = decide(activity('MEETING', 'CONTRACT_SIGNED'), inStatus('CLIENT'));
    expect(decision.statusChanges).toEqual([]);
    expect(decision.verdicts.find((verdict) => verdict.ruleKey === 'contract-signed')).toMatchObject({
      applied: false,
      setsStatus: 'CONTRACT_SIGNED',
      failedConditions: ['status is CLIENT, needs POTENTIAL, CONTACT_ESTABLISHED, MEETING_HELD, REFUSED or LOST'],
    });
  });

  test('when a payment is confirmed by phone or before a contract then the status does not move', () => {
    expect(decide(activity('CALL', 'PAYMENT_CONFIRMED'), inStatus('CONTRACT_SIGNED')).statusChanges).toEqual([]);
    expect(decide(activity('EMAIL', 'PAYMENT_CONFIRMED'), inStatus('MEETING_HELD')).statusChanges).toEqual([]);
  });

  test('when a task is still open 24 hours after its due time then the owner’s manager is notified', () => {
    const event: RuleEvent = { kind: 'task_overdue', task: { id: 'task-1', type: 'FOLLOW_UP', dueAt: new Date('2026-12-23T15:05:00Z') }, after: 'PT24H' };
    expect(decide(event).notifications).toEqual([
      expect.objectContaining({ recipient: 'owner_manager', taskId: 'task-1', why: expect.objectContaining({ ruleKey: 'escalate-overdue-task' }) }),
    ]);
  });
});
