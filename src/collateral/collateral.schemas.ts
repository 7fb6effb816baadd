import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';
import { collateralMediaTypes } from './file-types';
import { LanguageTag } from './language-tag';

// What the collateral library's API takes and answers: items, their versions (uploaded files) and
// their status.

export const collateralKinds = ['BROCHURE', 'FLYER', 'PRESENTATION', 'DATASHEET', 'IMAGE', 'CALL_SCRIPT', 'LETTER_TEMPLATE', 'OTHER'] as const;
export const CollateralKind = z.enum(collateralKinds).meta({ id: 'CollateralKind' });

export const collateralStatuses = ['DRAFT', 'APPROVED', 'RETIRED'] as const;
export const CollateralStatus = z
  .enum(collateralStatuses)
  .meta({ id: 'CollateralStatus', description: 'DRAFT: being prepared; APPROVED: offered to sellers; RETIRED: kept for the history, offered no more' });

const Product = Text(200).meta({ description: 'The product it is about, as plans name it (free text)', examples: ['Widget Pro'] });

export const CreateCollateralRequest = z
  .strictObject({
    name: Text(200).meta({ examples: ['Widget Pro brochure'] }),
    description: Text(2000).optional(),
    kind: CollateralKind,
    product: Product.optional(),
    language: LanguageTag,
  })
  .meta({ id: 'CreateCollateralRequest' });
export type CreateCollateralRequest = z.output<typeof CreateCollateralRequest>;

export const UpdateCollateralRequest = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(2000).nullable().optional().meta({ description: 'null clears it' }),
    kind: CollateralKind.optional(),
    product: Product.nullable().optional().meta({ description: 'null clears it' }),
    language: LanguageTag.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give name, description, kind, product or language' })
  .meta({ id: 'UpdateCollateralRequest' });
export type UpdateCollateralRequest = z.output<typeof UpdateCollateralRequest>;

export const CollateralIdParams = z.strictObject({ id: z.uuid() });
export const CollateralVersionParams = z.strictObject({
  id: z.uuid(),
  number: z.coerce.number<string>().int().min(1).max(1_000_000).meta({ description: 'The version number, from 1' }),
});

export const CollateralListQuery = z.strictObject({
  status: CollateralStatus.optional().meta({ description: 'Managers see APPROVED items only, whatever they ask' }),
  kind: CollateralKind.optional(),
  product: Text(200).optional().meta({ description: 'The product, exactly (case-insensitive)' }),
  language: LanguageTag.optional().meta({ description: 'en also finds en-GB and en-US' }),
  q: Text(200).optional().meta({ description: 'Name or description contains (case-insensitive)' }),
  cursor: PageCursorParam.optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
});
export type CollateralListQuery = z.output<typeof CollateralListQuery>;

/** No lone UTF-16 surrogate: such a name can be neither stored nor put in a header. */
const isWellFormed = (text: string) => {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

export const UploadQuery = z.strictObject({
  fileName: Text(255)
    .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name) && isWellFormed(name), { error: 'must be a file name without a folder, slashes or control characters' })
    .meta({ description: 'The file name downloads get', examples: ['widget-pro.pdf'] }),
});
export type UploadQuery = z.output<typeof UploadQuery>;

export const CollateralVersionView = z
  .object({
    number: z.int(),
    fileName: z.string(),
    mediaType: z.enum([...collateralMediaTypes, 'text/plain']).meta({ description: 'text/plain: the text of a letter template (docs/collateral.md#personalised-letters)' }),
    sizeBytes: z.int(),
    sha256: z.string().meta({ description: "The file's SHA-256 in hex: its ETag, and its key in the store" }),
    uploadedById: z.uuid(),
    uploadedByName: z.string().nullable(),
    uploadedAt: z.iso.datetime(),
    downloadPath: z.string().meta({ description: 'GET it (with the API key) for the file', examples: ['/api/v1/collateral/…/versions/1/file'] }),
  })
  .meta({ id: 'CollateralVersion' });
export type CollateralVersionView = z.output<typeof CollateralVersionView>;

export const CollateralItemSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: CollateralKind,
    product: z.string().nullable(),
    language: z.string(),
    languageName: z.string().meta({ description: 'The language in English: "Swiss High German"' }),
    status: CollateralStatus,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    currentVersion: CollateralVersionView.nullable().meta({ description: 'The newest version; null until a file is uploaded' }),
  })
  .meta({ id: 'CollateralItemSummary' });
export type CollateralItemSummary = z.output<typeof CollateralItemSummary>;

export const CollateralItemView = CollateralItemSummary.extend({
  createdById: z.uuid(),
  approvedById: z.uuid().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  retiredById: z.uuid().nullable(),
  retiredAt: z.iso.datetime().nullable(),
  versions: z.array(CollateralVersionView).meta({ description: 'Newest first' }),
}).meta({ id: 'CollateralItem' });
export type CollateralItemView = z.output<typeof CollateralItemView>;

export const CollateralPage = z
  .object({
    items: z.array(CollateralItemSummary).meta({ description: 'Newest first' }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'CollateralPage' });
export type CollateralPage = z.output<typeof CollateralPage>;
