import { z } from 'zod';
import { Text } from '../schemas/text.schemas';

/** The statuses in the funnel's order: the main path first, then the two ways out. */
export const funnelMainPath = ['NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT'] as const;
export const funnelStatuses = [...funnelMainPath, 'REFUSED', 'LOST'] as const;
export type FunnelStatus = (typeof funnelStatuses)[number];

const Day = z.iso.date().meta({ description: 'YYYY-MM-DD (UTC day)' });

export const FunnelQuery = z
  .strictObject({
    segment: Text(100).optional(),
    ownerId: z.uuid().optional(),
    owner: z.literal('me').optional().meta({ description: 'owner=me: the accounts the caller owns' }),
    leadSource: Text(200).optional(),
    from: Day.optional().meta({ description: 'Accounts created on or after this day (UTC)' }),
    to: Day.optional().meta({ description: 'Accounts created on or before this day (UTC)' }),
  })
  .superRefine((query, context) => {
    if (query.owner && query.ownerId) context.addIssue({ code: 'custom', path: ['owner'], message: 'give owner=me or ownerId, not both' });
    if (query.from && query.to && query.to < query.from) context.addIssue({ code: 'custom', path: ['to'], message: `The period ends (${query.to}) before it starts (${query.from})` });
  });
export type FunnelQuery = z.output<typeof FunnelQuery>;

export const FunnelStep = z
  .object({
    status: z.enum(funnelStatuses),
    current: z.number().int().meta({ description: 'Accounts in this status now' }),
    reached: z.number().int().meta({ description: 'Accounts that ever entered this status (status history); NEW: every account' }),
    conversion: z
      .number()
      .nullable()
      .meta({ description: 'Main path only: reached / reached of the previous status, rounded to 4 decimals; null for NEW, REFUSED, LOST and when the previous status was reached by none' }),
    medianSecondsInStatus: z
      .number()
      .nullable()
      .meta({ description: 'Median time between entering the status and leaving it, over the finished stays (stays still open are left out); null when none finished' }),
    finishedStays: z.number().int().meta({ description: 'How many finished stays the median is taken over' }),
  })
  .meta({ id: 'FunnelStep' });

export const FunnelReport = z
  .object({
    filters: z.object({
      segment: z.string().nullable(),
      ownerId: z.uuid().nullable(),
      leadSource: z.string().nullable(),
      from: z.iso.date().nullable(),
      to: z.iso.date().nullable(),
    }),
    accounts: z.number().int().meta({ description: 'Accounts counted (not archived, in the filters and the caller’s scope)' }),
    steps: z.array(FunnelStep).meta({ description: 'One per status: NEW, POTENTIAL, CONTACT_ESTABLISHED, MEETING_HELD, CONTRACT_SIGNED, CLIENT, REFUSED, LOST' }),
  })
  .meta({ id: 'FunnelReport' });
export type FunnelReport = z.output<typeof FunnelReport>;
