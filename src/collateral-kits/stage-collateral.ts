import type { DbClient } from '../db/prisma';
import type { CallTasksSettings, MailAttachment } from '../campaigns/stage-settings.schemas';
import { loadItems, unusableBecause, type UsableItem } from './usable-items';

// What MAILING and CALL_TASKS stages attach from the library, resolved from their settings (kits
// expanded into their items, in order): checked when a stage is saved, frozen when it starts.

/** One item as a stage starts with it: its version is the one sent or shown, whatever changes later. */
export interface FrozenItem {
  itemId: string;
  name: string;
  kind: string;
  version: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface LeftOut {
  itemId: string;
  reason: string;
}

/** A MAILING stage's attachments as started: files attached to each message, links put in it. */
export interface FrozenMailCollateral {
  files: FrozenItem[];
  links: FrozenItem[];
  leftOut: LeftOut[];
}

/** A CALL_TASKS stage's materials as started: shown with each of its tasks. */
export interface FrozenTaskCollateral {
  callScript: FrozenItem | null;
  kit: { id: string; name: string; items: FrozenItem[] } | null;
  leftOut: LeftOut[];
}

export const freezeItem = (item: UsableItem): FrozenItem => ({
  itemId: item.id,
  name: item.name,
  kind: item.kind,
  version: item.current!.number,
  fileName: item.current!.fileName,
  mediaType: item.current!.mediaType,
  sizeBytes: item.current!.sizeBytes,
  sha256: item.current!.sha256,
});

export interface KitForStage {
  id: string;
  name: string;
  status: string;
  itemIds: string[];
}

/** The kits by id, with their item ids in order. */
export async function loadKits(db: DbClient, ids: Iterable<string>): Promise<Map<string, KitForStage>> {
  const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!wanted.length) return new Map();
  const kits = await db.collateralKit.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, status: true, items: { orderBy: { position: 'asc' }, select: { itemId: true } } } });
  return new Map(kits.map((kit) => [kit.id, { id: kit.id, name: kit.name, status: kit.status, itemIds: kit.items.map((entry) => entry.itemId) }]));
}

/** What a kit cannot be used for now, or null. */
export function kitUnusableBecause(id: string, kit: KitForStage | undefined, items: Map<string, UsableItem>): string | null {
  if (!kit) return `no kit ${id}`;
  if (kit.status !== 'ACTIVE') return `kit "${kit.name}" is ${kit.status}`;
  for (const itemId of kit.itemIds) {
    const problem = unusableBecause(itemId, items.get(itemId));
    if (problem) return `kit "${kit.name}": ${problem.message}`;
  }
  return null;
}

/** The ids of every item and kit the settings of some stages name, to load them in one go. */
export function namedCollateral(settings: readonly { type: string; settings: unknown }[]): { itemIds: Set<string>; kitIds: Set<string> } {
  const itemIds = new Set<string>();
  const kitIds = new Set<string>();
  for (const stage of settings) {
    const value = stage.settings as Record<string, unknown> | null;
    if (!value || typeof value !== 'object') continue;
    if (stage.type === 'MAILING' && Array.isArray(value.attachments)) {
      for (const attachment of value.attachments as Partial<MailAttachment>[]) {
        if (typeof attachment?.itemId === 'string') itemIds.add(attachment.itemId);
        if (typeof attachment?.kitId === 'string') kitIds.add(attachment.kitId);
      }
    }
    if (stage.type === 'CALL_TASKS') {
      if (typeof value.callScriptItemId === 'string') itemIds.add(value.callScriptItemId);
      if (typeof value.kitId === 'string') kitIds.add(value.kitId);
    }
  }
  return { itemIds, kitIds };
}

/** Items and kits for `namedCollateral`'s ids, kit items included. */
export async function loadNamedCollateral(db: DbClient, named: { itemIds: Set<string>; kitIds: Set<string> }) {
  const kits = await loadKits(db, named.kitIds);
  const items = await loadItems(db, [...named.itemIds, ...[...kits.values()].flatMap((kit) => kit.itemIds)]);
  return { kits, items };
}

/**
 * Freezes a MAILING stage's attachments: each usable item's current version, as a file or a link;
 * an item or kit no longer usable (retired, back to DRAFT, archived since the stage was saved) is
 * left out with the reason, and an item named twice goes once (as a file if either asks it).
 */
export async function freezeMailCollateral(db: DbClient, attachments: readonly MailAttachment[]): Promise<FrozenMailCollateral> {
  const { kits, items } = await loadNamedCollateral(db, namedCollateral([{ type: 'MAILING', settings: { attachments } }]));
  const chosen = new Map<string, { item: UsableItem; as: 'link' | 'file' }>();
  const leftOut: LeftOut[] = [];
  for (const attachment of attachments) {
    const ids = attachment.itemId ? [attachment.itemId] : (kits.get(attachment.kitId!)?.itemIds ?? []);
    if (attachment.kitId) {
      const kit = kits.get(attachment.kitId);
      if (!kit || kit.status !== 'ACTIVE') {
        leftOut.push({ itemId: attachment.kitId, reason: kit ? `kit "${kit.name}" is ${kit.status}` : `no kit ${attachment.kitId}` });
        continue;
      }
    }
    for (const id of ids) {
      const item = items.get(id);
      const problem = unusableBecause(id, item);
      if (problem) leftOut.push({ itemId: id, reason: problem.message });
      else if (!chosen.has(id) || attachment.as === 'file') chosen.set(id, { item: item!, as: attachment.as });
    }
  }
  const all = [...chosen.values()];
  return {
    files: all.filter((entry) => entry.as === 'file').map((entry) => freezeItem(entry.item)),
    links: all.filter((entry) => entry.as === 'link').map((entry) => freezeItem(entry.item)),
    leftOut,
  };
}

/** Freezes a CALL_TASKS stage's call script and kit, leaving out (with the reason) what is no longer usable. */
export async function freezeTaskCollateral(db: DbClient, settings: Pick<CallTasksSettings, 'callScriptItemId' | 'kitId'>): Promise<FrozenTaskCollateral> {
  const { kits, items } = await loadNamedCollateral(db, namedCollateral([{ type: 'CALL_TASKS', settings }]));
  const leftOut: LeftOut[] = [];
  let callScript: FrozenItem | null = null;
  if (settings.callScriptItemId) {
    const item = items.get(settings.callScriptItemId);
    const problem = unusableBecause(settings.callScriptItemId, item);
    if (problem) leftOut.push({ itemId: settings.callScriptItemId, reason: problem.message });
    else callScript = freezeItem(item!);
  }
  let kit: FrozenTaskCollateral['kit'] = null;
  if (settings.kitId) {
    const found = kits.get(settings.kitId);
    if (!found || found.status !== 'ACTIVE') leftOut.push({ itemId: settings.kitId, reason: found ? `kit "${found.name}" is ${found.status}` : `no kit ${settings.kitId}` });
    else {
      const usable = found.itemIds.filter((id) => {
        const problem = unusableBecause(id, items.get(id));
        if (problem) leftOut.push({ itemId: id, reason: problem.message });
        return !problem;
      });
      kit = { id: found.id, name: found.name, items: usable.map((id) => freezeItem(items.get(id)!)) };
    }
  }
  return { callScript, kit, leftOut };
}
