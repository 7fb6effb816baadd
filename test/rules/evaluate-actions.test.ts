import { evaluateRules } from '../../src/rules/evaluate';
import type { RuleDefinitionInput } from '../../src/rules/rule.schemas';
import { activity, context, rule } from './rule-fixtures';

const any = { kind: 'activity_logged' } as const;
const call = activity('CALL', 'CONTACT_MADE');
const setStatus = (key: string, status: 'CONTACT_ESTABLISHED' | 'MEETING_HELD' | 'REFUSED', priority = 100) =>
  rule({ key, priority, trigger: any, actions: [{ kind: 'set_status', status }] });
const followUp = { kind: 'create_task', taskType: 'FOLLOW_UP', title: 'Call back', due: { after: 'P2D', businessDays: true, at: '10:00' }, assignTo: 'owner' } as const;
const recontact = (key: string, priority = 100) =>
  rule({ key, priority, trigger: any, actions: [{ kind: 'start_timer', timerKind: 'recontact', after: { after: 'P90D' }, onFire: [followUp] }] });
const cancel = (key: string, priority = 100) => rule({ key, priority, trigger: any, actions: [{ kind: 'cancel_timers', timerKinds: ['recontact'] }] });
const holidays = ['2026-12-25'];

describe('evaluateRules: actions', () => {
  test('when set_status runs then the status change names the rule version', () => {
    const decision = evaluateRules([setStatus('establish', 'CONTACT_ESTABLISHED')], call, context());
    expect(decision.finalStatus).toBe('CONTACT_ESTABLISHED');
    expect(decision.statusChanges).toEqual([{ from: 'POTENTIAL', to: 'CONTACT_ESTABLISHED', ruleId: 'establish@1', ruleKey: 'establish', ruleVersion: 1 }]);
  });

  test('when create_task runs then the task carries its due date and the whole why', () => {
    const tasks = rule({ key: 'follow-up', trigger: any, conditions: [{ kind: 'owner_set', value: true }], actions: [followUp] }, 3);
    expect(evaluateRules([tasks], call, context({ holidays })).tasks).toEqual([
      {
        type: 'FOLLOW_UP',
        title: 'Call back',
        dueAt: new Date('2026-12-29T09:00:00Z'),
        assignTo: 'owner',
        why: {
          ruleId: 'follow-up@3',
          ruleKey: 'follow-up',
          ruleVersion: 3,
          trigger: 'CALL activity act-1 logged with outcome CONTACT_MADE',
          conditions: ['the account has an owner'],
          dueExplanation:
            '2 business days after 2026-12-24 16:05 Europe/Paris, skipping 2026-12-25 (holiday) and 2026-12-26/27 (weekend), at 10:00 local: 2026-12-29 10:00 Europe/Paris',
        },
      },
    ]);
  });

  test('when create_next_step_task runs then the next step becomes a task, or the action is skipped without one', () => {
    const nextStep = rule({ key: 'next-step', trigger: any, actions: [{ kind: 'create_next_step_task' }] });
    const dueAt = new Date('2027-01-05T09:00:00Z');
    const planned = evaluateRules([nextStep], activity('CALL', 'CONTACT_MADE', { type: 'MEETING', dueAt }), context());
    expect(planned.tasks).toEqual([
      expect.objectContaining({ type: 'MEETING', title: 'Next step: MEETING', dueAt, assignTo: 'owner' }),
    ]);
    expect(planned.tasks[0].why.dueExplanation).toBe("the next step's date chosen by the manager: 2027-01-05 10:00 Europe/Paris");
    const titled = evaluateRules([nextStep], activity('CALL', 'CONTACT_MADE', { type: 'CALL', dueAt, title: 'Ask for the buyer' }), context());
    expect(titled.tasks[0].title).toBe('Ask for the buyer');
    const none = evaluateRules([nextStep], call, context());
    expect(none.tasks).toEqual([]);
    expect(none.skippedActions).toEqual([expect.objectContaining({ ruleKey: 'next-step', action: 'create_next_step_task', reason: 'the activity planned no next step' })]);
  });

  test('when start_timer runs then the timer fires after the duration and keeps its actions', () => {
    expect(evaluateRules([recontact('refusal')], call, context()).timersToStart).toEqual([
      {
        timerKind: 'recontact',
        fireAt: new Date('2027-03-24T15:05:00Z'),
        onFire: [{ ...followUp }],
        why: expect.objectContaining({ ruleKey: 'refusal', dueExplanation: '90 days after 2026-12-24 16:05 Europe/Paris: 2027-03-24 16:05 Europe/Paris' }),
      },
    ]);
  });

  test('when cancel_timers runs then the kinds to cancel name the rule', () => {
    expect(evaluateRules([cancel('contact')], call, context()).timerKindsToCancel).toEqual([
      { timerKind: 'recontact', ruleId: 'contact@1', ruleKey: 'contact', ruleVersion: 1 },
    ]);
  });

  test('when a cancel runs before a start of the same kind then the new timer survives', () => {
    const decision = evaluateRules([cancel('cancel', 10), recontact('start', 20)], call, context());
    expect(decision.timerKindsToCancel.map((cancelled) => cancelled.ruleKey)).toEqual(['cancel']);
    expect(decision.timersToStart.map((timer) => timer.why.ruleKey)).toEqual(['start']);
  });

  test('when a cancel runs after a start of the same kind then the planned timer is dropped with the reason', () => {
    const decision = evaluateRules([recontact('start', 10), cancel('cancel', 20)], call, context());
    expect(decision.timersToStart).toEqual([]);
    expect(decision.timerKindsToCancel).toHaveLength(1);
    expect(decision.skippedActions).toEqual([expect.objectContaining({ ruleKey: 'start', action: 'start_timer', reason: 'cancelled by rule cancel v1 later in the same event' })]);
  });

  test('when two rules start a timer of the same kind then the later one replaces the first', () => {
    const decision = evaluateRules([recontact('first', 10), recontact('second', 20)], call, context());
    expect(decision.timersToStart.map((timer) => timer.why.ruleKey)).toEqual(['second']);
    expect(decision.skippedActions[0]).toMatchObject({ ruleKey: 'first', reason: 'replaced by the recontact timer of rule second v1' });
  });

  test('when send_email and notify run then they are planned with their why', () => {
    const actions: RuleDefinitionInput['actions'] = [
      { kind: 'send_email', templateKey: 'thank-you', to: 'primary_contact' },
      { kind: 'notify', recipient: 'owner_manager', message: 'Good news' },
    ];
    const decision = evaluateRules([rule({ key: 'tell', trigger: any, actions })], call, context());
    expect(decision.emails).toEqual([{ templateKey: 'thank-you', to: 'primary_contact', why: expect.objectContaining({ ruleKey: 'tell' }) }]);
    expect(decision.notifications).toEqual([{ recipient: 'owner_manager', message: 'Good news', why: expect.objectContaining({ ruleKey: 'tell' }) }]);
  });

  test('when a task is overdue then the notification names the task', () => {
    const escalate = rule({ key: 'escalate', trigger: { kind: 'task_overdue', after: 'PT24H' }, actions: [{ kind: 'notify', recipient: 'owner_manager', message: 'Late' }] });
    const event = { kind: 'task_overdue', task: { id: 'task-9', type: 'CALL', dueAt: new Date('2026-12-01T00:00:00Z') } } as const;
    expect(evaluateRules([escalate], event, context()).notifications[0].taskId).toBe('task-9');
  });
});
