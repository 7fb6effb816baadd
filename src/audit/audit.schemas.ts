import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

export const maxAuditPage = 500;
/** A CSV export holds at most this many entries; X-Next-Cursor then names the next file. */
export const maxAuditExport = 10_000;

const day = /^\d{4}-\d{2}-\d{2}$/;
// PostgreSQL has no year 0 (1 BC), which an ISO text may name.
const inPostgresRange = (instant: Date) => instant.getUTCFullYear() >= 1 && instant.getUTCFullYear() <= 9999;
const DAY_MS = 86_400_000;

/** An instant with its offset, or a day (UTC): `from` starts at it, `to` ends with it. */
const Bound = (end: 'from' | 'to') =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()])
    .transform((text) => (day.test(text) ? new Date(Date.parse(`${text}T00:00:00Z`) + (end === 'to' ? DAY_MS : 0)) : new Date(text)))
    .refine(inPostgresRange, { error: 'must be a time between the years 1 and 9999' })
    .meta({ description: end === 'from' ? 'Entries at or after this instant, or from the start of this day (UTC)' : 'Entries before this instant, or up to the end of this day (UTC)' });

export const AuditQuery = z
  .strictObject({
    actorId: z.uuid().optional().meta({ description: 'Who made the change' }),
    action: Text(100).optional().meta({ description: 'e.g. user.update, rule.update, calendar.update, settings.mailing.update' }),
    entityType: Text(100).optional().meta({ description: 'e.g. user, apiKey, session, rule, calendar, settings' }),
    entityId: Text(200).optional().meta({ description: "The changed thing's id (a rule's key, `default` for the calendar, `mailing` for the mailing settings)" }),
    from: Bound('from').optional(),
    to: Bound('to').optional(),
    cursor: PageCursorParam.refine((cursor) => inPostgresRange(cursor.at), { error: 'not a cursor from a previous page (pass nextCursor as it was given)' }).optional(),
    limit: z.coerce
      .number<string>()
      .int()
      .min(1)
      .max(maxAuditPage)
      .optional()
      .meta({ description: `Entries per page: 50 unless given, at most ${maxAuditPage}; a CSV export holds up to ${maxAuditExport.toLocaleString('en')} unless given` }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.to <= query.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
  })
  .meta({ id: 'AuditQuery' });
export type AuditQuery = z.output<typeof AuditQuery>;

export const AuditEntryView = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable().meta({ description: 'null: the system itself (first start, demo data)' }),
    actorName: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    before: z.unknown().meta({ description: 'The changed fields as they were (null for a creation); never a secret' }),
    after: z.unknown().meta({ description: 'The changed fields as they became' }),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.output<typeof AuditEntryView>;

export const AuditPage = z
  .object({
    items: z.array(AuditEntryView).meta({ description: 'Newest first' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next (older) page; null on the last page' }),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.output<typeof AuditPage>;
