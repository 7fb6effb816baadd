import { z } from 'zod';
import { ActivityType, Outcome, Status } from '../rules/lifecycle';
import { IncludeArchived } from '../schemas/query-flags.schemas';
import { Text } from '../schemas/text.schemas';

// What the event measures API takes and answers: measures of an event's effect that marketers define
// once, and every event report (of the kinds a measure names) shows.

export const cohorts = ['registrants', 'attendees', 'noShows'] as const;
export const Cohort = z.enum(cohorts).meta({
  id: 'EventMeasureCohort',
  description: 'Whose accounts are measured: registrants (registrations not cancelled), attendees (checked in) or noShows (counted after the end)',
});
export type Cohort = z.output<typeof Cohort>;

export const windowStarts = ['registration', 'eventStart', 'eventEnd'] as const;

/** Longest window a measure may look over: two years after the moment it starts from. */
export const MAX_WINDOW_DAYS = 730;

export const MeasureWindow = z
  .strictObject({
    from: z.enum(windowStarts).meta({ description: "registration: each account's first registration; eventStart, eventEnd: the event's start or end" }),
    days: z.number().int().min(1).max(MAX_WINDOW_DAYS).meta({ description: 'How many days after that moment count (the window closes then)' }),
  })
  .meta({ id: 'EventMeasureWindow' });
export type MeasureWindow = z.output<typeof MeasureWindow>;

/** Figures of the event report a ratio may use, besides other measures (by key). */
export const reportFigures = ['invited', 'registered', 'waiting', 'cancelled', 'attended', 'noShows', 'newAccounts', 'contracts', 'revenue', 'plannedCost', 'actualCost'] as const;
export type ReportFigure = (typeof reportFigures)[number];

const distinct = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .min(1)
    .refine((values) => new Set(values).size === values.length, { error: `each ${what} once` });

export const ActivitiesMeasure = z
  .strictObject({
    kind: z.literal('activities'),
    cohort: Cohort,
    types: distinct(ActivityType, 'type').optional().meta({ description: 'Activity types that count; all when left out' }),
    outcomes: distinct(Outcome, 'outcome').optional().meta({ description: 'Outcomes that count; all when left out' }),
    window: MeasureWindow,
    count: z.enum(['accounts', 'activities']).default('accounts').meta({ description: 'accounts with at least one (the default), or the activities themselves' }),
  })
  .meta({
    id: 'EventMeasureActivities',
    description: "Activities logged on the cohort's accounts in the window (the event's own registration and attendance activities never count)",
  });

export const StatusReachedMeasure = z
  .strictObject({
    kind: z.literal('statusReached'),
    cohort: Cohort,
    statuses: distinct(Status, 'status'),
    window: MeasureWindow,
  })
  .meta({ id: 'EventMeasureStatusReached', description: "The cohort's accounts with a change to one of the statuses in the window" });

const FigureReference = z
  .string()
  .min(1)
  .max(64)
  .meta({ description: `A report figure (${reportFigures.join(', ')}) or the key of another measure that is not a ratio` });

export const RatioMeasure = z
  .strictObject({
    kind: z.literal('ratio'),
    numerator: FigureReference,
    denominator: FigureReference,
    percent: z.boolean().default(false).meta({ description: 'true: the ratio times 100, as a percentage' }),
  })
  .meta({ id: 'EventMeasureRatio', description: 'One figure divided by another; no value when the denominator is 0 or has none' });

export const MeasureDefinition = z
  .discriminatedUnion('kind', [ActivitiesMeasure, StatusReachedMeasure, RatioMeasure])
  .meta({ id: 'EventMeasureDefinition' });
export type MeasureDefinition = z.output<typeof MeasureDefinition>;
export type CountDefinition = Exclude<MeasureDefinition, { kind: 'ratio' }>;

const EventKinds = z
  .array(Text(100))
  .max(50)
  .meta({ description: 'The event kinds (as events name them, any case) whose reports show it; empty or left out: every event' });

const MeasureKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}[a-z0-9]$/, { error: 'lower-case letters, digits and hyphens, 2 to 64 characters, starting with a letter' })
  .refine((key) => !(reportFigures as readonly string[]).includes(key), { error: 'names a report figure already' })
  .meta({ description: 'Names the measure in CSV and in ratios; it never changes', examples: ['meetings-30-days'] });

export const CreateMeasureRequest = z
  .strictObject({
    key: MeasureKey,
    name: Text(200).meta({ description: 'Unique whatever the case', examples: ['Meetings within 30 days'] }),
    description: Text(2000).optional(),
    definition: MeasureDefinition,
    eventKinds: EventKinds.optional(),
  })
  .meta({ id: 'CreateEventMeasureRequest' });
export type CreateMeasureRequest = z.output<typeof CreateMeasureRequest>;

export const UpdateMeasureRequest = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(2000).nullable().optional().meta({ description: 'null clears it' }),
    definition: MeasureDefinition.optional(),
    eventKinds: EventKinds.optional(),
    archived: z.boolean().optional().meta({ description: 'true: reports no longer show it (refused while a ratio uses it); false: back again' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give name, description, definition, eventKinds or archived' })
  .meta({ id: 'UpdateEventMeasureRequest' });
export type UpdateMeasureRequest = z.output<typeof UpdateMeasureRequest>;

export const ListMeasuresQuery = z.strictObject({
  includeArchived: IncludeArchived('measures'),
});
export type ListMeasuresQuery = z.output<typeof ListMeasuresQuery>;

export const MeasureIdParams = z.strictObject({ id: z.uuid() });

export const MeasureView = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    definition: MeasureDefinition,
    explanation: z.string().meta({ description: 'The definition in words' }),
    eventKinds: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    archivedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'EventMeasureView' });
export type MeasureView = z.output<typeof MeasureView>;

export const MeasureList = z.object({ items: z.array(MeasureView) }).meta({ id: 'EventMeasureList' });
export type MeasureList = z.output<typeof MeasureList>;

export const measureUnits = ['accounts', 'activities', 'ratio', 'percent'] as const;

export const EventReportMeasure = z
  .object({
    key: z.string(),
    name: z.string(),
    explanation: z.string().meta({ description: 'What it counts, in words' }),
    unit: z.enum(measureUnits),
    value: z.number().nullable().meta({
      description: 'Counts: whole numbers; ratio: 4 decimal places, percent: 2; null when it cannot be computed (an event without dates, a denominator of 0)',
    }),
    windowClosesAt: z.iso.datetime().nullable().meta({ description: 'Counts: when the last window closes (the value may still grow until then); null for ratios and when unknown' }),
  })
  .meta({ id: 'EventReportMeasure' });
export type EventReportMeasure = z.output<typeof EventReportMeasure>;
