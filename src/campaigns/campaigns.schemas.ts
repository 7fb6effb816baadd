import { z } from 'zod';
import { NO_NUL, Text } from '../schemas/text.schemas';
import { Currency, Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { CohortFilter, EvergreenSettings, StartCondition } from './journey.schemas';
import { ApprovalSettings, CallTasksSettings, ListSettings, MailingSettings, WaitSettings } from './stage-settings.schemas';

// What the campaign API takes: statuses and types, request bodies, queries and path parameters. Its answers are in campaign-views.schemas.ts.

export const campaignStatuses = ['DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const CampaignStatus = z.enum(campaignStatuses).meta({ id: 'CampaignStatus' });

export const stageTypes = ['LIST', 'APPROVAL', 'MAILING', 'CALL_TASKS', 'WAIT'] as const;
export const StageTypeEnum = z.enum(stageTypes).meta({ id: 'CampaignStageType' });
export const stageStatuses = ['PENDING', 'RUNNING', 'COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED'] as const;
export type StageStatus = (typeof stageStatuses)[number];
export const StageStatusEnum = z.enum(stageStatuses).meta({ id: 'CampaignStageStatus' });

export const Budget = z.strictObject({ amount: Money, currency: Currency }).meta({ id: 'CampaignBudget' });
export type Budget = z.output<typeof Budget>;

/** The NUL character anywhere in a settings value: PostgreSQL's jsonb refuses it. */
export function nulPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return NO_NUL.test(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulPaths(item, [...path, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => nulPaths(item, [...path, key]));
  return [];
}

const StartAt = z.iso
  .datetime({ offset: true })
  .nullable()
  .optional()
  .meta({ description: 'When the stage starts (ISO 8601 with an offset, in the future); null or left out: right after the previous stage ends' });
const StageName = Text(200).meta({ description: 'A label for people; defaults to none' });
// Described by their own components (a description on the wrapper would inline them in the OpenAPI document).
const StageStartWhen = StartCondition.nullable().optional();
const StageCohort = CohortFilter.nullable().optional();

function stageInput<T extends (typeof stageTypes)[number], S extends z.ZodType>(type: T, settings: S) {
  return z
    .strictObject({ type: z.literal(type), name: StageName.optional(), startAt: StartAt, startWhen: StageStartWhen, cohort: StageCohort, settings })
    .superRefine((stage, ctx) => {
      for (const path of nulPaths((stage as { settings?: unknown }).settings, ['settings'])) ctx.addIssue({ code: 'custom', path, message: 'must not contain the NUL character' });
    })
    .meta({ id: `${type === 'CALL_TASKS' ? 'CallTasks' : type[0] + type.slice(1).toLowerCase()}StageInput` });
}

export const StageInput = z
  .discriminatedUnion('type', [
    stageInput('LIST', ListSettings),
    stageInput('APPROVAL', ApprovalSettings),
    stageInput('MAILING', MailingSettings),
    stageInput('CALL_TASKS', CallTasksSettings.prefault({})),
    stageInput('WAIT', WaitSettings),
  ])
  .meta({ id: 'CampaignStageInput', description: 'A stage: its type decides what its settings hold' });
export type StageInput = z.output<typeof StageInput>;

export const MAX_STAGES = 20;
const Stages = z.array(StageInput).max(MAX_STAGES);

export const SourceCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'letters, digits, dots, hyphens and underscores, starting with a letter or digit' })
  .meta({ description: 'The code responses quote', examples: ['PRESS-LEMONDE'] });

export const SourceInput = z
  .strictObject({ code: SourceCode, name: Text(200), channel: Text(50).optional(), cost: Money.optional() })
  .meta({ id: 'CampaignSourceInput', description: 'A sub-source: a publication, web site or list broker, with its own code' });
export type SourceInput = z.output<typeof SourceInput>;

/** Codes are unique in a list whatever their case, so a quoted code is never ambiguous. */
const uniqueBy = <T>(what: string, key: (item: T) => string | undefined, field?: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const value = key(item)?.toLowerCase();
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else ctx.addIssue({ code: 'custom', path: field ? [index, field] : [index], message: `repeats the ${what} of item ${first}` });
  });
};

const Sources = z
  .array(SourceInput)
  .max(500)
  .superRefine(uniqueBy<SourceInput>('code', (source) => source.code, 'code'));

export const Offer = z
  .strictObject({ code: Text(50).optional(), name: Text(200), description: Text(2000).optional() })
  .meta({ id: 'CampaignOffer' });
export type Offer = z.output<typeof Offer>;
const Offers = z
  .array(Offer)
  .max(50)
  .superRefine(uniqueBy<Offer>('code', (offer) => offer.code, 'code'));

const Channels = z
  .array(Text(50))
  .max(20)
  .superRefine(uniqueBy<string>('channel', (channel) => channel))
  .meta({ description: 'Free labels such as email, phone, press, web', examples: [['email', 'press']] });

export const CreateCampaignRequest = z
  .strictObject({
    name: Text(200),
    description: Text(5000).optional(),
    parentId: z.uuid().optional().meta({ description: 'The parent campaign: this one becomes its child' }),
    channels: Channels.default([]),
    budget: Budget.optional(),
    offers: Offers.default([]),
    sources: Sources.default([]),
    stages: Stages.default([]).meta({
      description: `0 to ${MAX_STAGES} stages, each starting on its date, its condition, or right after the previous one; none: a tracking-only campaign (press, billboards, a trade fair) that collects responses and costs through its sub-sources`,
    }),
    evergreen: EvergreenSettings.optional(),
  })
  .meta({ id: 'CreateCampaignRequest' });
export type CreateCampaignRequest = z.output<typeof CreateCampaignRequest>;

export const UpdateCampaignRequest = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(5000).nullable().optional(),
    parentId: z.uuid().nullable().optional().meta({ description: 'null: no parent any more' }),
    channels: Channels.optional(),
    budget: Budget.nullable().optional(),
    offers: Offers.optional().meta({ description: 'Replaces the list' }),
    sources: Sources.optional().meta({ description: 'Replaces the list (matched by code); once scheduled, no code may be removed' }),
    stages: Stages.optional().meta({ description: 'DRAFT campaigns only: the whole new list of stages' }),
    // DRAFT campaigns only; null: a campaign with an end again.
    evergreen: EvergreenSettings.nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: 'nothing to change: give at least one of name, description, parentId, channels, budget, offers, sources, stages, evergreen',
  })
  .meta({ id: 'UpdateCampaignRequest' });
export type UpdateCampaignRequest = z.output<typeof UpdateCampaignRequest>;

export const CopyCampaignRequest = z
  .strictObject({ name: Text(200).optional().meta({ description: 'Defaults to the name followed by " (copy)"' }) })
  .meta({ id: 'CopyCampaignRequest' });
export type CopyCampaignRequest = z.output<typeof CopyCampaignRequest>;

/** PATCH /campaigns/:id/stages/:stageId: what editStage changes on a stage that has not started. */
export const EditStageRequest = z
  .strictObject({
    startAt: StartAt,
    startWhen: StageStartWhen,
    cohort: StageCohort,
    name: StageName.optional(),
    settings: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'The whole new settings of the stage’s type (they replace the old ones)' }),
  })
  .refine((body) => [body.startAt, body.startWhen, body.cohort, body.name, body.settings].some((value) => value !== undefined), {
    error: 'nothing to change: give startAt, startWhen, cohort, name or settings',
  })
  .meta({ id: 'EditStageRequest' });
export type EditStageRequest = z.output<typeof EditStageRequest>;

export const CampaignIdParams = z.strictObject({ id: z.uuid() });
export const CampaignStageParams = z.strictObject({ id: z.uuid(), stageId: z.uuid() });

const StatusList = z
  .string()
  .transform((text, ctx): CampaignStatus[] => {
    const parts = text.split(',').map((part) => part.trim());
    const unknown = parts.filter((part) => !(campaignStatuses as readonly string[]).includes(part));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown status ${unknown.map((part) => `"${part}"`).join(', ')} (one of ${campaignStatuses.join(', ')})` });
      return z.NEVER;
    }
    return [...new Set(parts)] as CampaignStatus[];
  })
  .meta({ description: 'One status or a comma-separated list', examples: ['SCHEDULED,RUNNING'] });

export const ListCampaignsQuery = z.strictObject({
  status: StatusList.optional(),
  parentId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .meta({ description: 'The children of this campaign; `none`: top-level campaigns only' }),
  q: Text(200).optional().meta({ description: 'Case-insensitive text in the name or description' }),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListCampaignsQuery = z.output<typeof ListCampaignsQuery>;
