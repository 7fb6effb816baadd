import { z } from 'zod';

export const MAX_ACCOUNT_IDS = 10_000;

/** Exactly one of: chosen accounts, a saved segment, or every account. */
export const ApplyRequest = z
  .strictObject({
    accountIds: z.array(z.uuid()).min(1).max(MAX_ACCOUNT_IDS).optional().meta({ description: `Chosen accounts (1 to ${MAX_ACCOUNT_IDS}); an unknown or archived one refuses the whole request` }),
    segmentId: z.uuid().optional().meta({ description: 'A saved segment: the accounts with at least one contact it matches' }),
    all: z.literal(true).optional().meta({ description: 'Every account that is not archived' }),
    applicationId: z
      .uuid()
      .optional()
      .meta({ description: 'An id of your choosing for the application, so that GET /plan-applications/:id follows its progress while this request runs; an id already used is a 409' }),
  })
  .superRefine((body, ctx) => {
    const given = (['accountIds', 'segmentId', 'all'] as const).filter((key) => body[key] !== undefined);
    if (given.length === 1) return;
    const message = given.length === 0 ? 'give one of accountIds, segmentId or all: true' : `give only one of ${given.join(', ')}`;
    for (const key of given.length === 0 ? (['accountIds'] as const) : given) ctx.addIssue({ code: 'custom', path: [key], message });
  })
  .meta({ id: 'ApplyRequest' });
export type ApplyRequest = z.output<typeof ApplyRequest>;

export const ApplicationIdParams = z.strictObject({ id: z.uuid() });

const ApplicationState = z.enum(['RUNNING', 'COMPLETED', 'FAILED']);

export const ApplyResult = z
  .object({
    applicationId: z.uuid(),
    state: ApplicationState,
    matched: z.number().int().meta({ description: 'Accounts the target selected' }),
    added: z.number().int().meta({ description: 'Accounts the plan or objective was newly applied to' }),
    alreadyApplied: z.number().int().meta({ description: 'Matched accounts it already applied to (matched - added)' }),
  })
  .meta({ id: 'ApplyResult' });
export type ApplyResult = z.output<typeof ApplyResult>;

export const ApplicationView = z
  .object({
    id: z.uuid(),
    workflowId: z.string().meta({ description: 'The id of the workflow in Temporal that applies it' }),
    planId: z.uuid().nullable(),
    objectiveId: z.uuid().nullable(),
    target: z.object({
      kind: z.enum(['accounts', 'segment', 'all']),
      accounts: z.number().int().optional().meta({ description: 'How many account ids were given' }),
      segmentId: z.uuid().optional(),
    }),
    state: ApplicationState,
    matched: z.number().int(),
    added: z.number().int(),
    byUserId: z.uuid(),
    error: z.string().nullable(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PlanApplication' });
export type ApplicationView = z.output<typeof ApplicationView>;
