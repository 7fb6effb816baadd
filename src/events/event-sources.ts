import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { EventSourceInput } from './events.schemas';

type Tx = Prisma.TransactionClient;

const MAX_SLUG = 30;

/** "Customer day 2027" → "CUSTOMER-DAY-2027": a code people can quote, from the event's name. */
export function slugCode(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  return slug || 'EVENT';
}

/** The slug, suffixed -2, -3... until no code of the campaign has it (whatever its case). */
async function freeCampaignCode(tx: DbClient, campaignId: string, name: string): Promise<string> {
  const taken = new Set((await tx.campaignSource.findMany({ where: { campaignId }, select: { code: true } })).map((source) => source.code.toLowerCase()));
  const base = slugCode(name);
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    const code = `${base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(code.toLowerCase())) return code;
  }
}

/** A campaign source nothing quotes any more goes; one that responses or deals quote stays in the campaign, unlinked. */
async function dropCampaignSource(tx: Tx, campaignSourceId: string): Promise<void> {
  // One after the other: a transaction's statements share one connection.
  const responses = await tx.response.count({ where: { sourceId: campaignSourceId } });
  const deals = responses === 0 ? await tx.opportunity.count({ where: { campaignSourceId } }) : 0;
  if (responses === 0 && deals === 0) await tx.campaignSource.deleteMany({ where: { id: campaignSourceId } });
}

interface EventRef {
  id: string;
  name: string;
  campaignId: string | null;
}

/**
 * Makes the event's sub-sources the wanted list (matched by code, whatever its case) and mirrors
 * them into its campaign's sub-sources: a new code becomes a campaign source (a clash with a code
 * the campaign already has is a 409 naming the item), a changed name or channel follows, a removed
 * one is unlinked (and deleted from the campaign when no response quotes it). `wanted` undefined
 * keeps the list; a campaign's event left without any gets one named after the event.
 * `previousCampaignId` is the campaign the links point to (a changed campaign moves them all).
 */
export async function syncEventSources(tx: Tx, event: EventRef, wanted: readonly EventSourceInput[] | undefined, previousCampaignId: string | null): Promise<void> {
  const existing = await tx.eventSource.findMany({ where: { eventId: event.id } });
  if (previousCampaignId !== event.campaignId) {
    for (const source of existing) {
      if (!source.campaignSourceId) continue;
      await tx.eventSource.update({ where: { id: source.id }, data: { campaignSourceId: null } });
      await dropCampaignSource(tx, source.campaignSourceId);
      source.campaignSourceId = null;
    }
  }
  let list = wanted ?? existing.map(({ code, name, channel }) => ({ code, name, channel: channel ?? undefined }));
  const generated = event.campaignId !== null && list.length === 0;
  if (generated) list = [{ code: await freeCampaignCode(tx, event.campaignId!, event.name), name: event.name }];

  const byCode = new Map(existing.map((source) => [source.code.toLowerCase(), source]));
  const keep = new Set(list.map((source) => source.code.toLowerCase()));
  for (const source of existing.filter((row) => !keep.has(row.code.toLowerCase()))) {
    await tx.eventSource.delete({ where: { id: source.id } });
    if (source.campaignSourceId) await dropCampaignSource(tx, source.campaignSourceId);
  }
  for (const [index, source] of list.entries()) {
    const data = { code: source.code, name: source.name, channel: source.channel ?? null };
    let row = byCode.get(source.code.toLowerCase());
    if (row) {
      if (row.code !== data.code || row.name !== data.name || row.channel !== data.channel) row = await tx.eventSource.update({ where: { id: row.id }, data });
    } else {
      row = await tx.eventSource.create({ data: { ...data, eventId: event.id } });
    }
    if (!event.campaignId) continue;
    if (row.campaignSourceId) {
      await tx.campaignSource.updateMany({ where: { id: row.campaignSourceId }, data });
      continue;
    }
    const clash = await tx.campaignSource.findFirst({ where: { campaignId: event.campaignId, code: { equals: source.code, mode: 'insensitive' } }, select: { code: true } });
    if (clash) {
      const path = `body.sources.${index}.code`;
      const message = `the campaign already has a sub-source "${clash.code}"`;
      throw new AppError('CONFLICT', `Sub-source ${source.code}: ${message}`, [{ path, message }]);
    }
    const mirrored = await tx.campaignSource.create({ data: { ...data, campaignId: event.campaignId }, select: { id: true } });
    await tx.eventSource.update({ where: { id: row.id }, data: { campaignSourceId: mirrored.id } });
  }
}
