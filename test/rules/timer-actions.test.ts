import { applyTimerActions } from '../../src/rules/evaluate';
import { christmasEve, context, rule } from './rule-fixtures';

const followUp = { kind: 'create_task', taskType: 'FOLLOW_UP', title: 'Call back', due: { after: 'P2D', businessDays: true, at: '10:00' }, assignTo: 'owner' } as const;

describe('applyTimerActions', () => {
  const origin = { ruleId: 'refusal@2', ruleKey: 'refusal', ruleVersion: 2, timerKind: 'recontact', conditions: ['the account has never been a CLIENT'] };
  const firedAt = new Date('2027-03-26T15:05:00Z'); // a Friday

  test('when a timer fires then its tasks are due from the firing time and credit the rule version that started it', () => {
    const decision = applyTimerActions([followUp], context({ account: { status: 'REFUSED' }, now: firedAt }), origin);
    expect(decision.tasks).toEqual([
      expect.objectContaining({ type: 'FOLLOW_UP', dueAt: new Date('2027-03-30T08:00:00Z'), assignTo: 'owner' }),
    ]);
    expect(decision.tasks[0].why).toMatchObject({
      ruleId: 'refusal@2',
      ruleVersion: 2,
      trigger: 'timer recontact fired (started by rule refusal v2)',
      conditions: ['the account has never been a CLIENT'],
    });
    expect(decision.matchedRules).toEqual([expect.objectContaining({ ruleKey: 'refusal', depth: 0 })]);
  });

  test('when a timer sets a status and notifies then the change cascades through the rules given', () => {
    const onStatus = rule({ key: 'tell-manager', trigger: { kind: 'status_entered', statuses: ['LOST'] }, actions: [{ kind: 'notify', recipient: 'owner_manager', message: 'Lost' }] });
    const decision = applyTimerActions(
      [{ kind: 'set_status', status: 'LOST' }, { kind: 'notify', recipient: 'owner', message: 'Time is up' }],
      context({ account: { status: 'CLIENT' }, now: firedAt }),
      origin,
      [onStatus],
    );
    expect(decision.statusChanges).toEqual([{ from: 'CLIENT', to: 'LOST', ruleId: 'refusal@2', ruleKey: 'refusal', ruleVersion: 2 }]);
    expect(decision.notifications.map((notification) => notification.message)).toEqual(['Time is up', 'Lost']);
  });

  test('when the evaluation runs then it reads no clock but context.now', () => {
    jest.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    try {
      expect(applyTimerActions([followUp], context({ now: christmasEve }), origin).tasks[0].dueAt).toEqual(new Date('2026-12-28T09:00:00Z'));
    } finally {
      jest.useRealTimers();
    }
  });
});
