import type { RuleVerdict } from './decision';

/**
 * A verdict in one line: the rule, then what it did or the conditions that kept it from acting
 * ("contract-signed v1: status is CLIENT, needs POTENTIAL, …"). The timeline and the log answer show it.
 */
export function explainVerdict(verdict: Pick<RuleVerdict, 'ruleKey' | 'ruleVersion' | 'applied' | 'did' | 'failedConditions'>): string {
  const words = verdict.applied ? verdict.did : verdict.failedConditions;
  return `${verdict.ruleKey} v${verdict.ruleVersion}: ${words.length ? words.join('; ') : 'nothing to do'}`;
}
