import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { formatDuration } from '../../../duration';
import { humanize } from '../../../format';
import { t } from '../../../i18n/i18n';

const list = (values: readonly string[] | undefined, any: string) => (values?.length ? values.map(humanize).join(t(' or ')) : any);

/** A trigger in words, for the list: "Call or meeting logged (any outcome)". */
export function triggerSummary(trigger: RuleView['trigger']): string {
  switch (trigger.kind) {
    case 'activity_logged':
      return trigger.outcomes?.length
        ? t('{types} logged (outcome {outcomes})', { types: list(trigger.activityTypes, t('Any activity')), outcomes: list(trigger.outcomes, '') })
        : t('{types} logged (any outcome)', { types: list(trigger.activityTypes, t('Any activity')) });
    case 'status_entered':
      return t('Status becomes {statuses}', { statuses: list(trigger.statuses, '') });
    case 'task_overdue':
      return t('{types} overdue by {after}', { types: list(trigger.taskTypes, t('Any task')), after: formatDuration(trigger.after) });
  }
}
