import { z } from 'zod';
import { Currency } from '../schemas/money.schemas';
import { NO_NUL, noNul, Text } from '../schemas/text.schemas';

// What the direct-mail API takes and answers: letter templates (a LETTER_TEMPLATE item's text),
// runs, and their files.

export const MAX_TEMPLATE_CHARACTERS = 20_000;
/** The most letters one run takes: a larger mailing is split by segment. */
export const MAX_LETTERS_PER_RUN = 100_000;

export const LetterTemplateRequest = z
  .strictObject({
    text: z
      .string()
      .min(1)
      .max(MAX_TEMPLATE_CHARACTERS)
      .regex(NO_NUL, noNul)
      .refine((text) => text.trim().length > 0, { error: 'must not be blank' })
      .meta({ description: 'The letter, with merge fields: {{contact.name}}, {{account.fields.address}}, {{sender.name}}, {{today}}…; {{field?}} is optional', examples: ['{{today}}\n\nDear {{contact.name}},\n\n…\n\n{{sender.name}}'] }),
    fileName: Text(255)
      .regex(/^[^/\\\u0000-\u001f\u007f]+$/, { error: 'must be a file name without a folder, slashes or control characters' })
      .optional()
      .meta({ description: 'The name downloads of the version get; default letter-template.txt' }),
  })
  .meta({ id: 'LetterTemplateRequest' });
export type LetterTemplateRequest = z.output<typeof LetterTemplateRequest>;

export const directMailOutputs = ['FILES', 'MERGED', 'BOTH'] as const;
export const DirectMailOutput = z.enum(directMailOutputs).meta({ id: 'DirectMailOutput', description: 'FILES: one PDF per contact; MERGED: one PDF with every letter, each from a new page; BOTH' });
export const DirectMailStatus = z.enum(['RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED']).meta({ id: 'DirectMailStatus' });

export const StartDirectMailRunRequest = z
  .strictObject({
    templateItemId: z.uuid().meta({ description: 'An APPROVED LETTER_TEMPLATE item whose current version is a template text' }),
    letterheadItemId: z.uuid().optional().meta({ description: 'An APPROVED item whose current version is a PDF: its first page is the background of every page' }),
    segmentId: z.uuid().optional().meta({ description: "The segment's contacts (exactly one of segmentId and campaignId)" }),
    campaignId: z.uuid().optional().meta({ description: "The campaign's target list, as its LIST stage froze it" }),
    output: DirectMailOutput,
    batchSize: z.int().min(1).max(500).optional().meta({ description: 'Letters rendered per activity (default 100)' }),
    costPerLetter: z
      .number()
      .min(0)
      .max(1000)
      .refine((cost) => Math.abs(Math.round(cost * 10_000) - cost * 10_000) < 1e-6, { error: 'at most four decimals' })
      .optional()
      .meta({ description: "Printing and postage of one letter: a COMPLETED run charges its letters to the checkbook of the budget funding the campaign", examples: [0.85] }),
    currency: Currency.optional().meta({ description: "costPerLetter's currency: the funding budget's" }),
  })
  .superRefine((body, ctx) => {
    if ((body.segmentId === undefined) === (body.campaignId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['segmentId'], message: 'give exactly one of segmentId and campaignId' });
    }
    if ((body.costPerLetter === undefined) !== (body.currency === undefined)) {
      ctx.addIssue({ code: 'custom', path: [body.currency === undefined ? 'currency' : 'costPerLetter'], message: 'give both costPerLetter and currency, or neither' });
    }
    if (body.costPerLetter !== undefined && body.campaignId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['costPerLetter'], message: 'a cost is charged to the budget funding a campaign: give campaignId' });
    }
  })
  .meta({ id: 'StartDirectMailRunRequest' });
export type StartDirectMailRunRequest = z.output<typeof StartDirectMailRunRequest>;

export const DirectMailRunParams = z.strictObject({ id: z.uuid() });
export const DirectMailFileParams = z.strictObject({ id: z.uuid(), contactId: z.uuid() });

export const DirectMailRunListQuery = z.strictObject({
  templateItemId: z.uuid().optional(),
  status: DirectMailStatus.optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
});
export type DirectMailRunListQuery = z.output<typeof DirectMailRunListQuery>;

export const DirectMailPageQuery = z.strictObject({
  after: z.coerce.number<string>().int().min(0).max(10_000_000).optional().meta({ description: 'The position of the last item of the previous page' }),
  limit: z.coerce.number<string>().int().min(1).max(1000).default(200),
});
export type DirectMailPageQuery = z.output<typeof DirectMailPageQuery>;

const FileView = z.object({
  sha256: z.string(),
  sizeBytes: z.int(),
  pages: z.int(),
  downloadPath: z.string(),
});

export const DirectMailRunView = z
  .object({
    id: z.uuid(),
    workflowId: z.string(),
    status: DirectMailStatus,
    output: DirectMailOutput,
    template: z.object({ itemId: z.uuid(), name: z.string().nullable(), version: z.int() }),
    letterhead: z.object({ itemId: z.uuid(), name: z.string().nullable(), version: z.int() }).nullable(),
    recipients: z.object({ segmentId: z.uuid().nullable(), campaignId: z.uuid().nullable(), name: z.string().nullable() }),
    counts: z.object({ listed: z.int(), rendered: z.int(), skipped: z.int(), pending: z.int() }),
    skippedReasons: z.array(z.object({ reason: z.string(), count: z.int() })).meta({ description: 'Why contacts were skipped, most frequent first' }),
    merged: FileView.nullable().meta({ description: 'The merged PDF, once a MERGED or BOTH run is COMPLETED with at least one letter' }),
    cost: z
      .object({ perLetter: z.string(), currency: z.string(), budgetEntryId: z.uuid().nullable().meta({ description: 'The checkbook entry, once the run is COMPLETED and a budget funds the campaign' }) })
      .nullable(),
    senderName: z.string(),
    letterDate: z.string(),
    startedById: z.uuid(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    cancelRequestedAt: z.iso.datetime().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'DirectMailRun' });
export type DirectMailRunView = z.output<typeof DirectMailRunView>;

export const DirectMailRunList = z.object({ items: z.array(DirectMailRunView) }).meta({ id: 'DirectMailRunList' });
export type DirectMailRunList = z.output<typeof DirectMailRunList>;

export const DirectMailFilePage = z
  .object({
    merged: FileView.nullable(),
    items: z.array(
      FileView.extend({ position: z.int(), contactId: z.uuid(), accountId: z.uuid(), contactName: z.string().nullable(), fileName: z.string() }),
    ),
    nextAfter: z.int().nullable().meta({ description: 'Pass it as ?after= for the next page' }),
  })
  .meta({ id: 'DirectMailFilePage' });
export type DirectMailFilePage = z.output<typeof DirectMailFilePage>;

export const DirectMailSkippedPage = z
  .object({
    items: z.array(z.object({ position: z.int(), contactId: z.uuid(), accountId: z.uuid(), contactName: z.string().nullable(), reason: z.string() })),
    nextAfter: z.int().nullable(),
  })
  .meta({ id: 'DirectMailSkippedPage' });
export type DirectMailSkippedPage = z.output<typeof DirectMailSkippedPage>;
