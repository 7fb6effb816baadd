import { z } from 'zod';
import { Offer, SourceCode } from '../campaigns/campaigns.schemas';
import { Currency, Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';
import { IsoDuration, TimeZone } from '../rules/duration.schemas';
import { eventConsistencyIssues } from './event-consistency';

// What the event planning API takes (bodies, queries, path parameters) and answers (EventView, EventSummary, EventTaskView).

export const eventStatuses = ['DRAFT', 'SCHEDULED', 'COMPLETED', 'CANCELLED'] as const;
export const EventStatus = z.enum(eventStatuses).meta({ id: 'EventStatus' });
export const registrationModes = ['OPEN', 'INVITATION', 'CLOSED'] as const;
export const RegistrationMode = z.enum(registrationModes).meta({ id: 'RegistrationMode' });
export const eventTaskStates = ['PLANNED', 'OPEN', 'DONE', 'CANCELLED'] as const;
export const EventTaskState = z.enum(eventTaskStates).meta({ id: 'EventTaskState' });

export const EventTaskDue = z
  .strictObject({
    days: z.int().min(0).max(365).meta({ description: 'How many days (calendar or business days, see unit)' }),
    unit: z.enum(['businessDays', 'days']).meta({ description: "businessDays skip the business calendar's weekend days and holidays" }),
    relativeTo: z.enum(['start', 'end']).meta({ description: "The event's start or end" }),
    direction: z.enum(['before', 'after']),
  })
  .meta({ id: 'EventTaskDue', description: 'When a task is due, relative to the event; same local time of day in the event’s time zone', examples: [{ days: 5, unit: 'businessDays', relativeTo: 'start', direction: 'before' }] });
export type EventTaskDue = z.output<typeof EventTaskDue>;

// Bounded: PostgreSQL has no year 0 and JavaScript reaches further than its timestamps do.
const EARLIEST = Date.parse('1900-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T00:00:00Z');
const Instant = z.iso.datetime({ offset: true }).refine((value) => Date.parse(value) >= EARLIEST && Date.parse(value) <= LATEST, { error: 'must be between the years 1900 and 9999' });
const PositiveMoney = Money.refine((amount) => amount > 0, { error: 'must be more than zero' });

/** Items are unique by a key whatever its case (codes) or exactly (ids). */
const uniqueBy =
  <T>(what: string, key: (item: T) => string | undefined, field: string, ignoreCase = true) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const raw = key(item);
      if (raw === undefined) return;
      const value = ignoreCase ? raw.toLowerCase() : raw;
      const first = seen.get(value);
      if (first === undefined) seen.set(value, index);
      else ctx.addIssue({ code: 'custom', path: [index, field], message: `repeats the ${what} of item ${first}` });
    });
  };

export const EventSourceInput = z
  .strictObject({ code: SourceCode, name: Text(200), channel: Text(50).optional() })
  .meta({ id: 'EventSourceInput', description: "A sub-source code of the event (in a campaign's event, also one of the campaign's sub-sources)" });
export type EventSourceInput = z.output<typeof EventSourceInput>;
const Sources = z.array(EventSourceInput).max(200).superRefine(uniqueBy<EventSourceInput>('code', (source) => source.code, 'code'));

export const EventCostInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: 'An existing line of this event (kept); left out: a new line' }),
    label: Text(200),
    category: Text(100).optional(),
    planned: Money.optional(),
    actual: Money.optional(),
  })
  .meta({ id: 'EventCostInput', description: 'A budget line: planned, and actual once paid' });
export type EventCostInput = z.output<typeof EventCostInput>;
const Costs = z.array(EventCostInput).max(200).superRefine(uniqueBy<EventCostInput>('id', (cost) => cost.id, 'id', false));

export const EventTaskInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: 'An existing task of this event (kept); left out: a new task' }),
    title: Text(300),
    assigneeId: z.uuid().optional().meta({ description: 'An active user' }),
    due: EventTaskDue,
  })
  .meta({ id: 'EventTaskInput' });
export type EventTaskInput = z.output<typeof EventTaskInput>;
const Tasks = z.array(EventTaskInput).max(200).superRefine(uniqueBy<EventTaskInput>('id', (task) => task.id, 'id', false));

const Offers = z.array(Offer).max(50).superRefine(uniqueBy<Offer>('code', (offer) => offer.code, 'code'));
const TeamIds = z
  .array(z.uuid())
  .max(100)
  .superRefine((ids, ctx) => ids.forEach((id, index) => ids.indexOf(id) !== index && ctx.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` })))
  .meta({ description: 'Active users working on the event' });

const fields = {
  name: Text(200),
  kind: Text(100).meta({ description: 'seminar, webinar, trade fair, customer day...', examples: ['seminar'] }),
  description: Text(5000),
  venue: Text(500),
  onlineUrl: z.url({ protocol: /^https?$/ }).max(2000).meta({ description: 'An http or https link for online events' }),
  timeZone: TimeZone,
  startsAt: Instant.meta({ description: 'ISO 8601 with an offset' }),
  endsAt: Instant.meta({ description: 'After startsAt' }),
  capacity: z.int().min(1).max(1_000_000).nullable().meta({ description: 'Seats; null: no limit' }),
  ownerId: z.uuid().meta({ description: 'An active user; defaults to the caller' }),
  teamIds: TeamIds,
  campaignId: z.uuid().meta({ description: 'The parent campaign' }),
  currency: Currency.meta({ description: 'ISO 4217; required with a price or costs' }),
  price: PositiveMoney.meta({ description: 'A ticket price; left out: free' }),
  offers: Offers,
  sources: Sources,
  costs: Costs,
  tasks: Tasks,
  registrationMode: RegistrationMode,
  registrationOpensAt: Instant.meta({ description: 'When public registration opens; null: when scheduled' }),
  registrationClosesAt: Instant.meta({ description: 'When public registration closes (at most startsAt); null: at the start' }),
  reminderBefore: IsoDuration.meta({ description: 'How long before the start each registered person is reminded; null: no reminder' }),
};

export const CreateEventRequest = z
  .strictObject({
    name: fields.name,
    kind: fields.kind,
    description: fields.description.optional(),
    venue: fields.venue.optional(),
    onlineUrl: fields.onlineUrl.optional(),
    timeZone: fields.timeZone.default('UTC'),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
    capacity: fields.capacity.optional(),
    ownerId: fields.ownerId.optional(),
    teamIds: fields.teamIds.default([]),
    campaignId: fields.campaignId.optional(),
    currency: fields.currency.optional(),
    price: fields.price.optional(),
    offers: fields.offers.default([]),
    sources: fields.sources.optional().meta({ description: "Sub-source codes; left out in a campaign's event: one named after the event" }),
    costs: fields.costs.default([]),
    tasks: fields.tasks.default([]),
    registrationMode: fields.registrationMode.default('OPEN'),
    registrationOpensAt: fields.registrationOpensAt.nullable().optional(),
    registrationClosesAt: fields.registrationClosesAt.nullable().optional(),
    reminderBefore: fields.reminderBefore.nullable().optional(),
  })
  .superRefine((body, ctx) => {
    // Dates that failed their own check are left out: their field's issue says enough.
    const valid = (value: string | null | undefined) => (typeof value === 'string' && Instant.safeParse(value).success ? value : undefined);
    const dates = { startsAt: valid(body.startsAt), endsAt: valid(body.endsAt), registrationOpensAt: valid(body.registrationOpensAt), registrationClosesAt: valid(body.registrationClosesAt) };
    for (const issue of eventConsistencyIssues({ ...body, ...dates })) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  })
  .meta({ id: 'EventRequest' });
export type CreateEventRequest = z.output<typeof CreateEventRequest>;

export const UpdateEventRequest = z
  .strictObject({
    name: fields.name.optional(),
    kind: fields.kind.optional(),
    description: fields.description.nullable().optional(),
    venue: fields.venue.nullable().optional(),
    onlineUrl: fields.onlineUrl.nullable().optional(),
    timeZone: fields.timeZone.optional(),
    startsAt: fields.startsAt.nullable().optional(),
    endsAt: fields.endsAt.nullable().optional(),
    capacity: fields.capacity.optional(),
    ownerId: fields.ownerId.optional(),
    teamIds: fields.teamIds.optional(),
    campaignId: fields.campaignId.nullable().optional(),
    currency: fields.currency.nullable().optional(),
    price: fields.price.nullable().optional(),
    offers: fields.offers.optional().meta({ description: 'Replaces the list' }),
    sources: fields.sources.optional().meta({ description: 'Replaces the list (matched by code)' }),
    costs: fields.costs.optional().meta({ description: 'Replaces the list (items with an id keep it)' }),
    tasks: fields.tasks.optional().meta({ description: 'Replaces the list (items with an id keep it)' }),
    registrationMode: fields.registrationMode.optional(),
    registrationOpensAt: fields.registrationOpensAt.nullable().optional(),
    registrationClosesAt: fields.registrationClosesAt.nullable().optional(),
    reminderBefore: fields.reminderBefore.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give at least one field of the event' })
  .meta({ id: 'UpdateEventRequest', description: 'Any field of EventRequest; lists replace the stored ones. DRAFT and SCHEDULED events only' });
export type UpdateEventRequest = z.output<typeof UpdateEventRequest>;

export const CancelEventRequest = z.strictObject({ reason: Text(500).meta({ description: 'Why the event is cancelled' }) }).meta({ id: 'CancelEventRequest' });
export type CancelEventRequest = z.output<typeof CancelEventRequest>;

export const CopyEventRequest = z
  .strictObject({
    name: fields.name.optional().meta({ description: 'Defaults to the name followed by " (copy)"' }),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.startsAt && body.endsAt && Instant.safeParse(body.startsAt).success && Instant.safeParse(body.endsAt).success && Date.parse(body.endsAt) <= Date.parse(body.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  })
  .meta({ id: 'CopyEventRequest', description: 'A new DRAFT from this event: everything but dates (unless given), registrations and actual costs. With both dates, its resources are booked again for them (409 when one is taken then)' });
export type CopyEventRequest = z.output<typeof CopyEventRequest>;

export const EventIdParams = z.strictObject({ id: z.uuid() });
export const EventTaskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });

export const EventListQuery = z.strictObject({
  status: EventStatus.optional(),
  campaignId: z.uuid().optional(),
  q: Text(200).optional().meta({ description: 'Name, kind or venue contains (case-insensitive)' }),
  cursor: PageCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type EventListQuery = z.output<typeof EventListQuery>;

export const EventTaskListQuery = z.strictObject({
  assigneeId: z.union([z.uuid(), z.literal('me')]).optional().meta({ description: 'A user id, or me' }),
  state: EventTaskState.optional(),
  eventId: z.uuid().optional(),
});
export type EventTaskListQuery = z.output<typeof EventTaskListQuery>;

// Views
const iso = z.iso.datetime();
const money = z.string().meta({ description: 'A decimal amount such as "25.00"' });
const count = z.int();

export const EventTaskView = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventName: z.string(),
    title: z.string(),
    assigneeId: z.uuid().nullable(),
    due: EventTaskDue,
    dueAt: iso.nullable().meta({ description: 'null while PLANNED (the event is not scheduled yet)' }),
    state: EventTaskState,
    completedAt: iso.nullable(),
    escalatedAt: iso.nullable(),
  })
  .meta({ id: 'EventTaskView' });
export type EventTaskView = z.output<typeof EventTaskView>;
export const EventTaskList = z.object({ items: z.array(EventTaskView) }).meta({ id: 'EventTaskList' });

const Counts = { registered: count, waiting: count, cancelled: count, attended: count };
export const EventCounts = z
  .object({ ...Counts, noShows: count.nullable().meta({ description: 'null until counted after the end' }) })
  .meta({ id: 'EventCounts' });
export type EventCounts = z.output<typeof EventCounts>;

export const EventSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string(),
    status: EventStatus,
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    timeZone: z.string(),
    venue: z.string().nullable(),
    capacity: count.nullable(),
    campaignId: z.uuid().nullable(),
    campaignName: z.string().nullable(),
    counts: z.object(Counts),
  })
  .meta({ id: 'EventSummary' });
export type EventSummary = z.output<typeof EventSummary>;
export const EventPage = z.object({ items: z.array(EventSummary), nextCursor: z.string().nullable() }).meta({ id: 'EventPage' });
export type EventPage = z.output<typeof EventPage>;

export const EventView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string(),
    description: z.string().nullable(),
    venue: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    timeZone: z.string(),
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    capacity: count.nullable(),
    ownerId: z.uuid(),
    teamIds: z.array(z.uuid()),
    campaignId: z.uuid().nullable(),
    campaignName: z.string().nullable(),
    currency: z.string().nullable(),
    price: money.nullable(),
    offers: z.array(Offer),
    status: EventStatus,
    registrationMode: RegistrationMode,
    registrationOpensAt: iso.nullable(),
    registrationClosesAt: iso.nullable(),
    registrationOpen: z.boolean().meta({ description: 'Public registration is possible now' }),
    reminderBefore: z.string().nullable(),
    sources: z.array(z.object({ code: z.string(), name: z.string(), channel: z.string().nullable() })),
    costs: z.array(z.object({ id: z.uuid(), label: z.string(), category: z.string().nullable(), planned: money.nullable(), actual: money.nullable() })),
    tasks: z.array(EventTaskView),
    counts: EventCounts,
    registrationUrl: z.string().meta({ description: 'The public registration page' }),
    copiedFromId: z.uuid().nullable(),
    workflowId: z.string().nullable().meta({ description: 'event-<id>; null while DRAFT' }),
    scheduledAt: iso.nullable(),
    endedAt: iso.nullable(),
    endReason: z.string().nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'EventView' });
export type EventView = z.output<typeof EventView>;
