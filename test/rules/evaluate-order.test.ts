import { AppError } from '../../src/errors/app-error';
import { evaluateRules, maxCascadeDepth } from '../../src/rules/evaluate';
import { activity, context, rule } from './rule-fixtures';

const any = { kind: 'activity_logged' } as const;
const call = activity('CALL', 'CONTACT_MADE');
const setStatus = (key: string, status: 'CONTACT_ESTABLISHED' | 'MEETING_HELD' | 'REFUSED', priority = 100) =>
  rule({ key, priority, trigger: any, actions: [{ kind: 'set_status', status }] });
const followUp = { kind: 'create_task', taskType: 'FOLLOW_UP', title: 'Call back', due: { after: 'P2D', businessDays: true, at: '10:00' }, assignTo: 'owner' } as const;
const recontact = (key: string, priority = 100) =>
  rule({ key, priority, trigger: any, actions: [{ kind: 'start_timer', timerKind: 'recontact', after: { after: 'P90D' }, onFire: [followUp] }] });

describe('evaluateRules: order', () => {
  test('when rules have priorities then lower runs first, then by key, and disabled rules do not run', () => {
    const disabled = { ...setStatus('a-disabled', 'REFUSED', 1), enabled: false };
    const decision = evaluateRules([setStatus('z', 'MEETING_HELD', 5), setStatus('b', 'REFUSED', 50), setStatus('a', 'CONTACT_ESTABLISHED', 50), disabled], call, context());
    expect(decision.matchedRules.map((matched) => matched.ruleKey)).toEqual(['z', 'a', 'b']);
  });

  test('when two rules set a status then the first wins and the second is skipped with the reason', () => {
    const decision = evaluateRules([setStatus('second', 'REFUSED', 20), setStatus('first', 'CONTACT_ESTABLISHED', 10)], call, context());
    expect(decision.finalStatus).toBe('CONTACT_ESTABLISHED');
    expect(decision.statusChanges).toHaveLength(1);
    expect(decision.skippedActions).toEqual([
      { ruleId: 'second@1', ruleKey: 'second', ruleVersion: 1, action: 'set_status', reason: 'status already set to CONTACT_ESTABLISHED by rule first v1 for this event' },
    ]);
  });

  test('when a rule sets the current status then it is skipped and does not stop a later change', () => {
    const ctx = context({ account: { status: 'CONTACT_ESTABLISHED' } });
    const decision = evaluateRules([setStatus('same', 'CONTACT_ESTABLISHED', 10), setStatus('real', 'MEETING_HELD', 20)], call, ctx);
    expect(decision.finalStatus).toBe('MEETING_HELD');
    expect(decision.skippedActions[0]).toMatchObject({ ruleKey: 'same', reason: 'the account is already CONTACT_ESTABLISHED' });
  });

  test('when an earlier rule changes the status then later rules of the same event still see the status before it', () => {
    const onlyFromPotential = rule({ key: 'b-task', trigger: any, conditions: [{ kind: 'status_in', statuses: ['POTENTIAL'] }], actions: [followUp] });
    const decision = evaluateRules([setStatus('a-establish', 'CONTACT_ESTABLISHED'), onlyFromPotential], call, context());
    expect(decision.tasks).toHaveLength(1);
  });

  test('when the same input is evaluated twice then the decisions are equal', () => {
    const rules = [setStatus('establish', 'CONTACT_ESTABLISHED'), recontact('timer'), rule({ key: 'task', trigger: any, actions: [followUp] })];
    expect(evaluateRules(rules, call, context())).toEqual(evaluateRules([...rules].reverse(), call, context()));
  });
});

describe('evaluateRules: status_entered cascade', () => {
  const chain = (from: string, to: string) =>
    rule({ key: `${from}-to-${to}`.toLowerCase().replace(/_/g, '-'), trigger: { kind: 'status_entered', statuses: [from as never] }, actions: [{ kind: 'set_status', status: to as never }] });

  test('when status_entered rules chain then each change cascades, up to the depth limit', () => {
    const rules = [
      setStatus('establish', 'CONTACT_ESTABLISHED'),
      chain('CONTACT_ESTABLISHED', 'MEETING_HELD'),
      chain('MEETING_HELD', 'CONTRACT_SIGNED'),
      chain('CONTRACT_SIGNED', 'CLIENT'),
      chain('CLIENT', 'LOST'),
    ];
    const decision = evaluateRules(rules, call, context());
    expect(decision.statusChanges.map((change) => change.to)).toEqual(['CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT', 'LOST']);
    expect(decision.statusChanges).toHaveLength(maxCascadeDepth);
    expect(decision.finalStatus).toBe('LOST');
  });

  test('when a cascade enters CLIENT then later steps count the account as a former client', () => {
    const rules = [
      setStatus('establish', 'CONTACT_ESTABLISHED'),
      chain('CONTACT_ESTABLISHED', 'CLIENT'),
      rule({ key: 'lost', trigger: { kind: 'status_entered', statuses: ['CLIENT'] }, conditions: [{ kind: 'was_client', value: true }], actions: [{ kind: 'set_status', status: 'LOST' }] }),
    ];
    expect(evaluateRules(rules, call, context()).finalStatus).toBe('LOST');
  });

  test('when status_entered rules loop then evaluation stops with an error naming the chain', () => {
    const rules = [setStatus('establish', 'CONTACT_ESTABLISHED'), chain('CONTACT_ESTABLISHED', 'MEETING_HELD'), chain('MEETING_HELD', 'CONTACT_ESTABLISHED')];
    const run = () => evaluateRules(rules, call, context());
    expect(run).toThrow(AppError);
    expect(run).toThrow(
      'The rules changed the status more than 5 times for one event (POTENTIAL → CONTACT_ESTABLISHED → MEETING_HELD → CONTACT_ESTABLISHED → MEETING_HELD → CONTACT_ESTABLISHED → MEETING_HELD)',
    );
  });
});
