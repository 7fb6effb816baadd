import { DateTime } from 'luxon';
import { z } from 'zod';

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date as YYYY-MM-DD' })
  .refine((text) => DateTime.fromISO(text).isValid, { error: 'is not a real calendar date' });

export const BusinessCalendar = z
  .strictObject({
    weekendDays: z
      .array(z.int().min(1).max(7))
      .default([6, 7])
      .meta({ description: 'ISO weekdays off: 1 = Monday … 7 = Sunday' }),
    holidays: z.array(IsoDate).default([]).meta({ description: "Local dates, in each account's time zone" }),
  })
  .superRefine((calendar, ctx) => {
    // Without a working day, counting business days would never end.
    if (new Set(calendar.weekendDays).size >= 7) {
      ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'at least one day of the week must be a working day' });
    }
  })
  .meta({ id: 'BusinessCalendar' });
export type BusinessCalendar = z.output<typeof BusinessCalendar>;

export const defaultBusinessCalendar: BusinessCalendar = { weekendDays: [6, 7], holidays: [] };

export type DayOff = 'weekend' | 'holiday';

/** Why a local date is not a working day, or undefined when it is one. */
export function dayOff(calendar: BusinessCalendar, localDate: DateTime): DayOff | undefined {
  // A holiday that falls on a weekend is reported as a holiday: it is the more specific reason.
  if (calendar.holidays.length > 0 && calendar.holidays.includes(localDate.toISODate() ?? '')) return 'holiday';
  if (calendar.weekendDays.includes(localDate.weekday)) return 'weekend';
  return undefined;
}

export function workingDaysPerWeek(calendar: BusinessCalendar): number {
  return 7 - new Set(calendar.weekendDays).size;
}
