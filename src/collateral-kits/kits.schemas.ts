import { z } from 'zod';
import { Text } from '../schemas/text.schemas';
import { CollateralKind, CollateralStatus } from '../collateral/collateral.schemas';

// What the kits API takes and answers: a kit bundles APPROVED collateral items, in order, for a
// segment and/or a channel.

export const kitChannels = ['EMAIL', 'MAIL', 'PHONE', 'EVENT', 'FIELD'] as const;
export const KitChannel = z
  .enum(kitChannels)
  .meta({ id: 'CollateralKitChannel', description: 'EMAIL: campaign mailings; MAIL: printed mail; PHONE: calls; EVENT: events; FIELD: visits' });
export type KitChannel = z.output<typeof KitChannel>;

export const kitStatuses = ['ACTIVE', 'ARCHIVED'] as const;
export const KitStatus = z.enum(kitStatuses).meta({ id: 'CollateralKitStatus', description: 'ACTIVE: offered to stages; ARCHIVED: kept for the stages that used it' });

export const MAX_KIT_ITEMS = 50;

const KitItemIds = z
  .array(z.uuid())
  .min(1)
  .max(MAX_KIT_ITEMS)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an item' })
  .meta({ description: 'APPROVED collateral items, in the order the kit shows them' });

export const CreateKitRequest = z
  .strictObject({
    name: Text(200).meta({ examples: ['Retail spring kit'] }),
    description: Text(2000).optional(),
    segmentId: z.uuid().optional().meta({ description: 'The segment the kit is for' }),
    channel: KitChannel.optional(),
    itemIds: KitItemIds,
  })
  .refine((body) => body.segmentId !== undefined || body.channel !== undefined, { error: 'a kit is for a segment, a channel or both: give segmentId or channel', path: ['segmentId'] })
  .meta({ id: 'CreateCollateralKitRequest' });
export type CreateKitRequest = z.output<typeof CreateKitRequest>;

export const UpdateKitRequest = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(2000).nullable().optional().meta({ description: 'null clears it' }),
    segmentId: z.uuid().nullable().optional().meta({ description: 'null clears it (the kit then needs a channel)' }),
    channel: KitChannel.nullable().optional().meta({ description: 'null clears it (the kit then needs a segment)' }),
    itemIds: KitItemIds.optional().meta({ description: 'Replaces the items and their order' }),
    status: KitStatus.optional().meta({ description: 'ARCHIVED archives the kit; ACTIVE offers it again' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give name, description, segmentId, channel, itemIds or status' })
  .meta({ id: 'UpdateCollateralKitRequest' });
export type UpdateKitRequest = z.output<typeof UpdateKitRequest>;

export const KitIdParams = z.strictObject({ id: z.uuid() });

export const KitListQuery = z.strictObject({
  status: KitStatus.optional(),
  channel: KitChannel.optional(),
  segmentId: z.uuid().optional(),
  q: Text(200).optional().meta({ description: 'Name or description contains (case-insensitive)' }),
});
export type KitListQuery = z.output<typeof KitListQuery>;

export const KitItemView = z
  .object({
    itemId: z.uuid(),
    name: z.string(),
    kind: CollateralKind,
    status: CollateralStatus.meta({ description: 'Now: an item retired after it was put in the kit shows RETIRED, and stages refuse the kit until it is taken out' }),
    language: z.string(),
    currentVersion: z.int().nullable(),
    fileName: z.string().nullable(),
    sizeBytes: z.int().nullable(),
  })
  .meta({ id: 'CollateralKitItem' });
export type KitItemView = z.output<typeof KitItemView>;

export const KitView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    segmentId: z.uuid().nullable(),
    segmentName: z.string().nullable().meta({ description: 'null when the segment was deleted' }),
    channel: KitChannel.nullable(),
    status: KitStatus,
    items: z.array(KitItemView).meta({ description: 'In the kit’s order' }),
    createdById: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    archivedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CollateralKit' });
export type KitView = z.output<typeof KitView>;

export const KitList = z.object({ items: z.array(KitView).meta({ description: 'Newest first' }) }).meta({ id: 'CollateralKitList' });
export type KitList = z.output<typeof KitList>;
