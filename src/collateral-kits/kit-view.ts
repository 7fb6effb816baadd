import type { DbClient } from '../db/prisma';
import type { CollateralKit, CollateralKitItem } from '../generated/prisma/client';
import type { KitView } from './kits.schemas';
import { loadItems } from './usable-items';

type KitRow = CollateralKit & { items: CollateralKitItem[] };

/** Kits as the API answers them: their items (as they are now) and their segment's name, loaded together. */
export async function toKitViews(db: DbClient, kits: readonly KitRow[]): Promise<KitView[]> {
  const itemIds = kits.flatMap((kit) => kit.items.map((entry) => entry.itemId));
  const segmentIds = [...new Set(kits.map((kit) => kit.segmentId).filter((id): id is string => id !== null))];
  const [items, segments] = await Promise.all([
    loadItems(db, itemIds),
    segmentIds.length ? db.segment.findMany({ where: { id: { in: segmentIds } }, select: { id: true, name: true } }) : [],
  ]);
  const segmentNames = new Map(segments.map((segment) => [segment.id, segment.name]));
  return kits.map((kit) => ({
    id: kit.id,
    name: kit.name,
    description: kit.description,
    segmentId: kit.segmentId,
    segmentName: kit.segmentId ? segmentNames.get(kit.segmentId) ?? null : null,
    channel: kit.channel,
    status: kit.status,
    items: [...kit.items]
      .sort((a, b) => a.position - b.position)
      .flatMap((entry) => {
        const item = items.get(entry.itemId);
        // Items are never deleted; a row without its item is skipped rather than failing the view.
        if (!item) return [];
        return [{ itemId: item.id, name: item.name, kind: item.kind, status: item.status, language: item.language, currentVersion: item.current?.number ?? null, fileName: item.current?.fileName ?? null, sizeBytes: item.current?.sizeBytes ?? null }];
      }),
    createdById: kit.createdById,
    createdAt: kit.createdAt.toISOString(),
    updatedAt: kit.updatedAt.toISOString(),
    archivedAt: kit.archivedAt?.toISOString() ?? null,
  }));
}
