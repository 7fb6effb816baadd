import type { Facts } from './match';
import type { Condition } from './trigger.schemas';

/** "A", "A or B", "A, B or C": what a condition would have accepted. */
export function anyOf(values: readonly (string | number | boolean)[]): string {
  const words = values.map(String);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/**
 * A condition that did not hold, in words: what the account or activity was, then what the rule
 * needs ("status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD"). It tells a manager why
 * a rule whose trigger matched did nothing.
 */
export function describeUnmetCondition(condition: Condition, facts: Facts): string {
  const { account } = facts;
  switch (condition.kind) {
    case 'status_in':
      return `status is ${facts.status}, needs ${anyOf(condition.statuses)}`;
    case 'status_not_in':
      return `status is ${facts.status}, needs a status other than ${anyOf(condition.statuses)}`;
    case 'segment_in':
      return `${account.segment === null ? 'the account has no segment' : `segment is ${account.segment}`}, needs ${anyOf(condition.segments)}`;
    case 'owner_set':
      return condition.value ? 'the account has no owner, needs one' : 'the account has an owner, needs none';
    case 'next_step_given':
      return condition.value ? 'the activity planned no next step, needs one' : 'the activity planned a next step, needs none';
    case 'field_equals': {
      const value = account.fields[condition.field];
      // JSON shows the type too: the field "3" does not equal the number 3.
      const is = value === undefined || value === null ? 'is not set' : `is ${JSON.stringify(value)}`;
      return `field ${condition.field} ${is}, needs ${JSON.stringify(condition.value)}`;
    }
    case 'was_client':
      return condition.value
        ? 'the account has never been a CLIENT, needs a current or former client'
        : 'the account is or was a CLIENT, needs one that never was';
  }
}
