import { z } from 'zod';
import { ProductFigures } from '../products/products.schemas';
import { statuses } from '../rules/lifecycle';
import { CampaignLift, EnrollmentLines } from './lift.schemas';

export const CampaignReportParams = z.strictObject({ id: z.uuid() });

const StatusCounts = z
  .object(Object.fromEntries(statuses.map((status) => [status, z.number().int()])) as Record<(typeof statuses)[number], z.ZodNumber>)
  .meta({
    id: 'StatusesReached',
    description:
      'Responding accounts that reached each status since their first response (through this sub-source, or this campaign tree): ' +
      'a status change to it at or after that response, or it is their current status. One account can count under several statuses.',
  });

/** The figures of one line of the report: a sub-source, a campaign (with its children) or the total. */
const Figures = {
  responses: z.number().int(),
  accounts: z.number().int().meta({ description: 'Distinct accounts that responded' }),
  accountsCreated: z.number().int().meta({ description: 'Accounts a response created (new leads)' }),
  statusesReached: StatusCounts,
  contracts: z.number().int().meta({ description: 'Responding accounts with a change to CONTRACT_SIGNED at or after their first response' }),
  wonDeals: z.number().int(),
  revenue: z.number().meta({ description: 'Amount of the WON opportunities linked to the sub-source(s), in the report currency' }),
  pipeline: z.number().meta({ description: 'Amount of the open opportunities (prospecting to negotiation) linked to the sub-source(s)' }),
  cost: z.number().nullable().meta({ description: 'Source costs where set; a campaign whose sources have none counts its budget. null: unknown' }),
  costPerResponse: z.number().nullable().meta({ description: 'cost / responses, to the cent; null without a cost or a response' }),
  returnOnSpend: z.number().nullable().meta({ description: 'revenue / cost (4 decimals); null without a cost' }),
};

export const CampaignReportSource = z
  .object({ sourceId: z.uuid(), campaignId: z.uuid(), code: z.string(), name: z.string(), channel: z.string().nullable(), ...Figures })
  .meta({ id: 'CampaignReportSource' });

export const CampaignReportCampaign = z
  .object({ campaignId: z.uuid(), name: z.string(), parentId: z.uuid().nullable(), budget: z.number().nullable(), ...Figures })
  .meta({ id: 'CampaignReportCampaign', description: 'One campaign of the tree, its children rolled up into it' });

export const CampaignReport = z
  .object({
    campaignId: z.uuid(),
    name: z.string(),
    currency: z.string().nullable().meta({ description: "The campaign's currency (else the one of its linked deals); amounts in other currencies are left out and counted in otherCurrencyDeals" }),
    otherCurrencyDeals: z.number().int(),
    total: z.object(Figures),
    sources: z.array(CampaignReportSource).meta({ description: "Every sub-source of the campaign and of its children (at any depth)" }),
    campaigns: z.array(CampaignReportCampaign).meta({ description: 'The campaign then each campaign below it, each with its own children rolled up' }),
    lift: CampaignLift,
    perProduct: z
      .array(ProductFigures)
      .meta({ description: 'The return per product: line items of the deals linked to the sub-sources of the campaign tree, in the report currency (won: revenue)' }),
    enrollments: EnrollmentLines.nullable().meta({ description: 'An evergreen campaign’s enrollments, newest first; null for a campaign that is not evergreen' }),
  })
  .meta({ id: 'CampaignReport' });
export type CampaignReport = z.output<typeof CampaignReport>;
export type CampaignReportFigures = z.output<typeof CampaignReport>['total'];
