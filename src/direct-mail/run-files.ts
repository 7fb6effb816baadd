import type { Readable } from 'node:stream';
import type { CollateralStore } from '../collateral/collateral-store';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { letterFileName, loadRun } from './run-view';

export interface DirectMailFile {
  fileName: string;
  sizeBytes: number;
  sha256: string;
  open(): Promise<Readable>;
}

/** One contact's letter, once rendered as a file of its own (FILES and BOTH runs). */
export async function directMailLetterFile(db: DbClient, store: CollateralStore, runId: string, contactId: string): Promise<DirectMailFile> {
  const run = await loadRun(db, runId);
  const letter = await db.directMailLetter.findUnique({ where: { runId_contactId: { runId, contactId } } });
  if (!letter) throw new AppError('NOT_FOUND', `Contact ${contactId} is not in direct-mail run ${runId}`);
  if (letter.state !== 'RENDERED' || !letter.sha256 || letter.sizeBytes === null) {
    const why = letter.state === 'SKIPPED' ? `was skipped: ${letter.reason ?? 'no reason recorded'}` : letter.state === 'PENDING' ? 'is not rendered yet' : 'has no file of its own: the run makes a merged PDF only';
    throw new AppError('NOT_FOUND', `The letter to contact ${contactId} ${why}`);
  }
  const sha256 = letter.sha256;
  const template = await db.collateralItem.findUnique({ where: { id: run.templateItemId }, select: { name: true } });
  return { fileName: letterFileName(template?.name ?? null, letter.position, letter.contactName), sizeBytes: letter.sizeBytes, sha256, open: () => store.read(sha256) };
}

/** The merged PDF of a COMPLETED MERGED or BOTH run. */
export async function directMailMergedFile(db: DbClient, store: CollateralStore, runId: string): Promise<DirectMailFile> {
  const run = await loadRun(db, runId);
  const sha256 = run.mergedSha256;
  if (!sha256 || run.mergedSizeBytes === null) {
    const why = run.output === 'FILES' ? 'makes one file per contact, no merged PDF' : run.status === 'RUNNING' ? 'is still RUNNING: the merged PDF is made at its end' : run.status === 'COMPLETED' ? 'rendered no letter' : `is ${run.status}`;
    throw new AppError('NOT_FOUND', `Direct-mail run ${runId} has no merged PDF: it ${why}`);
  }
  const template = await db.collateralItem.findUnique({ where: { id: run.templateItemId }, select: { name: true } });
  return { fileName: `${(template?.name ?? 'letters').replace(/[/\\\u0000-\u001f\u007f"]/g, '_')} - merged.pdf`, sizeBytes: run.mergedSizeBytes, sha256, open: () => store.read(sha256) };
}
