import type { AccountHistory, TaskRow, TimerRow } from '../../src/rule-dry-run/account-history';
import { actualOutcome } from '../../src/rule-dry-run/actual-outcome';
import { inChainOrder } from '../../src/rule-dry-run/history-queries';
import { outcomeDifferences } from '../../src/rule-dry-run/outcome-differences';
import { maxFiringsPerAccount, replayAccount, type ReplayRules } from '../../src/rule-dry-run/replay-account';
import type { TimerAction } from '../../src/rules/action.schemas';
import { defaultBusinessCalendar } from '../../src/rules/business-calendar';
import { defaultRules } from '../../src/rules/default-rules';
import { addDuration, computeDue } from '../../src/rules/due-date';
import { RuleDefinition, type RuleDefinitionInput, type VersionedRule } from '../../src/rules/rule.schemas';

const window = { from: new Date('2026-09-01T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };
const day = (n: number, seconds = 0) => new Date(window.from.getTime() + n * 86_400_000 + seconds * 1000);
const versioned = (definition: RuleDefinitionInput): VersionedRule => ({ ...RuleDefinition.parse(definition), id: `${definition.key}@1`, version: 1 });
const defaults = defaultRules.map((rule) => versioned(rule));
const ruleSet = (rules: VersionedRule[]): ReplayRules => ({
  proposed: rules,
  version: (id) => defaults.find((rule) => rule.id === id),
  calendar: defaultBusinessCalendar,
});
const without = (...keys: string[]) => defaults.filter((rule) => !keys.includes(rule.key));
const recontactOnFire = (defaults.find((rule) => rule.key === 'refusal')!.actions.find((action) => action.kind === 'start_timer') as { onFire: TimerAction[] }).onFire;
const due = (spec: { after: string; businessDays?: boolean; at?: string }, from: Date) => computeDue(spec, from, 'UTC', defaultBusinessCalendar).dueAt;
const followUpDue = (from: Date) => due({ after: 'P2D', businessDays: true, at: '10:00' }, from);
const recontactDue = (from: Date) => due({ after: 'P1D', businessDays: true, at: '10:00' }, from);

function history(overrides: Partial<AccountHistory> & { status?: AccountHistory['account']['status'] }): AccountHistory {
  const { status = 'POTENTIAL', ...parts } = overrides;
  return {
    account: { id: 'account', name: 'Acme', status, segment: null, ownerId: 'owner', fields: {}, timeZone: 'UTC', archivedAt: null, wasClientBefore: false },
    statusChanges: [],
    activities: [],
    timers: [],
    tasks: [],
    emails: [],
    ...parts,
  };
}

const timer = (fields: Partial<TimerRow> & Pick<TimerRow, 'id' | 'kind' | 'fireAt' | 'createdAt'>): TimerRow => ({
  state: 'PENDING', taskId: null, activityId: null, ruleId: null, ruleKey: null, settledAt: null, commands: [], onFire: null, why: null, ...fields,
});
const task = (fields: Partial<TaskRow> & Pick<TaskRow, 'id' | 'type' | 'dueAt' | 'createdAt'>): TaskRow => ({
  ruleKey: null, activityId: null, timerId: null, state: 'OPEN', completedAt: null, ...fields,
});
const refusalWhy = { ruleId: 'refusal@1', ruleKey: 'refusal', ruleVersion: 1, conditions: [] };

/** The replay's differences from the history under `rules`. */
const differences = (account: AccountHistory, rules: VersionedRule[]) =>
  outcomeDifferences(actualOutcome(account, window), replayAccount(account, window, ruleSet(rules)), account.account.timeZone);

describe('a re-contact pending when the window starts', () => {
  // Refused before the window; the client called back on day 5; the re-contact really fired on day 10,
  // since the rule cancelling it on contact was disabled then.
  const interested = history({
    status: 'CONTACT_ESTABLISHED',
    statusChanges: [{ fromStatus: 'REFUSED', toStatus: 'CONTACT_ESTABLISHED', activityId: 'call', timerId: null, changedAt: day(5) }],
    activities: [{ id: 'call', type: 'CALL', outcome: 'INTERESTED', occurredAt: day(5), nextStep: null, loggedAt: day(5) }],
    timers: [timer({ id: 'recontact', kind: 'recontact', fireAt: day(10), state: 'FIRED', settledAt: day(10, 1), activityId: 'refusal-call', ruleId: 'refusal@1', ruleKey: 'refusal', createdAt: day(-80), onFire: recontactOnFire, why: refusalWhy })],
    tasks: [
      task({ id: 'follow-up', type: 'FOLLOW_UP', ruleKey: 'follow-up-without-next-step', activityId: 'call', dueAt: followUpDue(day(5)), createdAt: day(5) }),
      task({ id: 'recontact-task', type: 'RECONTACT', ruleKey: 'refusal', timerId: 'recontact', dueAt: recontactDue(day(10, 1)), createdAt: day(10, 1) }),
    ],
  });

  test('when replayed under the rules it ran under then it fires as it did, and nothing differs', () => {
    expect(differences(interested, without('cancel-recontact-on-contact', 'escalate-overdue-task'))).toEqual([]);
  });

  test('when the proposed rules cancel it on contact then its task never comes', () => {
    expect(differences(interested, without('escalate-overdue-task'))).toEqual(["tasks: 2 actual, 1 proposed (no RECONTACT from rule 'refusal')"]);
  });
});

describe("a person's hand on a timer", () => {
  const refused = (commands: TimerRow['commands'], fired: boolean) =>
    history({
      status: 'REFUSED',
      statusChanges: [{ fromStatus: 'POTENTIAL', toStatus: 'REFUSED', activityId: 'refusal', timerId: null, changedAt: day(1) }],
      activities: [{ id: 'refusal', type: 'CALL', outcome: 'REFUSED', occurredAt: day(1), nextStep: null, loggedAt: day(1) }],
      timers: [
        timer({
          id: 'recontact', kind: 'recontact', activityId: 'refusal', ruleId: 'refusal@1', ruleKey: 'refusal', createdAt: day(1), commands,
          fireAt: commands.at(-1)?.to ?? new Date(day(1).getTime() + 90 * 86_400_000),
          ...(fired ? { state: 'FIRED', settledAt: day(20, 1) } : { state: 'CANCELLED', settledAt: day(3) }),
        }),
      ],
      tasks: fired ? [task({ id: 'recontact-task', type: 'RECONTACT', ruleKey: 'refusal', timerId: 'recontact', dueAt: recontactDue(day(20, 1)), createdAt: day(20, 1) })] : [],
    });
  const rules = without('escalate-overdue-task');
  const in30Days = rules.map((rule) =>
    rule.key === 'refusal' ? { ...rule, actions: rule.actions.map((action) => (action.kind === 'start_timer' ? { ...action, after: { after: 'P30D', businessDays: false } } : action)) } : rule,
  );

  test('when a person moved the re-contact to day 20 then the replayed one fires then too, whatever delay the rule gives', () => {
    const moved = refused([{ at: day(3), event: 'rescheduled', from: new Date(day(1).getTime() + 90 * 86_400_000), to: day(20) }], true);
    expect(differences(moved, rules)).toEqual([]);
    expect(differences(moved, in30Days)).toEqual(["timers: recontact from rule 'refusal' firing 2026-12-01 00:00 UTC actual, 2026-10-02 00:00 UTC proposed"]);
  });

  test('when a person cancelled the re-contact then the replayed one never fires', () => {
    const cancelled = refused([{ at: day(3), event: 'cancelled' }], false);
    expect(differences(cancelled, rules)).toEqual([]);
    // No RECONTACT task on either side: only the planned firing time differs.
    expect(differences(cancelled, in30Days)).toEqual(["timers: recontact from rule 'refusal' firing 2026-12-01 00:00 UTC actual, 2026-10-02 00:00 UTC proposed"]);
  });
});

describe('overdue checks', () => {
  const escalation = defaults.find((rule) => rule.key === 'escalate-overdue-task')!;
  const dueAt = followUpDue(day(1));
  const checkAt = addDuration('PT24H', dueAt, 'UTC');
  const noAnswer = (completed: boolean) =>
    history({
      activities: [{ id: 'call', type: 'CALL', outcome: 'NO_ANSWER', occurredAt: day(1), nextStep: null, loggedAt: day(1) }],
      tasks: [task({ id: 'follow-up', type: 'FOLLOW_UP', ruleKey: 'follow-up-without-next-step', activityId: 'call', dueAt, createdAt: day(1), ...(completed ? { state: 'DONE', completedAt: day(2) } : {}) })],
      timers: [
        timer({
          id: 'check', kind: 'task-overdue', fireAt: checkAt, taskId: 'follow-up', activityId: 'call', ruleId: escalation.id, ruleKey: escalation.key, createdAt: day(1),
          ...(completed ? { state: 'CANCELLED', settledAt: day(2), commands: [{ at: day(2), event: 'cancelled' }] } : { state: 'FIRED', settledAt: checkAt }),
        }),
      ],
      emails: completed ? [] : [{ kind: 'NOTIFICATION', templateKey: null, ruleKey: escalation.key }],
    });

  test('when the task was done in time then its check never fires; left open, it fires and e-mails the manager', () => {
    expect(differences(noAnswer(true), defaults)).toEqual([]);
    expect(differences(noAnswer(false), defaults)).toEqual([]);
    expect(replayAccount(noAnswer(false), window, ruleSet(defaults)).emails).toEqual([{ what: 'notification e-mail', ruleKey: escalation.key }]);
  });

  test('when the proposed rules escalate after 3 days then the check fires later', () => {
    const later = defaults.map((rule) => (rule.key === escalation.key ? { ...rule, trigger: { kind: 'task_overdue' as const, after: 'P3D' } } : rule));
    expect(differences(noAnswer(false), later)).toEqual([expect.stringMatching(/^timers: task-overdue from rule 'escalate-overdue-task' firing .* actual, .* proposed$/)]);
  });
});

test('when the account was archived then its timers end there and nothing fires after', () => {
  const archived = history({
    status: 'REFUSED',
    account: { id: 'account', name: 'Junk', status: 'REFUSED', segment: null, ownerId: null, fields: {}, timeZone: 'UTC', archivedAt: day(3), wasClientBefore: false },
    timers: [timer({ id: 'recontact', kind: 'recontact', fireAt: day(10), state: 'CANCELLED', settledAt: day(3), ruleKey: 'refusal', createdAt: day(-80), onFire: recontactOnFire, why: refusalWhy, commands: [{ at: day(3), event: 'cancelled' }] })],
  });
  const replayed = replayAccount(archived, window, ruleSet(defaults));
  expect(replayed).toMatchObject({ status: 'REFUSED', tasks: [], timers: [], problems: [] });
});

test('when the proposed rules cannot decide an event then it changes nothing and the reason is reported', () => {
  const lost = history({ activities: [{ id: 'call', type: 'CALL', outcome: 'NO_ANSWER', occurredAt: day(1), nextStep: null, loggedAt: day(1) }] });
  lost.account.timeZone = 'Mars/Olympus_Mons';
  const replayed = replayAccount(lost, window, ruleSet(defaults));
  expect(replayed.tasks).toEqual([]);
  expect(replayed.problems).toEqual([expect.stringMatching(/^CALL NO_ANSWER logged 2026-09-02T00:00:00.000Z: the proposed rules would fail \(Unknown time zone "Mars\/Olympus_Mons"/)]);
});

test('when the proposed timers keep setting statuses that start timers then the replay stops and says so', () => {
  const bounce = (key: string, entered: 'REFUSED' | 'LOST', next: 'REFUSED' | 'LOST') =>
    versioned({ key, name: key, trigger: { kind: 'status_entered', statuses: [entered] }, actions: [{ kind: 'start_timer', timerKind: key, after: { after: 'PT1S' }, onFire: [{ kind: 'set_status', status: next }] }] });
  const refused = history({ activities: [{ id: 'call', type: 'CALL', outcome: 'REFUSED', occurredAt: day(1), nextStep: null, loggedAt: day(1) }] });
  const replayed = replayAccount(refused, window, ruleSet([...without('escalate-overdue-task'), bounce('refused-to-lost', 'REFUSED', 'LOST'), bounce('lost-to-refused', 'LOST', 'REFUSED')]));
  expect(replayed.problems).toEqual([`the proposed rules keep timers firing: the replay stopped after ${maxFiringsPerAccount} firings on this account`]);
});

test('when a decision changed the status twice at one instant then its changes follow their chain', () => {
  const at = day(1);
  const change = (fromStatus: 'CONTRACT_SIGNED' | 'CLIENT' | 'MEETING_HELD', toStatus: 'CLIENT' | 'LOST' | 'CONTRACT_SIGNED') => ({ fromStatus, toStatus, activityId: 'a', timerId: null, changedAt: at });
  expect(inChainOrder([change('CLIENT', 'LOST'), change('CONTRACT_SIGNED', 'CLIENT'), { ...change('MEETING_HELD', 'CONTRACT_SIGNED'), changedAt: day(0) }]).map((c) => c.toStatus)).toEqual(['CONTRACT_SIGNED', 'CLIENT', 'LOST']);
});
