import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { DirectMailRun } from '../generated/prisma/client';
import { directMailWorkflowId } from '../../workflows/direct-mail.messages';
import type { DirectMailFilePage, DirectMailPageQuery, DirectMailRunList, DirectMailRunListQuery, DirectMailRunView, DirectMailSkippedPage } from './direct-mail.schemas';

// Runs and their letters as the API answers them. Every role reads them.

const base = (runId: string) => `/api/v1/direct-mail-runs/${runId}`;
export const noRun = (id: string) => new AppError('NOT_FOUND', `No direct-mail run ${id}`);

export async function loadRun(db: DbClient, id: string): Promise<DirectMailRun> {
  const run = await db.directMailRun.findUnique({ where: { id } });
  if (!run) throw noRun(id);
  return run;
}

async function toRunViews(db: DbClient, runs: DirectMailRun[]): Promise<DirectMailRunView[]> {
  if (runs.length === 0) return [];
  const ids = runs.map((run) => run.id);
  const itemIds = [...new Set(runs.flatMap((run) => [run.templateItemId, ...(run.letterheadItemId ? [run.letterheadItemId] : [])]))];
  const [items, segments, campaigns, reasons] = await Promise.all([
    db.collateralItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, name: true } }),
    db.segment.findMany({ where: { id: { in: runs.flatMap((run) => (run.segmentId ? [run.segmentId] : [])) } }, select: { id: true, name: true } }),
    db.campaign.findMany({ where: { id: { in: runs.flatMap((run) => (run.campaignId ? [run.campaignId] : [])) } }, select: { id: true, name: true } }),
    db.directMailLetter.groupBy({ by: ['runId', 'reason'], where: { runId: { in: ids }, state: 'SKIPPED' }, _count: { _all: true } }),
  ]);
  const names = new Map([...items, ...segments, ...campaigns].map((row) => [row.id, row.name]));
  return runs.map((run) => ({
    id: run.id,
    workflowId: directMailWorkflowId(run.id),
    status: run.status,
    output: run.output,
    template: { itemId: run.templateItemId, name: names.get(run.templateItemId) ?? null, version: run.templateVersion },
    letterhead: run.letterheadItemId ? { itemId: run.letterheadItemId, name: names.get(run.letterheadItemId) ?? null, version: run.letterheadVersion ?? 0 } : null,
    recipients: { segmentId: run.segmentId, campaignId: run.campaignId, name: names.get(run.segmentId ?? run.campaignId ?? '') ?? null },
    counts: { listed: run.listed, rendered: run.rendered, skipped: run.skipped, pending: run.listed - run.rendered - run.skipped },
    skippedReasons: reasons
      .filter((row) => row.runId === run.id)
      .map((row) => ({ reason: row.reason ?? 'unknown', count: row._count._all }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    merged: run.mergedSha256 && run.mergedSizeBytes !== null && run.mergedPages !== null
      ? { sha256: run.mergedSha256, sizeBytes: run.mergedSizeBytes, pages: run.mergedPages, downloadPath: `${base(run.id)}/merged` }
      : null,
    cost: run.costPerLetter && run.costCurrency ? { perLetter: run.costPerLetter.toFixed(4), currency: run.costCurrency, budgetEntryId: run.budgetEntryId } : null,
    senderName: run.senderName,
    letterDate: run.letterDate,
    startedById: run.startedById,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    cancelRequestedAt: run.cancelRequestedAt?.toISOString() ?? null,
    error: run.error,
  }));
}

export async function getDirectMailRun(db: DbClient, id: string): Promise<DirectMailRunView> {
  const [view] = await toRunViews(db, [await loadRun(db, id)]);
  return view;
}

/** Newest first. */
export async function listDirectMailRuns(db: DbClient, query: DirectMailRunListQuery): Promise<DirectMailRunList> {
  const runs = await db.directMailRun.findMany({
    where: { templateItemId: query.templateItemId, status: query.status },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit,
  });
  return { items: await toRunViews(db, runs) };
}

/** The file name a contact's letter is downloaded as: the template's name and the contact's. */
export const letterFileName = (templateName: string | null, position: number, contactName: string | null) =>
  `${[templateName ?? 'letter', String(position).padStart(5, '0'), contactName ?? ''].filter(Boolean).join(' - ').replace(/[/\\\u0000-\u001f\u007f"]/g, '_').slice(0, 200)}.pdf`;

/** The run's letters that have a file of their own, in the run's order, with the merged PDF. */
export async function listDirectMailFiles(db: DbClient, id: string, query: DirectMailPageQuery): Promise<DirectMailFilePage> {
  const [run] = await toRunViews(db, [await loadRun(db, id)]);
  const letters = await db.directMailLetter.findMany({
    where: { runId: id, state: 'RENDERED', sha256: { not: null }, position: { gt: query.after ?? 0 } },
    orderBy: { position: 'asc' },
    take: query.limit + 1,
  });
  const page = letters.slice(0, query.limit);
  return {
    merged: run.merged,
    items: page.map((letter) => ({
      position: letter.position,
      contactId: letter.contactId,
      accountId: letter.accountId,
      contactName: letter.contactName,
      fileName: letterFileName(run.template.name, letter.position, letter.contactName),
      sha256: letter.sha256 ?? '',
      sizeBytes: letter.sizeBytes ?? 0,
      pages: letter.pages ?? 0,
      downloadPath: `${base(id)}/files/${letter.contactId}`,
    })),
    nextAfter: letters.length > query.limit ? (page.at(-1)?.position ?? null) : null,
  };
}

/** The contacts the run skipped, each with why, in the run's order. */
export async function listDirectMailSkipped(db: DbClient, id: string, query: DirectMailPageQuery): Promise<DirectMailSkippedPage> {
  await loadRun(db, id);
  const letters = await db.directMailLetter.findMany({
    where: { runId: id, state: 'SKIPPED', position: { gt: query.after ?? 0 } },
    orderBy: { position: 'asc' },
    take: query.limit + 1,
  });
  const page = letters.slice(0, query.limit);
  return {
    items: page.map((letter) => ({ position: letter.position, contactId: letter.contactId, accountId: letter.accountId, contactName: letter.contactName, reason: letter.reason ?? 'unknown' })),
    nextAfter: letters.length > query.limit ? (page.at(-1)?.position ?? null) : null,
  };
}
