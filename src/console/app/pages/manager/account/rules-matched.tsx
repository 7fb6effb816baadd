import type { RuleMatchedView } from '../../../../../lifecycle/lifecycle.schemas';
import { t } from '../../../i18n/i18n';

/** One rule's verdict in plain words: what it did, or which of its conditions failed. */
const verdictLine = (rule: RuleMatchedView) => `${rule.applied ? t('Applied') : t('Not applied')}: ${rule.explanation}`;

/**
 * The rules whose trigger matched an activity, as small plain text: under the activity in the
 * timeline, and in the answer after logging one. Says so when no rule matched at all.
 */
export function RulesMatched({ rules, label }: { rules: RuleMatchedView[]; label: string }) {
  if (rules.length === 0) return <p class="rules-matched muted">{t('No rule matched this activity: it changed nothing.')}</p>;
  return (
    <ul class="rules-matched muted" aria-label={label}>
      {rules.map((rule, index) => (
        <li key={index} class={rule.applied ? 'rule-applied' : 'rule-not-applied'}>
          {verdictLine(rule)}
        </li>
      ))}
    </ul>
  );
}
