import type { DbClient } from '../db/prisma';
import type { CollateralKind, CollateralStatus } from '../generated/prisma/client';

// The collateral items that kits and campaign stages name, each with its current (newest)
// version: only APPROVED items with a file may be put in a kit or attached to a stage.

export interface CurrentVersion {
  number: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface UsableItem {
  id: string;
  name: string;
  kind: CollateralKind;
  status: CollateralStatus;
  language: string;
  current: CurrentVersion | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The items by id, with their current versions, in two queries; unknown ids are left out. */
export async function loadItems(db: DbClient, ids: Iterable<string>): Promise<Map<string, UsableItem>> {
  const wanted = [...new Set(ids)].filter((id) => uuid.test(id));
  if (!wanted.length) return new Map();
  const [items, versions] = await Promise.all([
    db.collateralItem.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, kind: true, status: true, language: true } }),
    db.collateralVersion.findMany({
      where: { itemId: { in: wanted } },
      orderBy: [{ itemId: 'asc' }, { number: 'desc' }],
      distinct: ['itemId'],
      select: { itemId: true, number: true, fileName: true, mediaType: true, sizeBytes: true, sha256: true },
    }),
  ]);
  const current = new Map(versions.map(({ itemId, ...version }) => [itemId, version]));
  return new Map(items.map((item) => [item.id, { ...item, current: current.get(item.id) ?? null }]));
}

/** Why an item cannot be used (put in a kit, attached to a stage), or null when it can. */
export function unusableBecause(id: string, item: UsableItem | undefined): { missing: boolean; message: string } | null {
  if (!item) return { missing: true, message: `no collateral item ${id}` };
  if (item.status !== 'APPROVED') return { missing: false, message: `collateral item "${item.name}" is ${item.status}: only APPROVED items can be used` };
  if (!item.current) return { missing: false, message: `collateral item "${item.name}" has no file` };
  return null;
}
