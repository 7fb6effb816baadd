import { Context } from '@temporalio/activity';
import type { CollateralStore } from '../../src/collateral/collateral-store';
import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { DirectMailRun } from '../../src/generated/prisma/client';
import { LetterBook } from '../../src/direct-mail/letter-pdf';
import { fillTemplate, missingReason, parseTemplate, type LetterData, type TemplatePiece } from '../../src/direct-mail/merge-fields';
import { keepBytes, readBytes } from '../../src/direct-mail/stored-bytes';
import type { DirectMailCounts, RenderBatchInput, RenderBatchResult } from '../../workflows/direct-mail.messages';

interface ContactRow {
  id: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  doNotContact: boolean;
  accountName: string;
  fields: unknown;
  archived: boolean;
}

type Outcome =
  | { contactId: string; position: number; state: 'SKIPPED'; reason: string; contactName: string | null }
  | { contactId: string; position: number; state: 'RENDERED'; contactName: string; sha256: string | null; sizeBytes: number | null; pages: number };

export const runCounts = (run: DirectMailRun): DirectMailCounts => ({ listed: run.listed, rendered: run.rendered, skipped: run.skipped });

async function templateOf(store: CollateralStore, run: DirectMailRun): Promise<TemplatePiece[]> {
  const parsed = parseTemplate((await readBytes(store, run.templateSha256)).toString('utf8'));
  // Checked when it was saved: only a file changed behind the library's back gets here.
  if (!parsed.ok) throw new AppError('CONFLICT', `The template of run ${run.id} no longer parses: ${parsed.errors[0].message}`);
  return parsed.pieces;
}

function skipReason(contact: ContactRow | undefined): string | undefined {
  if (!contact) return 'the contact no longer exists';
  if (contact.archived) return 'the account is archived';
  if (contact.doNotContact) return 'the contact is marked do not contact';
  return undefined;
}

/**
 * Renders the next `batchSize` PENDING letters of a RUNNING run: each contact's letter as a PDF of
 * its own (FILES, BOTH) and all of the batch's letters as one part of the merged PDF (MERGED, BOTH),
 * kept in the collateral store; contacts without the data a field needs are SKIPPED with the
 * reason. The letters' states, the part and the run's counts are written in one transaction under
 * the run's lock, and only if the run still runs and the letters are still PENDING: a cancelled
 * run or a second attempt of the same batch writes nothing (files already kept stay, unnamed).
 */
export async function renderDirectMailBatch(db: Db, store: CollateralStore, input: RenderBatchInput): Promise<RenderBatchResult> {
  const run = await db.directMailRun.findUnique({ where: { id: input.runId } });
  if (!run) throw new AppError('NOT_FOUND', `No direct-mail run ${input.runId}`);
  if (run.status !== 'RUNNING' || run.cancelRequestedAt) return { ...runCounts(run), done: false, stopped: true };
  const letters = await db.directMailLetter.findMany({ where: { runId: run.id, state: 'PENDING' }, orderBy: { position: 'asc' }, take: input.batchSize });
  if (letters.length === 0) return { ...runCounts(run), done: true, stopped: false };

  const pieces = await templateOf(store, run);
  const letterhead = run.letterheadSha256 ? await readBytes(store, run.letterheadSha256) : undefined;
  const contacts = await db.$queryRaw<ContactRow[]>`
    SELECT c.id::text, c.name, c.title, c.email, c.phone, c.do_not_contact AS "doNotContact", a.name AS "accountName", a.fields,
      (a.archived_at IS NOT NULL) AS archived
    FROM contacts c JOIN accounts a ON a.id = c.account_id
    WHERE c.id = ANY(CAST(${letters.map((letter) => letter.contactId)} AS uuid[]))`;
  const byId = new Map(contacts.map((contact) => [contact.id, contact]));
  const files = run.output !== 'MERGED';
  const part = run.output !== 'FILES' ? await LetterBook.create(letterhead) : undefined;
  const context = Context.current();

  const outcomes: Outcome[] = [];
  for (const letter of letters) {
    context.heartbeat({ position: letter.position });
    const contact = byId.get(letter.contactId);
    const skipped = skipReason(contact);
    if (skipped || !contact) {
      outcomes.push({ contactId: letter.contactId, position: letter.position, state: 'SKIPPED', reason: skipped ?? 'the contact no longer exists', contactName: contact?.name ?? null });
      continue;
    }
    const data: LetterData = {
      contact: { name: contact.name, title: contact.title, email: contact.email, phone: contact.phone },
      account: { name: contact.accountName, fields: contact.fields && typeof contact.fields === 'object' ? (contact.fields as Record<string, unknown>) : {} },
      sender: { name: run.senderName, email: run.senderEmail },
      today: run.letterDate,
    };
    const filled = fillTemplate(pieces, data);
    if ('missing' in filled) {
      outcomes.push({ contactId: letter.contactId, position: letter.position, state: 'SKIPPED', reason: missingReason(filled.missing), contactName: contact.name });
      continue;
    }
    let file: { sha256: string; sizeBytes: number } | undefined;
    let pages = 0;
    if (files) {
      const book = await LetterBook.create(letterhead);
      pages = await book.addLetter(filled.text);
      file = await keepBytes(store, await book.save());
    }
    if (part) pages = await part.addLetter(filled.text);
    outcomes.push({ contactId: letter.contactId, position: letter.position, state: 'RENDERED', contactName: contact.name, sha256: file?.sha256 ?? null, sizeBytes: file?.sizeBytes ?? null, pages });
  }
  const firstRendered = outcomes.find((outcome) => outcome.state === 'RENDERED');
  const partFile = part && firstRendered ? { ...(await keepBytes(store, await part.save())), pages: part.pageCount, firstPosition: firstRendered.position } : undefined;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM direct_mail_runs WHERE id = CAST(${run.id} AS uuid) FOR UPDATE`;
    const now = await tx.directMailRun.findUniqueOrThrow({ where: { id: run.id } });
    if (now.status !== 'RUNNING' || now.cancelRequestedAt) return { ...runCounts(now), done: false, stopped: true };
    const stillPending = await tx.directMailLetter.count({ where: { runId: run.id, state: 'PENDING', contactId: { in: outcomes.map((outcome) => outcome.contactId) } } });
    // Another attempt of this batch wrote it already: answer where the run stands.
    if (stillPending !== outcomes.length) return { ...runCounts(now), done: false, stopped: false };
    const renderedAt = new Date();
    for (const outcome of outcomes) {
      await tx.directMailLetter.update({
        where: { runId_contactId: { runId: run.id, contactId: outcome.contactId } },
        data:
          outcome.state === 'SKIPPED'
            ? { state: 'SKIPPED', reason: outcome.reason, contactName: outcome.contactName }
            : { state: 'RENDERED', contactName: outcome.contactName, sha256: outcome.sha256, sizeBytes: outcome.sizeBytes, pages: outcome.pages, renderedAt },
      });
    }
    if (partFile) {
      const last = await tx.directMailPart.findFirst({ where: { runId: run.id }, orderBy: { number: 'desc' }, select: { number: true } });
      await tx.directMailPart.create({ data: { runId: run.id, number: (last?.number ?? 0) + 1, firstPosition: partFile.firstPosition, sha256: partFile.sha256, sizeBytes: partFile.sizeBytes, pages: partFile.pages } });
    }
    const rendered = outcomes.filter((outcome) => outcome.state === 'RENDERED').length;
    const updated = await tx.directMailRun.update({ where: { id: run.id }, data: { rendered: { increment: rendered }, skipped: { increment: outcomes.length - rendered } } });
    const left = await tx.directMailLetter.count({ where: { runId: run.id, state: 'PENDING' } });
    return { ...runCounts(updated), done: left === 0, stopped: false };
  }, { timeout: 60_000 });
}
