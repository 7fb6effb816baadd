import { z } from 'zod';
import { statuses } from '../rules/lifecycle';

// The lift part of a campaign's return: its list's target cell (mailed, called) against its test cell (kept apart).

const Rate = z.number().nullable();

const LiftStatusesReached = z
  .object(Object.fromEntries(statuses.map((status) => [status, z.number().int()])) as Record<(typeof statuses)[number], z.ZodNumber>)
  .meta({
    id: 'LiftStatusesReached',
    description: 'Accounts of the cell that reached each status since they were listed: a status change to it at or after the listing, or it is their current status',
  });

export const LiftCell = z
  .object({
    cell: z.enum(['TARGET', 'TEST']),
    contacts: z.number().int().meta({ description: 'Contacts listed in the cell' }),
    accounts: z.number().int().meta({ description: 'Distinct accounts of those contacts' }),
    respondingContacts: z.number().int().meta({ description: 'Listed contacts that responded since they were listed: a response of this campaign naming them, or naming their account without a contact' }),
    respondingAccounts: z.number().int().meta({ description: 'Accounts with at least one responding listed contact in the cell' }),
    responseRate: Rate.meta({ description: 'respondingContacts / contacts (the primary measure), 6 decimals; null for an empty cell' }),
    accountResponseRate: Rate.meta({ description: 'respondingAccounts / accounts, 6 decimals' }),
    statusesReached: LiftStatusesReached,
    contracts: z.number().int().meta({ description: 'Accounts of the cell with a change to CONTRACT_SIGNED since they were listed' }),
    contractRate: Rate.meta({ description: 'contracts / accounts, 6 decimals' }),
    wonDeals: z.number().int().meta({ description: "WON opportunities of the cell's accounts linked to the campaign's own sub-sources, in the report currency" }),
    revenue: z.number(),
    revenuePerContact: Rate.meta({ description: 'revenue / contacts, 4 decimals' }),
  })
  .meta({ id: 'LiftCell' });
export type LiftCell = z.output<typeof LiftCell>;

export const ProportionLift = z
  .object({
    unit: z.enum(['contact', 'account']).meta({ description: 'What the rate counts: listed contacts (response rate) or listed accounts (contract rate)' }),
    targetRate: z.number(),
    testRate: z.number(),
    absoluteLift: z.number().meta({ description: 'targetRate - testRate, 6 decimals' }),
    relativeLift: z.number().nullable().meta({ description: '(targetRate - testRate) / testRate, 4 decimals; null when testRate is 0' }),
    confidenceInterval: z
      .object({ level: z.literal(0.95), low: z.number(), high: z.number() })
      .meta({ description: 'Of the absolute lift: Wald interval with the unpooled standard error, 6 decimals' }),
    zScore: z.number().nullable().meta({ description: 'Two-proportion z-test with the pooled standard error, 3 decimals; null when both cells are all successes or all failures' }),
    pValue: z.number().nullable().meta({ description: 'Two-sided p-value of the z-test, 4 significant digits' }),
    smallSample: z.boolean().meta({ description: 'A cell under 30 members or under 10 successes or failures: the normal approximation is doubtful' }),
  })
  .meta({ id: 'ProportionLift' });
export type ProportionLift = z.output<typeof ProportionLift>;

export const liftUnavailableReasons = ['NO_LIST', 'NO_TEST_CELL', 'NO_TARGET_CELL'] as const;

export const CampaignLift = z
  .object({
    target: LiftCell,
    test: LiftCell,
    accountsInBothCells: z.number().int().meta({ description: 'Accounts with listed contacts in both cells: they count in both for the per-account figures' }),
    responseRate: ProportionLift.nullable().meta({ description: 'The primary measure, per listed contact; null when the comparison is unavailable' }),
    contractRate: ProportionLift.nullable().meta({ description: 'Per listed account' }),
    revenuePerContact: z
      .object({ absoluteLift: z.number().meta({ description: '4 decimals' }), relativeLift: z.number().nullable().meta({ description: '4 decimals; null when the test cell has no revenue' }) })
      .nullable()
      .meta({ description: 'The difference only: no interval (revenue per contact is far from normal)' }),
    unavailableReason: z
      .enum(liftUnavailableReasons)
      .nullable()
      .meta({ description: 'Why there is no comparison: the campaign has no list, its list has no test cell, or no target cell' }),
    smallCells: z.boolean().meta({ description: 'The response-rate comparison rests on cells too small for the normal approximation' }),
    caveats: z.array(z.string()).meta({ description: 'What to keep in mind reading the lift, in plain words (also when it is unavailable)' }),
  })
  .meta({
    id: 'CampaignLift',
    description: "The campaign's own list (not its children's): its target cell against its test cell, over every listing (LIST stages, or an evergreen campaign's enrollments)",
  });
export type CampaignLift = z.output<typeof CampaignLift>;

const EnrollmentCell = z.object({
  contacts: z.number().int(),
  respondingContacts: z.number().int(),
  responseRate: Rate.meta({ description: 'respondingContacts / contacts, 6 decimals' }),
  contracts: z.number().int().meta({ description: 'Accounts of this enrollment and cell with a change to CONTRACT_SIGNED since the enrollment' }),
});

export const EnrollmentLine = z
  .object({
    enrollmentId: z.uuid(),
    number: z.number().int(),
    scheduledFor: z.iso.datetime(),
    enrolledAt: z.iso.datetime(),
    status: z.enum(['RUNNING', 'COMPLETED', 'CANCELLED']),
    counts: z
      .object({
        matched: z.number().int(),
        merged: z.number().int(),
        suppressed: z.number().int(),
        inOtherCampaigns: z.number().int(),
        alreadyListed: z.number().int(),
        listed: z.number().int(),
        target: z.number().int(),
        testCell: z.number().int(),
      })
      .meta({ description: 'What the enrollment did, as it recorded it (0 where it recorded nothing)' }),
    target: EnrollmentCell,
    test: EnrollmentCell,
  })
  .meta({ id: 'EnrollmentReturnLine', description: 'One enrollment of an evergreen campaign: its cohort, per cell, and what it brought' });
export type EnrollmentLine = z.output<typeof EnrollmentLine>;

export const ENROLLMENT_LINES_LIMIT = 200;

export const EnrollmentLines = z
  .object({
    total: z.number().int().meta({ description: 'Every enrollment of the campaign' }),
    items: z.array(EnrollmentLine).meta({ description: `The newest ${ENROLLMENT_LINES_LIMIT} enrollments, newest first` }),
  })
  .meta({ id: 'EnrollmentReturnLines' });
export type EnrollmentLines = z.output<typeof EnrollmentLines>;
