import { defaultRules } from '../../src/rules/default-rules';
import { RuleDefinition, type RuleDefinitionInput } from '../../src/rules/rule.schemas';
import { findStatusLoop, ruleSetProblems } from '../../src/rule-store/validate-rule-set';

// Parsed, so a fixture the schema itself refuses fails the test instead of testing nonsense.
const onEntering = (key: string, entered: string[], sets: string, extra: Partial<RuleDefinitionInput> = {}) =>
  RuleDefinition.parse({ key, name: key, trigger: { kind: 'status_entered', statuses: entered }, actions: [{ kind: 'set_status', status: sets }], ...extra });

test('when the default rules get one more rule without status_entered triggers then there is no loop', () => {
  expect(ruleSetProblems(defaultRules, onEntering('client-to-lost', ['CLIENT'], 'LOST'))).toEqual([]);
});

test('when rule A sets X on entering Y and rule B sets Y on entering X then the loop is named, through both rules', () => {
  const a = onEntering('a', ['MEETING_HELD'], 'CONTRACT_SIGNED');
  const b = onEntering('b', ['CONTRACT_SIGNED'], 'MEETING_HELD');
  expect(findStatusLoop([a], b)).toEqual([
    { from: 'CONTRACT_SIGNED', to: 'MEETING_HELD', ruleKey: 'b', actionIndex: 0 },
    { from: 'MEETING_HELD', to: 'CONTRACT_SIGNED', ruleKey: 'a', actionIndex: 0 },
  ]);
  const [problem] = ruleSetProblems([a], b);
  expect(problem.path).toBe('body.actions.0.status');
  expect(problem.message).toContain('entering CONTRACT_SIGNED, rule b sets MEETING_HELD; then entering MEETING_HELD, rule a sets CONTRACT_SIGNED');
});

test('when a loop runs through three rules then it is found', () => {
  const rules = [onEntering('a', ['CLIENT'], 'LOST'), onEntering('b', ['LOST'], 'REFUSED')];
  const loop = findStatusLoop(rules, onEntering('c', ['REFUSED'], 'CLIENT'));
  expect(loop?.map((step) => step.ruleKey)).toEqual(['c', 'a', 'b']);
});

test('when one half of a loop is disabled then there is no loop', () => {
  const a = onEntering('a', ['MEETING_HELD'], 'CONTRACT_SIGNED', { enabled: false });
  expect(findStatusLoop([a], onEntering('b', ['CONTRACT_SIGNED'], 'MEETING_HELD'))).toBeUndefined();
});

test('when the changed rule is an edit then its old version is replaced, so an edit breaking the loop is accepted', () => {
  const a = onEntering('a', ['MEETING_HELD'], 'CONTRACT_SIGNED');
  const b = onEntering('b', ['CONTRACT_SIGNED'], 'MEETING_HELD');
  expect(findStatusLoop([a, b], onEntering('b', ['CONTRACT_SIGNED'], 'CLIENT'))).toBeUndefined();
  expect(findStatusLoop([a, b], { ...b, enabled: false })).toBeUndefined();
});

test('when a stored loop does not involve the changed rule then the edit is not blocked by it', () => {
  const stored = [onEntering('a', ['MEETING_HELD'], 'CONTRACT_SIGNED'), onEntering('b', ['CONTRACT_SIGNED'], 'MEETING_HELD')];
  expect(findStatusLoop(stored, onEntering('c', ['CLIENT'], 'LOST'))).toBeUndefined();
});

test('when a timer of a status_entered rule sets the status back later then it is not a loop: it is a separate, delayed event', () => {
  const a = onEntering('a', ['REFUSED'], 'LOST');
  const b = RuleDefinition.parse({
    key: 'b', name: 'b', trigger: { kind: 'status_entered', statuses: ['LOST'] },
    actions: [{ kind: 'start_timer', timerKind: 'back', after: { after: 'P30D' }, onFire: [{ kind: 'set_status', status: 'REFUSED' }] }],
  });
  expect(findStatusLoop([a], b)).toBeUndefined();
});

test('when activity-triggered rules set statuses then they are not edges: only status_entered rules chain', () => {
  const byActivity = RuleDefinition.parse({ key: 'x', name: 'x', trigger: { kind: 'activity_logged' }, actions: [{ kind: 'set_status', status: 'MEETING_HELD' }] });
  expect(findStatusLoop([onEntering('a', ['MEETING_HELD'], 'CONTRACT_SIGNED')], byActivity)).toBeUndefined();
});
