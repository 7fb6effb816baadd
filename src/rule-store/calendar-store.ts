import { z } from 'zod';
import type { DbClient } from '../db/prisma';
import { BusinessCalendar, defaultBusinessCalendar } from '../rules/business-calendar';

function refuseDuplicates(values: readonly (string | number)[], field: string, ctx: z.RefinementCtx) {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index) ctx.addIssue({ code: 'custom', path: [field, index], message: `${JSON.stringify(value)} is listed twice` });
  });
}

/**
 * What an admin PUTs: the engine's own BusinessCalendar schema (ISO weekdays 1..7, real
 * YYYY-MM-DD dates, at least one working day), which tolerates repeats; a repeat here is
 * almost always a typo for another date, so it is refused rather than silently merged.
 */
export const CalendarRequest = BusinessCalendar.superRefine((calendar, ctx) => {
  refuseDuplicates(calendar.weekendDays, 'weekendDays', ctx);
  refuseDuplicates(calendar.holidays, 'holidays', ctx);
}).meta({ id: 'BusinessCalendarRequest', description: 'Replaces the whole calendar; a field left out gets its default' });
export type CalendarRequest = z.output<typeof CalendarRequest>;

export const CalendarView = z
  .object({
    weekendDays: z.array(z.int()).meta({ description: 'ISO weekdays off: 1 = Monday … 7 = Sunday' }),
    holidays: z.array(z.string()).meta({ description: 'YYYY-MM-DD, oldest first' }),
    updatedAt: z.iso.datetime().nullable().meta({ description: 'null while the default calendar was never changed' }),
  })
  .meta({ id: 'BusinessCalendarView' });
export type CalendarView = z.output<typeof CalendarView>;

const select = { weekendDays: true, holidays: true, updatedAt: true } as const;
const toView = (row: { weekendDays: number[]; holidays: string[]; updatedAt: Date }): CalendarView => ({ ...row, updatedAt: row.updatedAt.toISOString() });

export async function getCalendar(db: DbClient): Promise<CalendarView> {
  const row = await db.businessCalendar.findUnique({ where: { id: 'default' }, select });
  return row ? toView(row) : { ...defaultBusinessCalendar, updatedAt: null };
}

/** Replaces the one calendar; the next due date computed reads it (no cache to invalidate). */
export async function saveCalendar(db: DbClient, calendar: CalendarRequest): Promise<CalendarView> {
  // Sorted so that an admin reading it back sees the year in order.
  const data = { weekendDays: [...calendar.weekendDays].sort((a, b) => a - b), holidays: [...calendar.holidays].sort() };
  return toView(await db.businessCalendar.upsert({ where: { id: 'default' }, create: { id: 'default', ...data }, update: data, select }));
}
