/** The time a booking holds a resource: [startsAt, endsAt), so one event may end when the next starts. */
export interface Span {
  startsAt: Date;
  endsAt: Date;
}

export const overlaps = (a: Span, b: Span): boolean => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export const describeSpan = (span: Span): string => `from ${span.startsAt.toISOString()} to ${span.endsAt.toISOString()}`;
