import { PDFDocument } from 'pdf-lib';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import type { CollateralStore } from '../collateral/collateral-store';
import type { DbClient } from '../db/prisma';
import { AppError, invalidField } from '../errors/app-error';
import type { CollateralItem, CollateralVersion } from '../generated/prisma/client';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { isWorkflowAlreadyStarted } from '../temporal/temporal-errors';
import { describeDirectMailWorkflow } from '../temporal/workflow-descriptions';
import { directMailWorkflowId } from '../../workflows/direct-mail.messages';
import { directMailWorkflow } from '../../workflows/direct-mail.workflow';
import { checkCostCurrency } from './direct-mail-checkbook';
import { MAX_LETTERS_PER_RUN, type DirectMailRunView, type StartDirectMailRunRequest } from './direct-mail.schemas';
import { TEMPLATE_MEDIA_TYPE } from './letter-template';
import { listRecipients } from './recipients';
import { getDirectMailRun } from './run-view';
import { readBytes } from './stored-bytes';

type Checked = { item: CollateralItem; version: CollateralVersion };

/** An APPROVED item and its current version, or an error at `path` saying what is wrong with it. */
async function approvedItem(db: DbClient, id: string, path: string, what: string): Promise<Checked> {
  const item = await db.collateralItem.findUnique({ where: { id } });
  if (!item) throw invalidField(path, `no collateral item ${id}`);
  if (item.status !== 'APPROVED') {
    throw new AppError('CONFLICT', `Collateral item "${item.name}" is ${item.status}: only an APPROVED item is used as ${what}`, [{ path, message: `${item.status}, not APPROVED` }]);
  }
  const version = await db.collateralVersion.findFirst({ where: { itemId: id }, orderBy: { number: 'desc' } });
  if (!version) throw invalidField(path, `collateral item "${item.name}" has no version`);
  return { item, version };
}

async function checkedTemplate(db: DbClient, id: string): Promise<Checked> {
  const template = await approvedItem(db, id, 'body.templateItemId', 'a letter template');
  if (template.item.kind !== 'LETTER_TEMPLATE') throw invalidField('body.templateItemId', `collateral item "${template.item.name}" is a ${template.item.kind}, not a LETTER_TEMPLATE`);
  if (template.version.mediaType !== TEMPLATE_MEDIA_TYPE) {
    throw invalidField('body.templateItemId', `the current version of "${template.item.name}" is a ${template.version.mediaType} file, not a template text: save one with POST /api/v1/collateral/${id}/letter-template`);
  }
  return template;
}

/** The letterhead must be a PDF the renderer can read: a broken one is refused now, not in every batch. */
async function checkedLetterhead(db: DbClient, store: CollateralStore, id: string): Promise<Checked> {
  const letterhead = await approvedItem(db, id, 'body.letterheadItemId', 'a letterhead');
  if (letterhead.version.mediaType !== 'application/pdf') throw invalidField('body.letterheadItemId', `the current version of "${letterhead.item.name}" is a ${letterhead.version.mediaType} file, not a PDF`);
  try {
    const pdf = await PDFDocument.load(await readBytes(store, letterhead.version.sha256), { ignoreEncryption: true });
    if (pdf.getPageCount() === 0) throw new Error('no page');
  } catch {
    throw invalidField('body.letterheadItemId', `the PDF of "${letterhead.item.name}" cannot be read as a letterhead`);
  }
  return letterhead;
}

/** "4 December 2026" in the template's language ("4. Dezember 2026" in de), the day the run starts. */
const letterDate = (language: string, now: Date) => {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(now);
  }
};

/**
 * Starts a direct-mail run: checks the template (APPROVED, a template text), the letterhead and the
 * recipient set, lists the set's contacts as the run's letters in one transaction, then starts
 * its workflow (direct-mail-<id>). A workflow that could not start leaves no run behind.
 */
export async function startDirectMailRun({ db, temporal, caller }: RequestContext, store: CollateralStore, body: StartDirectMailRunRequest): Promise<DirectMailRunView> {
  const template = await checkedTemplate(db, body.templateItemId);
  const letterhead = body.letterheadItemId ? await checkedLetterhead(db, store, body.letterheadItemId) : undefined;
  const set = body.segmentId ? { segmentId: body.segmentId } : { campaignId: body.campaignId ?? '' };
  if (body.costPerLetter !== undefined && body.currency && body.campaignId) await checkCostCurrency(db, body.campaignId, body.currency);
  const run = await db.$transaction(
    async (tx) => {
      const created = await tx.directMailRun.create({
        data: {
          templateItemId: template.item.id, templateVersion: template.version.number, templateSha256: template.version.sha256,
          letterheadItemId: letterhead?.item.id ?? null, letterheadVersion: letterhead?.version.number ?? null, letterheadSha256: letterhead?.version.sha256 ?? null,
          segmentId: body.segmentId ?? null, campaignId: body.campaignId ?? null, output: body.output,
          costPerLetter: body.costPerLetter?.toFixed(4) ?? null, costCurrency: body.currency ?? null,
          senderName: caller.name, senderEmail: caller.email, letterDate: letterDate(template.item.language, new Date()), startedById: caller.id,
        },
      });
      const { listed, name } = await listRecipients(tx, created.id, set);
      const path = body.segmentId ? 'body.segmentId' : 'body.campaignId';
      if (listed === 0) throw new AppError('CONFLICT', `"${name}" has no contacts: there is nobody to write to`, [{ path, message: 'no contacts' }]);
      if (listed > MAX_LETTERS_PER_RUN) throw new AppError('CONFLICT', `"${name}" has ${listed} contacts: a run takes at most ${MAX_LETTERS_PER_RUN}`, [{ path, message: `more than ${MAX_LETTERS_PER_RUN} contacts` }]);
      await tx.directMailRun.update({ where: { id: created.id }, data: { listed } });
      await recordAudit(tx, {
        actorId: caller.id, action: 'direct-mail.start', entityType: 'directMailRun', entityId: created.id,
        after: { templateItemId: template.item.id, templateVersion: template.version.number, letterheadItemId: letterhead?.item.id ?? null, ...set, output: body.output, listed, costPerLetter: body.costPerLetter ?? null, currency: body.currency ?? null },
      });
      return created;
    },
    { timeout: 60_000 },
  );
  try {
    await startRunWorkflow(temporal, run.id, template.item.name, body.batchSize);
  } catch (error) {
    if (!isWorkflowAlreadyStarted(error)) {
      await db.directMailRun.delete({ where: { id: run.id } });
      throw error;
    }
  }
  return getDirectMailRun(db, run.id);
}

function startRunWorkflow(temporal: TemporalDeps, runId: string, templateName: string, batchSize?: number) {
  return temporal.client.workflow.start(directMailWorkflow, {
    workflowId: directMailWorkflowId(runId),
    taskQueue: temporal.taskQueue,
    args: [{ runId, batchSize }],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    ...describeDirectMailWorkflow({ id: runId, templateName }),
  });
}

/**
 * An API process that dies between writing a run and starting its workflow leaves the run RUNNING
 * for ever. Starts the workflow of each RUNNING run written before `before` (its batches render what
 * is PENDING, at the default batch size); one whose workflow exists (it runs or ran) is left alone.
 */
export async function resumeRunningDirectMailRuns({ db, temporal }: { db: DbClient; temporal: TemporalDeps }, before: Date): Promise<number> {
  const running = await db.directMailRun.findMany({ where: { status: 'RUNNING', createdAt: { lt: before } }, select: { id: true, templateItemId: true }, orderBy: { createdAt: 'asc' } });
  let started = 0;
  for (const run of running) {
    const template = await db.collateralItem.findUnique({ where: { id: run.templateItemId }, select: { name: true } });
    try {
      await startRunWorkflow(temporal, run.id, template?.name ?? run.templateItemId);
      started++;
    } catch (error) {
      if (!isWorkflowAlreadyStarted(error)) throw error;
    }
  }
  return started;
}
