/** At most this many approvers or escalation contacts per stage (ApprovalSettings) or plan. */
export const MAX_APPROVERS = 20;

/**
 * `list` with `userId` replaced, at its place, by the replacements it does not hold yet (in their
 * order); `userId` simply leaves when they are all there already or there are none. Capped at
 * MAX_APPROVERS, so a replacement by every admin never makes settings the schema refuses.
 */
export function replaceInList(list: readonly string[], userId: string, replacements: readonly string[]): string[] {
  const at = list.indexOf(userId);
  if (at < 0) return [...list];
  const others = list.filter((id) => id !== userId);
  const added = [...new Set(replacements)].filter((id) => id !== userId && !others.includes(id));
  return [...others.slice(0, at), ...added, ...others.slice(at)].slice(0, MAX_APPROVERS);
}

export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, index) => id === b[index]);

/** The ids a JSON settings value holds under `field` (approverIds, escalateToIds), strings only. */
export function idsIn(settings: unknown, field: string): string[] {
  const value = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[field] : undefined;
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
