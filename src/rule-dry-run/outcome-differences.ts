import { formatLocal, inZone } from '../rules/due-date';
import { sameMomentMs } from './replay-account';
import type { WindowOutcome } from './window-outcome';

const byRule = (what: string, ruleKey: string | null) => (ruleKey ? `${what} from rule '${ruleKey}'` : what);

function localTime(date: Date, timeZone: string): string {
  // A duration too long for the calendar (P100000Y) gives no date at all.
  if (Number.isNaN(date.getTime())) return 'no valid date';
  try {
    return formatLocal(inZone(date, timeZone));
  } catch {
    return date.toISOString();
  }
}

function grouped<T>(items: readonly T[], groupOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(groupOf(item));
    if (group) group.push(item);
    else groups.set(groupOf(item), [item]);
  }
  return groups;
}

/**
 * One line on one kind of effect, or undefined when both sides made the same: what one side made
 * more of, per kind and rule; then, where both made as many, the times more than a minute apart.
 */
function effectDifference<T>(
  label: string,
  actual: readonly T[],
  proposed: readonly T[],
  groupOf: (item: T) => string,
  timing?: Timing<T>,
): string | undefined {
  const [actualGroups, proposedGroups] = [grouped(actual, groupOf), grouped(proposed, groupOf)];
  const groups = [...new Set([...actualGroups.keys(), ...proposedGroups.keys()])].sort();
  const counts: string[] = [];
  for (const group of groups) {
    const [a, p] = [actualGroups.get(group)?.length ?? 0, proposedGroups.get(group)?.length ?? 0];
    if (a > p) counts.push(p === 0 ? `no ${group}` : `${a - p} fewer ${group}`);
    if (p > a) counts.push(`${p - a} more ${group}`);
  }
  const times = timing ? timeDifferences(groups, actualGroups, proposedGroups, timing) : [];
  const parts = [...(counts.length ? [`${actual.length} actual, ${proposed.length} proposed (${counts.join('; ')})`] : []), ...times];
  return parts.length ? `${label}: ${parts.join('; ')}` : undefined;
}

interface Timing<T> {
  of: (item: T) => Date;
  verb: string;
  timeZone: string;
}

/** Per group where both sides made as many (otherwise the count says it), the first time more than a minute apart. */
function timeDifferences<T>(groups: string[], actualGroups: Map<string, T[]>, proposedGroups: Map<string, T[]>, timing: Timing<T>): string[] {
  const sorted = (items: readonly T[]) => items.map(timing.of).sort((x, y) => x.getTime() - y.getTime());
  const lines: string[] = [];
  for (const group of groups) {
    const [a, p] = [sorted(actualGroups.get(group) ?? []), sorted(proposedGroups.get(group) ?? [])];
    if (a.length !== p.length) continue;
    const differing = a.flatMap((at, index) => (Math.abs(at.getTime() - p[index].getTime()) > sameMomentMs ? [index] : []));
    if (!differing.length) continue;
    const [first] = differing;
    const more = differing.length > 1 ? ` (and ${differing.length - 1} more)` : '';
    lines.push(`${group} ${timing.verb} ${localTime(a[first], timing.timeZone)} actual, ${localTime(p[first], timing.timeZone)} proposed${more}`);
  }
  return lines;
}

/** What differs between what really happened and the replay, in words an admin reads. */
export function outcomeDifferences(actual: WindowOutcome, proposed: WindowOutcome, timeZone: string): string[] {
  const differences: string[] = [];
  if (actual.status !== proposed.status) differences.push(`status: actual ${actual.status}, proposed ${proposed.status}`);
  const tasks = effectDifference('tasks', actual.tasks, proposed.tasks, (task) => byRule(task.type, task.ruleKey), { of: (task) => task.dueAt, verb: 'due', timeZone });
  const timers = effectDifference('timers', actual.timers, proposed.timers, (timer) => byRule(timer.kind, timer.ruleKey), { of: (timer) => timer.fireAt, verb: 'firing', timeZone });
  const emails = effectDifference('e-mails', actual.emails, proposed.emails, (email) => byRule(email.what, email.ruleKey));
  for (const line of [tasks, timers, emails]) if (line) differences.push(line);
  return [...differences, ...proposed.problems];
}
