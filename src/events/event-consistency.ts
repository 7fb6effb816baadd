/** An event's fields as a request gives them or as the merged result of a PATCH holds them. */
export interface EventConsistencyInput {
  startsAt?: string | Date | null;
  endsAt?: string | Date | null;
  registrationOpensAt?: string | Date | null;
  registrationClosesAt?: string | Date | null;
  currency?: string | null;
  price?: number | string | { toString(): string } | null;
  costs?: readonly { planned?: unknown; actual?: unknown }[];
}

export interface ConsistencyIssue {
  path: string[];
  message: string;
}

const time = (value: string | Date | null | undefined) => (value === null || value === undefined ? undefined : new Date(value).getTime());

/**
 * What fields of an event say against each other: the end after the start, registration closing
 * by the start and opening before it closes, a currency for any amount. Used by the create schema
 * and, on the merged event, by PATCH (so a change of one date is checked against the stored others).
 */
export function eventConsistencyIssues(event: EventConsistencyInput): ConsistencyIssue[] {
  const issues: ConsistencyIssue[] = [];
  const startsAt = time(event.startsAt);
  const endsAt = time(event.endsAt);
  const opensAt = time(event.registrationOpensAt);
  const closesAt = time(event.registrationClosesAt);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) issues.push({ path: ['endsAt'], message: 'must be after startsAt' });
  if (closesAt !== undefined && startsAt !== undefined && closesAt > startsAt) issues.push({ path: ['registrationClosesAt'], message: 'must be at or before startsAt' });
  if (opensAt !== undefined && closesAt !== undefined && opensAt >= closesAt) issues.push({ path: ['registrationOpensAt'], message: 'must be before registrationClosesAt' });
  else if (opensAt !== undefined && startsAt !== undefined && opensAt >= startsAt) issues.push({ path: ['registrationOpensAt'], message: 'must be before startsAt' });
  const hasAmount = (event.price !== null && event.price !== undefined) || (event.costs ?? []).some((cost) => (cost.planned ?? null) !== null || (cost.actual ?? null) !== null);
  if (hasAmount && !event.currency) issues.push({ path: ['currency'], message: 'is required with a price or cost amounts' });
  return issues;
}
