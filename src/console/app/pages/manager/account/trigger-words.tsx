import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { readableText } from '../../../field-errors';
import { formatDate, humanize } from '../../../format';
import { t } from '../../../i18n/i18n';
import { activityLabel } from '../../../lifecycle-terms';
import type { AccountActivity } from './account-types';

/**
 * Why a task or timer exists, as the server words it ("CALL activity c6efa870-… logged with outcome
 * CONTACT_MADE"), made readable where the page knows more: the account page provides the activities
 * it shows, so the reader sees "Call on 3 Dec 2026, outcome Contact made", which scrolls to it in the timeline
 * (a button: the console's router owns the address's #).
 */
export type DescribeTrigger = (trigger: string) => ComponentChildren;

export const TriggerWords = createContext<DescribeTrigger | null>(null);

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
// The server's wording: src/rules/match.ts, describeEvent.
const ACTIVITY = new RegExp(`^([A-Z_]+) activity (${UUID}) logged(?: with outcome ([A-Z_]+))?$`);
const STATUS = /^status ([A-Z_]+) entered from ([A-Z_]+) \(rule (\S+) v(\d+), after (.+)\)$/;

/** The anchor of an activity's entry in the timeline. */
export const activityAnchor = (activityId: string) => `activity-${activityId}`;

/** The describer for one account page: its activities by id. */
export function accountTriggerWords(activities: readonly AccountActivity[]): DescribeTrigger {
  const byId = new Map(activities.map((activity) => [activity.id, activity]));
  const describe: DescribeTrigger = (trigger) => {
    const activity = ACTIVITY.exec(trigger);
    if (activity) {
      const [, type, id, outcome] = activity;
      const known = byId.get(id);
      const what = known ? t('{type} on {date}', { type: t(activityLabel(type)), date: formatDate(known.occurredAt) }) : t(activityLabel(type));
      return (
        <>
          {known ? (
            <button type="button" class="link" onClick={() => document.getElementById(activityAnchor(id))?.scrollIntoView({ block: 'center' })}>
              {what}
            </button>
          ) : (
            what
          )}
          {outcome && t(', outcome {outcome}', { outcome: humanize(outcome) })}
          {known?.contactName && ` ${t('with {contactName}', { contactName: known.contactName })}`}
        </>
      );
    }
    const status = STATUS.exec(trigger);
    if (status) {
      const [, to, from, ruleKey, version, cause] = status;
      return (
        <>
          {t('Status {to} entered from {from} by rule {ruleKey} v{version}, after', { to: humanize(to), from: humanize(from), ruleKey, version })} {describe(cause)}
        </>
      );
    }
    return readableText(trigger);
  };
  return describe;
}

/** A trigger in words: the page's describer when there is one, else the text without ids and ISO times. */
export function TriggerText({ text }: { text: string }) {
  const describe = useContext(TriggerWords);
  return <>{describe ? describe(text) : readableText(text)}</>;
}
