import type { RuleView } from '../../../../../rule-store/rules-api.schemas';
import { humanize } from '../../../format';

const list = (values: readonly string[] | undefined, any: string) => (values?.length ? values.map(humanize).join(' or ') : any);

/** A trigger in words, for the list: "Call or meeting logged (any outcome)". */
export function triggerSummary(trigger: RuleView['trigger']): string {
  switch (trigger.kind) {
    case 'activity_logged':
      return `${list(trigger.activityTypes, 'Any activity')} logged (${trigger.outcomes?.length ? `outcome ${list(trigger.outcomes, '')}` : 'any outcome'})`;
    case 'status_entered':
      return `Status becomes ${list(trigger.statuses, '')}`;
    case 'task_overdue':
      return `${list(trigger.taskTypes, 'Any task')} overdue by ${trigger.after}`;
  }
}
