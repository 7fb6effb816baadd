import { z } from 'zod';
import { RuleDefinition } from '../rules/rule.schemas';
import { Slug } from '../rules/slug';

export const RuleKeyParams = z.strictObject({ key: Slug });
export type RuleKeyParams = z.output<typeof RuleKeyParams>;

export const RuleVersionParams = z.strictObject({
  key: Slug,
  version: z.coerce.number<string>().int().min(1).max(1_000_000),
});
export type RuleVersionParams = z.output<typeof RuleVersionParams>;

export const ListRulesQuery = z.strictObject({
  includeHistory: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'true: every version of every rule, not only the current ones' }),
});
export type ListRulesQuery = z.output<typeof ListRulesQuery>;

/**
 * The body of an edit: a whole rule definition, where the key may be left out because the path
 * names it. RuleDefinition's own cross-field checks (one status per rule, no self-loop) cannot
 * be carried over to a changed shape by zod, so they run here by parsing it with any key.
 */
export const RuleUpdateRequest = z
  .strictObject({ ...RuleDefinition.shape, key: Slug.optional().meta({ description: 'Optional; when given it must be the key in the path' }) })
  .superRefine((body, ctx) => {
    for (const issue of RuleDefinition.safeParse({ ...body, key: 'any' }).error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
  })
  .meta({ id: 'RuleUpdateRequest' });
export type RuleUpdateRequest = z.output<typeof RuleUpdateRequest>;

export const RuleView = RuleDefinition.safeExtend({
  id: z.uuid().meta({ description: 'Id of this version; tasks and timers keep it' }),
  version: z.int().min(1),
  isCurrent: z.boolean().meta({ description: 'Whether new events are evaluated with this version' }),
  createdAt: z.iso.datetime(),
  createdById: z.uuid().nullable().meta({ description: 'The admin who wrote it; null for the default rules installed at first start' }),
}).meta({ id: 'Rule' });
export type RuleView = z.output<typeof RuleView>;

export const RuleList = z.object({ items: z.array(RuleView) }).meta({ id: 'RuleList' });

const RuleVersionSummary = z.object({ id: z.uuid(), version: z.int(), createdAt: z.iso.datetime(), createdById: z.uuid().nullable() });

export const RuleDetail = RuleView.safeExtend({
  versions: z.array(RuleVersionSummary).meta({ description: 'Every version, oldest first; none is ever deleted' }),
}).meta({ id: 'RuleWithVersions' });
