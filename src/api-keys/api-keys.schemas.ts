import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

export const ApiKeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart; never the key' }),
    createdAt: z.iso.datetime(),
    createdById: z.uuid().nullable().meta({ description: 'Who issued it: its user or an admin' }),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Updated at most once a minute' }),
    expiresAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyView = z.output<typeof ApiKeyView>;

export const ApiKeyList = z.object({ items: z.array(ApiKeyView).meta({ description: 'Newest first, revoked and expired ones included' }) }).meta({ id: 'ApiKeyList' });

export const CreateApiKeyRequest = z
  .strictObject({
    name: z.string().trim().min(1).max(100).meta({ description: 'What the key is for, e.g. "nightly export"' }),
    expiresAt: isoDate
      // A text that is no date at all is reported once, by the format check.
      .refine((value) => Number.isNaN(Date.parse(value)) || Date.parse(value) > Date.now(), 'must be in the future')
      .optional()
      .meta({ description: 'ISO 8601 with an offset; left out: the key does not expire' }),
  })
  .meta({ id: 'CreateApiKeyRequest' });
export type CreateApiKeyRequest = z.output<typeof CreateApiKeyRequest>;

export const CreatedApiKey = ApiKeyView.extend({
  apiKey: z.string().meta({ description: 'The key itself, shown only in this answer: store it now' }),
}).meta({ id: 'CreatedApiKey' });

export const OwnKeyParams = z.strictObject({ keyId: z.uuid() });
export const UserKeyParams = z.strictObject({ id: z.uuid(), keyId: z.uuid() });
