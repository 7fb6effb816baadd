import { z } from 'zod';
import { IncludeArchived } from '../schemas/query-flags.schemas';
import { Text } from '../schemas/text.schemas';

// What the resources API takes and answers: the catalog (rooms, projectors, kits, workbooks) and the
// bookings of events.

export const resourceKinds = ['FIXED', 'COUNTED', 'CONSUMABLE'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
export const ResourceKind = z.enum(resourceKinds).meta({
  id: 'ResourceKind',
  description: 'FIXED: one thing booked by one event at a time (a room); COUNTED: units shared by overlapping events (headsets); CONSUMABLE: stock that reservations take from (workbooks)',
});

/** The most units of one resource the catalog holds; far above any real stock, below int4. */
export const MAX_RESOURCE_QUANTITY = 1_000_000;

const Quantity = z.number().int().min(0).max(MAX_RESOURCE_QUANTITY);
const Description = Text(2000);

export const CreateResourceRequest = z
  .strictObject({
    name: Text(200).meta({ description: 'Unique in the catalog', examples: ['Room Rhône', 'Projector 2', 'Workbook "Pricing 101"'] }),
    kind: ResourceKind,
    quantity: Quantity.optional().meta({ description: 'FIXED: 1 (the default); COUNTED: units owned (at least 1); CONSUMABLE: units in stock (0 or more)' }),
    description: Description.optional().meta({ description: 'What it is, where it is kept' }),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'FIXED' && body.quantity !== undefined && body.quantity !== 1) {
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'a FIXED resource has quantity 1' });
    }
    if (body.kind === 'COUNTED' && body.quantity === 0) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'a COUNTED resource has at least 1 unit' });
  })
  .meta({ id: 'CreateResourceRequest' });
export type CreateResourceRequest = z.output<typeof CreateResourceRequest>;

export const UpdateResourceRequest = z
  .strictObject({
    name: Text(200).optional().meta({ description: 'Unique in the catalog' }),
    quantity: Quantity.optional().meta({
      description: 'FIXED: 1 only; COUNTED: units owned (not below what overlapping bookings hold at some time: 409); CONSUMABLE: the stock left (0 or more)',
    }),
    description: Description.nullable().optional().meta({ description: 'null clears it' }),
    archived: z.boolean().optional().meta({ description: 'true: hidden from the catalog and not bookable (existing bookings stay); false: back again' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give name, quantity, description or archived' })
  .meta({ id: 'UpdateResourceRequest' });
export type UpdateResourceRequest = z.output<typeof UpdateResourceRequest>;

export const CreateBookingRequest = z
  .strictObject({
    resourceId: z.uuid().meta({ description: 'The resource to book (not archived)' }),
    quantity: z.number().int().min(1).max(MAX_RESOURCE_QUANTITY).default(1).meta({ description: 'Units (FIXED: 1); default 1' }),
    note: Text(500).optional().meta({ description: 'For the people preparing the event', examples: ['Ship to the venue by Monday'] }),
  })
  .meta({ id: 'CreateResourceBookingRequest' });
export type CreateBookingRequest = z.output<typeof CreateBookingRequest>;

export const ListResourcesQuery = z.strictObject({
  includeArchived: IncludeArchived('resources'),
});
export type ListResourcesQuery = z.output<typeof ListResourcesQuery>;

export const ResourceIdParams = z.strictObject({ id: z.uuid() });
export const EventBookingsParams = z.strictObject({ id: z.uuid() });
export const EventBookingParams = z.strictObject({ id: z.uuid(), bookingId: z.uuid() });

const iso = z.iso.datetime();

export const ResourceView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: ResourceKind,
    description: z.string().nullable(),
    quantity: z.number().int().meta({ description: 'FIXED: 1; COUNTED: units owned; CONSUMABLE: units left in stock' }),
    userDefined: z.boolean().meta({ description: 'false for the built-in catalog entries' }),
    archivedAt: iso.nullable(),
  })
  .meta({ id: 'ResourceView' });
export type ResourceView = z.output<typeof ResourceView>;

export const ResourceList = z.object({ items: z.array(ResourceView) }).meta({ id: 'ResourceList' });
export type ResourceList = z.output<typeof ResourceList>;

export const BookingView = z
  .object({
    id: z.uuid(),
    resourceId: z.uuid(),
    resourceName: z.string(),
    kind: ResourceKind,
    eventId: z.uuid(),
    eventName: z.string(),
    quantity: z.number().int(),
    startsAt: iso.meta({ description: 'The event’s start when booked (moved with the event)' }),
    endsAt: iso,
    note: z.string().nullable(),
  })
  .meta({ id: 'ResourceBookingView' });
export type BookingView = z.output<typeof BookingView>;

export const BookingList = z.object({ items: z.array(BookingView) }).meta({ id: 'ResourceBookingList' });
export type BookingList = z.output<typeof BookingList>;
