import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
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

const sameDays = (a: CalendarView, b: CalendarView) => JSON.stringify([a.weekendDays, a.holidays]) === JSON.stringify([b.weekendDays, b.holidays]);

/**
 * An admin's change of the calendar, with its audit entry (the days before and after) in the same
 * transaction; replacing it with the same days changes nothing and records nothing.
 */
export async function updateCalendar({ db, caller }: RequestContext, calendar: CalendarRequest): Promise<CalendarView> {
  return db.$transaction(async (tx) => {
    // Two admins saving at once: the second reads what the first wrote as its "before".
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('business-calendar'))`;
    const before = await getCalendar(tx);
    const after = await saveCalendar(tx, calendar);
    if (!sameDays(before, after)) {
      const days = ({ weekendDays, holidays }: CalendarView) => ({ weekendDays, holidays });
      await recordAudit(tx, { actorId: caller.id, action: 'calendar.update', entityType: 'calendar', entityId: 'default', before: days(before), after: days(after) });
    }
    return after;
  });
}
