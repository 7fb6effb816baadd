import { z } from 'zod';

export const AttachedItem = z
  .object({
    itemId: z.uuid(),
    name: z.string(),
    kind: z.string(),
    version: z.int().nullable().meta({ description: 'The version the stage started with; for a stage not started yet, the current version (null without a file)' }),
    as: z.enum(['file', 'link', 'callScript', 'kitItem']).meta({ description: 'How the stage uses it: attached to its messages, linked from them, as its tasks’ call script, or as an item of its tasks’ kit' }),
    kitId: z.uuid().nullable().meta({ description: 'The kit it came with, if any' }),
    kitName: z.string().nullable(),
  })
  .meta({ id: 'AttachedCollateralItem' });
export type AttachedItem = z.output<typeof AttachedItem>;

export const AttachedCollateral = z
  .object({
    campaignId: z.uuid(),
    stages: z.array(
      z.object({
        stageId: z.uuid(),
        position: z.int(),
        type: z.enum(['MAILING', 'CALL_TASKS']),
        status: z.string(),
        started: z.boolean().meta({ description: 'true: the items as the stage started with them (frozen); false: as its settings plan them now' }),
        items: z.array(AttachedItem),
        leftOut: z.array(z.object({ itemId: z.uuid(), reason: z.string() })).meta({ description: 'What the stage named but could not use when it started' }),
      }),
    ),
  })
  .meta({ id: 'AttachedCollateral', description: "The library items a campaign's MAILING and CALL_TASKS stages attach (kits expanded), stage by stage" });
export type AttachedCollateral = z.output<typeof AttachedCollateral>;
