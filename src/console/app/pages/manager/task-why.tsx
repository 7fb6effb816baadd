import type { TaskView } from '../../../../lifecycle/lifecycle.schemas';
import { readableText } from '../../field-errors';
import { t } from '../../i18n/i18n';
import { TriggerText } from './account/trigger-words';

type Why = TaskView['why'];

const isCampaignWhy = (why: Why): why is Extract<Why, { source: 'campaign' }> => 'source' in why && why.source === 'campaign';

/**
 * Why a task (or timer) exists, as the API explains it: the rule version or campaign stage that
 * made it, its trigger, the conditions that held and how its due time was computed.
 */
export function WhyExplanation({ why }: { why: Why }) {
  const origin = isCampaignWhy(why) ? why.stageName
      ? t('Campaign “{campaign}”, stage {number} ({stage})', { campaign: why.campaignName, number: why.stagePosition + 1, stage: why.stageName })
      : t('Campaign “{campaign}”, stage {number}', { campaign: why.campaignName, number: why.stagePosition + 1 }) : t('Rule {ruleKey} v{ruleVersion}', { ruleKey: why.ruleKey, ruleVersion: why.ruleVersion });
  return (
    <div class="why">
      <p class="why-summary">
        <strong>{t('Why:')}</strong> <TriggerText text={why.trigger} /> <span class="muted">— {origin}</span>
      </p>
      {(why.conditions.length > 0 || why.dueExplanation) && (
        <details>
          <summary>{t('Conditions and due time')}</summary>
          {why.conditions.length > 0 && (
            <ul>
              {why.conditions.map((condition, index) => (
                <li key={index}>{readableText(condition)}</li>
              ))}
            </ul>
          )}
          {why.dueExplanation && <p class="muted">{readableText(why.dueExplanation)}</p>}
        </details>
      )}
    </div>
  );
}
