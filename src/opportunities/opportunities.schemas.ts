import { z } from 'zod';
import { Text } from '../schemas/text.schemas';
import { Currency, Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';

const Name = Text(200);

export const opportunityStages = ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'] as const;
/** Stages of deals still open: their amounts are the pipeline. */
export const openStages = ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'] as const;
export const OpportunityStage = z.enum(opportunityStages).meta({ id: 'OpportunityStage' });


/** A calendar day: YYYY-MM-DD that exists (2026-02-30 does not), years 1900-9999. */
const Day = z
  .string()
  .refine((text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || text < '1900-01-01') return false;
    const date = new Date(`${text}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, { error: 'must be a real date as YYYY-MM-DD (from 1900)' })
  .meta({ examples: ['2026-06-30'] });

const links = {
  planId: z.uuid().nullable().optional().meta({ description: 'The plan the deal counts for; any status, EXPIRED included (history). null unlinks' }),
  objectiveId: z.uuid().nullable().optional().meta({ description: "An objective of that plan; given alone, the link takes the objective's plan. null unlinks" }),
  campaignSourceId: z.uuid().nullable().optional().meta({ description: 'The campaign source the deal came from. null unlinks' }),
};

export const CreateOpportunityRequest = z
  .strictObject({
    accountId: z.uuid(),
    name: Name,
    amount: Money,
    currency: Currency,
    stage: OpportunityStage.default('PROSPECTING'),
    expectedCloseDate: Day.nullable().optional(),
    ...links,
  })
  .meta({ id: 'CreateOpportunityRequest' });
export type CreateOpportunityRequest = z.output<typeof CreateOpportunityRequest>;

export const UpdateOpportunityRequest = z
  .strictObject({
    name: Name.optional(),
    amount: Money.optional(),
    currency: Currency.optional(),
    stage: OpportunityStage.optional(),
    expectedCloseDate: Day.nullable().optional(),
    ...links,
  })
  // Only on an otherwise valid body: an unknown field alone is named as such, not as "nothing to change".
  .refine((body) => Object.keys(body).length > 0, { error: 'nothing to change: give at least one field', when: (payload) => payload.issues.length === 0 })
  .meta({ id: 'UpdateOpportunityRequest' });
export type UpdateOpportunityRequest = z.output<typeof UpdateOpportunityRequest>;

export const OpportunityIdParams = z.strictObject({ id: z.uuid() });

const StageList = z
  .string()
  .transform((text, ctx) => {
    const stages = text.split(',').map((stage) => stage.trim());
    const bad = stages.filter((stage) => !(opportunityStages as readonly string[]).includes(stage));
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown stage ${bad.map((stage) => `"${stage}"`).join(', ')}; stages: ${opportunityStages.join(', ')}` });
      return z.NEVER;
    }
    return stages as (typeof opportunityStages)[number][];
  })
  .meta({ description: 'One stage or a comma-separated list', examples: ['WON', 'PROPOSAL,NEGOTIATION'] });

export const ListOpportunitiesQuery = z.strictObject({
  accountId: z.uuid().optional(),
  planId: z.uuid().optional(),
  objectiveId: z.uuid().optional(),
  stage: StageList.optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListOpportunitiesQuery = z.output<typeof ListOpportunitiesQuery>;

export const OpportunityView = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    name: z.string(),
    amount: z.number(),
    currency: z.string(),
    stage: OpportunityStage,
    expectedCloseDate: z.iso.date().nullable(),
    planId: z.uuid().nullable(),
    objectiveId: z.uuid().nullable(),
    campaignSourceId: z.uuid().nullable(),
    ownerId: z.uuid().nullable().meta({ description: "The account's owner when the deal was created" }),
    createdById: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Opportunity' });
export type OpportunityView = z.output<typeof OpportunityView>;

export const OpportunityPage = z
  .object({ items: z.array(OpportunityView), nextCursor: z.string().nullable().meta({ description: 'Pass it as cursor for the next page; null on the last page' }) })
  .meta({ id: 'OpportunityPage' });
export type OpportunityPage = z.output<typeof OpportunityPage>;
