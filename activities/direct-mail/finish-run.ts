import { Context } from '@temporalio/activity';
import { PDFDocument } from 'pdf-lib';
import type { CollateralStore } from '../../src/collateral/collateral-store';
import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { DirectMailRun } from '../../src/generated/prisma/client';
import { chargeLetters } from '../../src/direct-mail/direct-mail-checkbook';
import { keepBytes, readBytes, type KeptFile } from '../../src/direct-mail/stored-bytes';
import type { DirectMailOutcome } from '../../workflows/direct-mail.messages';
import { runCounts } from './render-batch';

const outcomeOf = (run: DirectMailRun): DirectMailOutcome => ({ status: run.status, ...runCounts(run) });

/** The batches' parts as one PDF, in the run's order: every letter starts on a page of its own already. */
async function mergeParts(db: Db, store: CollateralStore, runId: string): Promise<(KeptFile & { pages: number }) | undefined> {
  const parts = await db.directMailPart.findMany({ where: { runId }, orderBy: { firstPosition: 'asc' } });
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return { sha256: parts[0].sha256, sizeBytes: parts[0].sizeBytes, pages: parts[0].pages };
  const merged = await PDFDocument.create();
  const context = Context.current();
  for (const part of parts) {
    context.heartbeat({ part: part.number });
    const source = await PDFDocument.load(await readBytes(store, part.sha256));
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  const kept = await keepBytes(store, await merged.save());
  return { ...kept, pages: merged.getPageCount() };
}

/** The last step of a run whose letters are all rendered or skipped: the merged PDF (MERGED, BOTH), then COMPLETED. */
export async function completeDirectMailRun(db: Db, store: CollateralStore, runId: string): Promise<DirectMailOutcome> {
  const run = await db.directMailRun.findUnique({ where: { id: runId } });
  if (!run) throw new AppError('NOT_FOUND', `No direct-mail run ${runId}`);
  if (run.status !== 'RUNNING') return outcomeOf(run);
  const merged = run.output !== 'FILES' ? await mergeParts(db, store, runId) : undefined;
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM direct_mail_runs WHERE id = CAST(${runId} AS uuid) FOR UPDATE`;
    const now = await tx.directMailRun.findUniqueOrThrow({ where: { id: runId } });
    if (now.status !== 'RUNNING') return outcomeOf(now);
    if (now.cancelRequestedAt) return outcomeOf(await tx.directMailRun.update({ where: { id: runId }, data: { status: 'CANCELLED', finishedAt: new Date() } }));
    const template = await tx.collateralItem.findUnique({ where: { id: now.templateItemId }, select: { name: true } });
    const budgetEntryId = await chargeLetters(tx, now, template?.name ?? now.templateItemId);
    return outcomeOf(
      await tx.directMailRun.update({
        where: { id: runId },
        data: { status: 'COMPLETED', mergedSha256: merged?.sha256 ?? null, mergedSizeBytes: merged?.sizeBytes ?? null, mergedPages: merged?.pages ?? null, budgetEntryId, finishedAt: new Date() },
      }),
    );
  });
}

/** A RUNNING run ends CANCELLED or FAILED (with the reason); one that ended already is left as it is. */
export async function endDirectMailRun(db: Db, input: { runId: string; status: 'CANCELLED' | 'FAILED'; error?: string }): Promise<DirectMailOutcome> {
  await db.directMailRun.updateMany({ where: { id: input.runId, status: 'RUNNING' }, data: { status: input.status, error: input.error?.slice(0, 2000) ?? null, finishedAt: new Date() } });
  const run = await db.directMailRun.findUnique({ where: { id: input.runId } });
  if (!run) throw new AppError('NOT_FOUND', `No direct-mail run ${input.runId}`);
  return outcomeOf(run);
}
