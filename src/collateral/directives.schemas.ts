import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

// Messaging directives: what sellers should say, for the whole company, a manager's team, a
// product, or a team and a product.

const Day = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', { error: 'a day between 1900-01-01 and 2999-12-31' })
  .meta({ description: 'A day, YYYY-MM-DD (inclusive)', examples: ['2027-01-01'] });

export const directiveStatuses = ['ACTIVE', 'ARCHIVED'] as const;
export const DirectiveStatus = z.enum(directiveStatuses).meta({ id: 'DirectiveStatus', description: 'ARCHIVED: shown to nobody, kept for the history' });

export const DIRECTIVE_MAX_TEXT = 5_000;

const periodOrder = (body: { validFrom?: string | null; validUntil?: string | null }, ctx: z.RefinementCtx) => {
  if (body.validFrom && body.validUntil && body.validUntil < body.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must not be before validFrom' });
};

const teamLead = z.uuid().meta({ description: "A manager (any user) whose team it is for: that user and everyone reporting to them, at any depth. None: the whole company (or the product's sellers)" });
const product = Text(200).meta({ description: 'The product it is about, as plans name it; none: every product', examples: ['Widget Pro'] });

export const CreateDirectiveRequest = z
  .strictObject({
    title: Text(200).meta({ examples: ['Lead with the 3-year warranty'] }),
    text: Text(DIRECTIVE_MAX_TEXT).meta({ description: `What to say, up to ${DIRECTIVE_MAX_TEXT} characters` }),
    teamLeadId: teamLead.optional(),
    product: product.optional(),
    validFrom: Day.optional(),
    validUntil: Day.optional(),
  })
  .superRefine(periodOrder)
  .meta({ id: 'CreateDirectiveRequest' });
export type CreateDirectiveRequest = z.output<typeof CreateDirectiveRequest>;

export const UpdateDirectiveRequest = z
  .strictObject({
    title: Text(200).optional(),
    text: Text(DIRECTIVE_MAX_TEXT).optional(),
    teamLeadId: teamLead.nullable().optional().meta({ description: 'null: the whole company' }),
    product: product.nullable().optional().meta({ description: 'null: every product' }),
    validFrom: Day.nullable().optional(),
    validUntil: Day.nullable().optional(),
    status: DirectiveStatus.optional(),
  })
  .superRefine(periodOrder)
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give title, text, teamLeadId, product, validFrom, validUntil or status' })
  .meta({ id: 'UpdateDirectiveRequest' });
export type UpdateDirectiveRequest = z.output<typeof UpdateDirectiveRequest>;

export const DirectiveIdParams = z.strictObject({ id: z.uuid() });
export const AccountIdParams = z.strictObject({ id: z.uuid() });

export const DirectiveListQuery = z.strictObject({
  status: DirectiveStatus.optional(),
  product: Text(200).optional().meta({ description: 'The product, exactly (case-insensitive)' }),
  teamLeadId: z.uuid().optional(),
  cursor: PageCursorParam.optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
});
export type DirectiveListQuery = z.output<typeof DirectiveListQuery>;

export const directiveScopes = ['COMPANY', 'TEAM', 'PRODUCT', 'TEAM_PRODUCT'] as const;

export const DirectiveView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    text: z.string(),
    scope: z.enum(directiveScopes).meta({ description: 'COMPANY: everyone; TEAM: one manager’s team; PRODUCT: one product; TEAM_PRODUCT: both' }),
    teamLeadId: z.uuid().nullable(),
    teamLeadName: z.string().nullable(),
    product: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    status: DirectiveStatus,
    createdById: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Directive' });
export type DirectiveView = z.output<typeof DirectiveView>;

export const DirectivePage = z.object({ items: z.array(DirectiveView).meta({ description: 'Newest first' }), nextCursor: z.string().nullable() }).meta({ id: 'DirectivePage' });
export type DirectivePage = z.output<typeof DirectivePage>;

export const AccountDirectives = z
  .object({
    accountId: z.uuid(),
    products: z.array(z.string()).meta({ description: 'The products the account relates to: those of the plans applied to it and of the objectives that apply to it' }),
    items: z
      .array(DirectiveView.extend({ appliesBecause: z.string().meta({ examples: ['company-wide', 'team of Nina Lead', 'product Widget Pro'] }) }))
      .meta({ description: 'ACTIVE and in their period today: company-wide first, then teams, then products' }),
  })
  .meta({ id: 'AccountDirectives' });
export type AccountDirectives = z.output<typeof AccountDirectives>;
