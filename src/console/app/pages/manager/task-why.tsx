import type { TaskView } from '../../../../lifecycle/lifecycle.schemas';

type Why = TaskView['why'];

const isCampaignWhy = (why: Why): why is Extract<Why, { source: 'campaign' }> => 'source' in why && why.source === 'campaign';

/**
 * Why a task (or timer) exists, as the API explains it: the rule version or campaign stage that
 * made it, its trigger, the conditions that held and how its due time was computed.
 */
export function WhyExplanation({ why }: { why: Why }) {
  const origin = isCampaignWhy(why) ? `Campaign “${why.campaignName}”, stage ${why.stagePosition + 1}${why.stageName ? ` (${why.stageName})` : ''}` : `Rule ${why.ruleKey} v${why.ruleVersion}`;
  return (
    <div class="why">
      <p class="why-summary">
        <strong>Why:</strong> {why.trigger} <span class="muted">— {origin}</span>
      </p>
      {(why.conditions.length > 0 || why.dueExplanation) && (
        <details>
          <summary>Conditions and due time</summary>
          {why.conditions.length > 0 && (
            <ul>
              {why.conditions.map((condition, index) => (
                <li key={index}>{condition}</li>
              ))}
            </ul>
          )}
          {why.dueExplanation && <p class="muted">{why.dueExplanation}</p>}
        </details>
      )}
    </div>
  );
}
