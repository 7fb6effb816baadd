import { z } from 'zod';
import { EventReportMeasure } from '../event-measures/measures.schemas';
import { Status } from '../rules/lifecycle';
import { EventStatus } from './events.schemas';

export const EventReportParams = z.strictObject({ id: z.uuid() });

const money = z.string().meta({ description: 'A decimal amount with two places, such as "25.00"' });
const count = z.number().int().min(0);

export const EventReportStatusReached = z
  .object({
    status: Status,
    accounts: count.meta({ description: 'Distinct accounts (of registrations not cancelled) with a change to this status at or after their registration' }),
  })
  .meta({ id: 'EventReportStatusReached' });

export const EventReportSource = z
  .object({
    code: z.string().nullable().meta({
      description: "A sub-source code of the event; registrations without a code count under the event's first source (null: an event without sub-sources)",
    }),
    registered: count.meta({ description: 'Registrations with status REGISTERED through this code' }),
    attended: count,
    newAccounts: count.meta({ description: 'Registrations through this code that created their account' }),
  })
  .meta({ id: 'EventReportSource' });

export const EventReportDay = z
  .object({
    date: z.string().meta({ description: "A day (YYYY-MM-DD) in the event's time zone" }),
    registered: count.meta({ description: 'Registrations (any status today) first made that day' }),
    cancelled: count.meta({ description: 'Registrations cancelled that day' }),
  })
  .meta({ id: 'EventReportDay' });

export const EventReport = z
  .object({
    eventId: z.uuid(),
    name: z.string(),
    status: EventStatus,
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    currency: z.string().nullable().meta({
      description: "The event's currency, else its campaign's, else the one most of the counted deals are in (null: none); revenue counts WON opportunities in it only",
    }),
    invited: count.meta({ description: 'Contacts invited (invitation rows)' }),
    registered: count.meta({ description: 'Registrations with status REGISTERED (those who attended included)' }),
    waiting: count,
    cancelled: count,
    attended: count.meta({ description: 'Registrations checked in' }),
    noShows: count.nullable().meta({ description: 'Registered people who did not check in, counted after the end; null until then' }),
    newAccounts: count.meta({ description: 'Registrations that created a NEW account' }),
    statusesReached: z.array(EventReportStatusReached).meta({ description: 'One line per account status, in lifecycle order' }),
    contracts: count.meta({ description: 'Accounts of registrations not cancelled with a change to CONTRACT_SIGNED at or after their registration' }),
    revenue: money.meta({
      description:
        "WON opportunities (in the event's currency) of the registrants' accounts linked to the event's sub-sources; " +
        'for an event without a campaign: closed (WON) after the registration',
    }),
    plannedCost: money,
    actualCost: money,
    costPerAttendee: money.nullable().meta({ description: 'Actual cost (planned when no actual cost is recorded) / attended; null when nobody attended' }),
    costPerContract: money.nullable().meta({ description: 'Actual cost (else planned) / contracts; null without a contract' }),
    bySource: z.array(EventReportSource),
    registrationsByDay: z.array(EventReportDay).meta({ description: 'Days with a registration or a cancellation, oldest first' }),
    measures: z.array(EventReportMeasure).meta({ description: "The event measures defined for the event's kind (GET /event-measures), in the catalog's order" }),
  })
  .meta({ id: 'EventReport' });
export type EventReport = z.output<typeof EventReport>;
