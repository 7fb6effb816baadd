export interface FieldChange {
  /** Where the change is: `managerId`, `definition.actions.0.due.after`, or `value` for a whole value. */
  field: string;
  /** Absent when the field is new. */
  before?: string;
  /** Absent when the field was removed. */
  after?: string;
}

const MAX_VALUE_LENGTH = 80;

/** A value in one short line: strings as they are, null as "none", anything else as compact JSON, cut with an ellipsis. */
export function compactValue(value: unknown): string {
  const text = typeof value === 'string' ? value : value === null ? 'none' : value === undefined ? '' : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const objectsAlike = (before: unknown[], after: unknown[]) => before.length === after.length && before.every((item, index) => isRecord(item) && isRecord(after[index]));

/**
 * The leaves that differ under `path`: objects on both sides, and lists of as many objects (a rule's
 * actions), are compared inside; a list of plain values (weekend days, holidays) as a whole.
 */
function differences(path: string, before: unknown, after: unknown, present: { before: boolean; after: boolean }): FieldChange[] {
  if (present.before && present.after && same(before, after)) return [];
  const comparable = present.before && present.after && ((isRecord(before) && isRecord(after)) || (Array.isArray(before) && Array.isArray(after) && objectsAlike(before, after)));
  if (comparable) {
    const old = before as Record<string, unknown>;
    const next = after as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
    return keys.flatMap((key) => differences(path ? `${path}.${key}` : key, old[key], next[key], { before: key in old, after: key in next }));
  }
  return [{ field: path || 'value', ...(present.before ? { before: compactValue(before) } : {}), ...(present.after ? { after: compactValue(after) } : {}) }];
}

const present = (value: unknown) => value !== null && value !== undefined;

/**
 * What an audit entry changed: each field whose value differs between `before` and `after`, down to
 * the leaf that changed (`definition.enabled` of a rule rather than its whole definition). A creation
 * (no `before`) lists each field as new, a removal (no `after`) each field as gone.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  if (!present(before) && isRecord(after)) return Object.entries(after).map(([field, value]) => ({ field, after: compactValue(value) }));
  if (isRecord(before) && !present(after)) return Object.entries(before).map(([field, value]) => ({ field, before: compactValue(value) }));
  return differences('', before, after, { before: present(before), after: present(after) });
}
