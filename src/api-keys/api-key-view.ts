import type { ApiKeyView } from './api-keys.schemas';

export const apiKeyViewSelect = { id: true, name: true, prefix: true, createdAt: true, createdById: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  createdById: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;

/** A key as lists show it: never the key nor its hash. */
export function toApiKeyView(key: ApiKeyRow): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    createdById: key.createdById,
    lastUsedAt: isoOrNull(key.lastUsedAt),
    expiresAt: isoOrNull(key.expiresAt),
    revokedAt: isoOrNull(key.revokedAt),
  };
}
