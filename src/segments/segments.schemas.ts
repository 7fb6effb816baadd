import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { Status } from '../rules/lifecycle';
import { SegmentCriteria } from './segment-criteria.schemas';

const segmentFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  criteria: SegmentCriteria,
};

export const CreateSegmentRequest = z.strictObject(segmentFields).meta({ id: 'CreateSegmentRequest' });
export type CreateSegmentRequest = z.output<typeof CreateSegmentRequest>;

/** PUT replaces name, description (left out: removed) and criteria. */
export const ReplaceSegmentRequest = z.strictObject(segmentFields).meta({ id: 'ReplaceSegmentRequest' });

export const PreviewCriteriaRequest = z.strictObject({ criteria: SegmentCriteria }).meta({ id: 'PreviewCriteriaRequest' });

export const SegmentIdParams = z.strictObject({ id: z.uuid() });

const sample = z.coerce.number<string>().int().min(0).max(100).default(20).meta({ description: 'How many matched contacts to show (0 to 100)' });
export const PreviewQuery = z.strictObject({ sample });
export type PreviewQuery = z.output<typeof PreviewQuery>;

export const ListSegmentsQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  // Same (createdAt, id) cursor as the accounts list: segments are listed newest first too.
  cursor: PageCursorParam.optional(),
});
export type ListSegmentsQuery = z.output<typeof ListSegmentsQuery>;

export const SegmentView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    criteria: SegmentCriteria,
    createdById: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Segment' });
export type SegmentView = z.output<typeof SegmentView>;

export const SegmentPage = z.object({ items: z.array(SegmentView), nextCursor: z.string().nullable() }).meta({ id: 'SegmentPage' });

export const SegmentPreview = z
  .object({
    count: z.number().int().meta({ description: 'Contacts matched' }),
    accounts: z.number().int().meta({ description: 'Distinct accounts of the matched contacts' }),
    suppressed: z.number().int().meta({ description: 'Matched contacts that are do-not-contact, unsubscribed, bounced or have no e-mail (included in count)' }),
    sample: z.array(
      z.object({ contactId: z.uuid(), contactName: z.string(), email: z.string().nullable(), accountId: z.uuid(), accountName: z.string(), accountStatus: Status }),
    ),
  })
  .meta({ id: 'SegmentPreview' });
export type SegmentPreview = z.output<typeof SegmentPreview>;
