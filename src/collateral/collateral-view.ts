import type { DbClient } from '../db/prisma';
import type { CollateralItem, CollateralVersion } from '../generated/prisma/client';
import type { CollateralItemSummary, CollateralItemView, CollateralVersionView } from './collateral.schemas';
import type { CollateralMediaType } from './file-types';
import { languageName } from './language-tag';

// Items and versions as the API answers them.

export const downloadPath = (itemId: string, number: number) => `/api/v1/collateral/${itemId}/versions/${number}/file`;

export function toVersionView(version: CollateralVersion, names: Map<string, string>): CollateralVersionView {
  return {
    number: version.number,
    fileName: version.fileName,
    mediaType: version.mediaType as CollateralMediaType,
    sizeBytes: version.sizeBytes,
    sha256: version.sha256,
    uploadedById: version.uploadedById,
    uploadedByName: names.get(version.uploadedById) ?? null,
    uploadedAt: version.uploadedAt.toISOString(),
    downloadPath: downloadPath(version.itemId, version.number),
  };
}

export function toItemSummary(item: CollateralItem, current: CollateralVersion | undefined, names: Map<string, string>): CollateralItemSummary {
  return {
    id: item.id,
    name: item.name,
    description: item.description,
    kind: item.kind,
    product: item.product,
    language: item.language,
    languageName: languageName(item.language),
    status: item.status,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    currentVersion: current ? toVersionView(current, names) : null,
  };
}

export function toItemView(item: CollateralItem, versions: CollateralVersion[], names: Map<string, string>): CollateralItemView {
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return {
    ...toItemSummary(item, newestFirst[0], names),
    createdById: item.createdById,
    approvedById: item.approvedById,
    approvedAt: item.approvedAt?.toISOString() ?? null,
    retiredById: item.retiredById,
    retiredAt: item.retiredAt?.toISOString() ?? null,
    versions: newestFirst.map((version) => toVersionView(version, names)),
  };
}

/** The names of the users who uploaded, for the views. */
export async function uploaderNames(db: DbClient, versions: readonly CollateralVersion[]): Promise<Map<string, string>> {
  const ids = [...new Set(versions.map((version) => version.uploadedById))];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}
