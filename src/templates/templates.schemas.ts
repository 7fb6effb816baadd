import { z } from 'zod';
import { NO_NUL, noNul, Text } from '../schemas/text.schemas';
import { Slug } from '../rules/slug';
import { templateProblems } from './render-template';

/** A template text whose every `{{ variable }}` is known: a typo is caught when saving, not at send time. */
const templateText = (max: number) =>
  z
    .string()
    .max(max)
    .regex(NO_NUL, noNul)
    .superRefine((source, ctx) => {
      for (const message of templateProblems(source)) ctx.addIssue({ code: 'custom', message });
    });

const variablesHelp = 'Placeholders {{ account.name }}, {{ account.segment }}, {{ account.<field> }}, {{ contact.name|email|title }}, {{ owner.name|email }}, {{ campaign.<field> }}, {{ unsubscribeUrl }}; a missing value renders empty';

export const TemplateKey = Slug.meta({ description: 'Stable name that rules and campaigns use (e.g. welcome-call)' });

const templateFields = {
  name: Text(200),
  subject: templateText(200)
    .regex(/^[^\r\n]*$/, { error: 'must be one line' })
    .refine((subject) => subject.trim().length > 0, { error: 'must not be empty' })
    .meta({ description: `One line. ${variablesHelp}` }),
  text: templateText(100_000)
    .refine((text) => text.trim().length > 0, { error: 'must not be empty' })
    .meta({ description: `The plain-text body. ${variablesHelp}` }),
  html: templateText(100_000).optional().meta({ description: 'An HTML body besides the text; every value put in it is HTML-escaped' }),
};

export const CreateTemplateRequest = z.strictObject({ key: TemplateKey, ...templateFields }).meta({ id: 'CreateTemplateRequest' });
export type CreateTemplateRequest = z.output<typeof CreateTemplateRequest>;

/** PUT replaces the whole content: an html left out is removed. The key never changes. */
export const ReplaceTemplateRequest = z.strictObject(templateFields).meta({ id: 'ReplaceTemplateRequest' });
export type ReplaceTemplateRequest = z.output<typeof ReplaceTemplateRequest>;

export const TemplateKeyParams = z.strictObject({ key: TemplateKey });

export const ListTemplatesQuery = z.strictObject({
  q: Text(200).optional().meta({ description: 'Part of the key or the name' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: Slug.optional().meta({ description: 'The previous page’s nextCursor' }),
});
export type ListTemplatesQuery = z.output<typeof ListTemplatesQuery>;

const templateSummaryFields = {
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  subject: z.string(),
  createdById: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const TemplateSummary = z.object(templateSummaryFields).meta({ id: 'EmailTemplateSummary' });

export const TemplateView = z
  .object({
    ...templateSummaryFields,
    text: z.string(),
    html: z.string().nullable(),
    variables: z.array(z.string()).meta({ description: 'The variables the template uses' }),
  })
  .meta({ id: 'EmailTemplate' });
export type TemplateView = z.output<typeof TemplateView>;

export const TemplatePage = z
  .object({ items: z.array(TemplateSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'EmailTemplatePage', description: 'Templates by key; GET /templates/{key} gives the bodies' });
