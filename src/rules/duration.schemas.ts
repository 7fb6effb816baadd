import { Duration, IANAZone } from 'luxon';
import { z } from 'zod';

// Rules name a handful of durations, evaluated for every event: each text is parsed once (a
// Duration is immutable). Bounded, since the schemas parse whatever a request sends.
const durations = new Map<string, Duration>();

/** Duration.fromISO, remembered. */
export function parsedDuration(text: string): Duration {
  let duration = durations.get(text);
  if (!duration) {
    if (durations.size >= 1000) durations.clear();
    duration = Duration.fromISO(text);
    durations.set(text, duration);
  }
  return duration;
}

/**
 * Why an ISO 8601 duration is unusable, or undefined when it is fine. Shared by the schemas
 * and by computeDue, so a rule stored before a check existed still fails with the same words.
 */
export function isoDurationProblem(text: string): string | undefined {
  const duration = parsedDuration(text);
  if (!duration.isValid) return `"${text}" is not an ISO 8601 duration (examples: P90D, PT2H, P1W, P1DT12H)`;
  const values = Object.values(duration.toObject());
  if (values.some((value) => value < 0)) return `"${text}" must not be negative`;
  // Luxon's calendar arithmetic on fractional months or days is surprising; whole units are not.
  if (values.some((value) => !Number.isInteger(value))) return `"${text}" must use whole numbers (PT90M rather than PT1.5H)`;
  if (!values.some((value) => value > 0)) return `"${text}" must be longer than zero`;
  return undefined;
}

/** How many business days a duration means, or a problem when it is not whole days or weeks. */
export function businessDayCount(text: string, workingDaysPerWeek: number): number | string {
  const { weeks = 0, days = 0, ...others } = parsedDuration(text).toObject();
  if (Object.values(others).some((value) => value !== 0)) {
    return `"${text}" counts business days, so it must be whole days or weeks (PnD or PnW)`;
  }
  // A business week is the calendar's working days, so P1W means "same weekday next week".
  return weeks * workingDaysPerWeek + days;
}

export const IsoDuration = z
  .string()
  .superRefine((text, ctx) => {
    const problem = isoDurationProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({ id: 'IsoDuration', description: 'A positive ISO 8601 duration in whole units', examples: ['P90D', 'PT2H', 'P1W'] });
export type IsoDuration = z.output<typeof IsoDuration>;

export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a local time of day as HH:mm (00:00 to 23:59)' })
  .meta({ id: 'LocalTime', examples: ['10:00'] });

export const TimeZone = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), {
    error: (issue) => `"${String(issue.input)}" is not an IANA time zone (for example Europe/Paris)`,
  })
  .meta({ id: 'TimeZone', examples: ['Europe/Paris'] });
export type TimeZone = z.output<typeof TimeZone>;

export const DueSpec = z
  .strictObject({
    after: IsoDuration,
    businessDays: z.boolean().default(false).meta({ description: 'Count whole days on the business calendar' }),
    at: LocalTime.optional().meta({ description: "Time of day in the account's time zone; replaces the computed one" }),
  })
  .superRefine((spec, ctx) => {
    if (!spec.businessDays || isoDurationProblem(spec.after)) return;
    const count = businessDayCount(spec.after, 5);
    if (typeof count === 'string') ctx.addIssue({ code: 'custom', path: ['after'], message: count });
  })
  .meta({ id: 'DueSpec' });
export type DueSpec = z.output<typeof DueSpec>;
/** DueSpec before defaults: what computeDue accepts, so callers may leave businessDays out. */
export type DueSpecInput = z.input<typeof DueSpec>;
