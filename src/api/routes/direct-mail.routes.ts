import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { attachmentDisposition } from '../../collateral/collateral-download';
import { CollateralIdParams, CollateralItemView } from '../../collateral/collateral.schemas';
import type { CollateralSettings } from '../../collateral/collateral-store';
import { cancelDirectMailRun } from '../../direct-mail/cancel-run';
import {
  DirectMailFilePage,
  DirectMailFileParams,
  DirectMailPageQuery,
  DirectMailRunList,
  DirectMailRunListQuery,
  DirectMailRunParams,
  DirectMailRunView,
  DirectMailSkippedPage,
  LetterTemplateRequest,
  StartDirectMailRunRequest,
} from '../../direct-mail/direct-mail.schemas';
import { saveLetterTemplate } from '../../direct-mail/letter-template';
import { directMailLetterFile, directMailMergedFile, type DirectMailFile } from '../../direct-mail/run-files';
import { getDirectMailRun, listDirectMailFiles, listDirectMailRuns, listDirectMailSkipped } from '../../direct-mail/run-view';
import { startDirectMailRun } from '../../direct-mail/start-run';
import { AppError } from '../../errors/app-error';
import { defineRoute, type ApiDependencies } from '../route';

// Personalised letters: marketers and admins write templates, start and cancel runs; every role
// reads runs and downloads their letters.
const keepers = ['marketer', 'admin'] as const;
const tag = 'Direct mail';

function collateralSettings(deps: ApiDependencies): CollateralSettings {
  if (!deps.collateral) throw new AppError('SERVICE_UNAVAILABLE', 'The collateral file store is not configured');
  return deps.collateral;
}

/** A PDF with its name and its SHA-256 as ETag, streamed from the store, as the library's downloads are. */
async function sendPdf(file: DirectMailFile, res: Response, ifNoneMatch: string | undefined): Promise<void> {
  const etag = `"${file.sha256}"`;
  res.set({ ETag: etag, 'Cache-Control': 'private, max-age=0, must-revalidate' });
  if (ifNoneMatch?.split(',').some((tagText) => ['*', etag].includes(tagText.trim().replace(/^W\//, '')))) {
    res.status(304).end();
    return;
  }
  const bytes = await file.open();
  res.status(200).set({ 'Content-Type': 'application/pdf', 'Content-Length': String(file.sizeBytes), 'Content-Disposition': attachmentDisposition(file.fileName) });
  // The answer has begun: a store failing now can only cut it.
  await pipeline(bytes, res).catch(() => undefined);
}

export const directMailRoutes = [
  defineRoute({
    method: 'post', path: '/collateral/:id/letter-template', tag, roles: keepers,
    summary:
      "Save a LETTER_TEMPLATE item's text as its new version (text/plain in the store), checked first: an unknown or unclosed merge field is a 400 naming its line and column. " +
      'An APPROVED item goes back to DRAFT',
    params: CollateralIdParams,
    body: LetterTemplateRequest,
    response: { status: 201, description: 'The item with its new version', schema: CollateralItemView },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => saveLetterTemplate(deps.db, collateralSettings(deps).store, caller, params.id, body),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs', tag, roles: 'any',
    summary: 'Direct-mail runs, newest first, filtered by template or status',
    query: DirectMailRunListQuery,
    response: { status: 200, description: 'The runs', schema: DirectMailRunList },
    handler: ({ query, deps }) => listDirectMailRuns(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/direct-mail-runs', tag, roles: keepers,
    summary:
      'Start a run: an APPROVED letter template rendered for each contact of a segment or of a campaign’s target list, as one PDF per contact (FILES), one merged PDF (MERGED) or both. ' +
      'The contacts are listed now; the letters are rendered by workflow direct-mail-<id>',
    body: StartDirectMailRunRequest,
    response: { status: 201, description: 'The run, RUNNING', schema: DirectMailRunView },
    errors: [409, 503],
    handler: ({ body, context, deps }) => startDirectMailRun(context, collateralSettings(deps).store, body),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs/:id', tag, roles: 'any',
    summary: 'A run and its progress: contacts listed, letters rendered, contacts skipped (with the reasons counted), the merged PDF once done',
    params: DirectMailRunParams,
    response: { status: 200, description: 'The run', schema: DirectMailRunView },
    errors: [404],
    handler: ({ params, deps }) => getDirectMailRun(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/direct-mail-runs/:id/cancel', tag, roles: keepers,
    summary: 'Cancel a RUNNING run between two batches; what was rendered stays downloadable (409 when it is not RUNNING)',
    params: DirectMailRunParams,
    response: { status: 200, description: 'The run, CANCELLED', schema: DirectMailRunView },
    errors: [404, 409, 503],
    handler: ({ params, context }) => cancelDirectMailRun(context, params.id),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs/:id/files', tag, roles: 'any',
    summary: "The run's files: the merged PDF, and each contact's letter with its SHA-256, size and pages, in the run's order (?after= pages on)",
    params: DirectMailRunParams,
    query: DirectMailPageQuery,
    response: { status: 200, description: 'The files', schema: DirectMailFilePage },
    errors: [404],
    handler: ({ params, query, deps }) => listDirectMailFiles(deps.db, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs/:id/skipped', tag, roles: 'any',
    summary: 'The contacts the run skipped, each with the reason (no postal address, do not contact…)',
    params: DirectMailRunParams,
    query: DirectMailPageQuery,
    response: { status: 200, description: 'The skipped contacts', schema: DirectMailSkippedPage },
    errors: [404],
    handler: ({ params, query, deps }) => listDirectMailSkipped(deps.db, params.id, query),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs/:id/files/:contactId', tag, roles: 'any',
    summary: "One contact's letter as a PDF (FILES and BOTH runs), its SHA-256 as ETag",
    params: DirectMailFileParams,
    response: { status: 200, description: 'The letter', file: { mediaTypes: ['application/pdf'] } },
    errors: [404, 503],
    handler: async ({ params, deps, req, res }) =>
      sendPdf(await directMailLetterFile(deps.db, collateralSettings(deps).store, params.id, params.contactId), res, req.headers['if-none-match']),
  }),
  defineRoute({
    method: 'get', path: '/direct-mail-runs/:id/merged', tag, roles: 'any',
    summary: 'Every letter of a COMPLETED MERGED or BOTH run in one PDF, each from a new page',
    params: DirectMailRunParams,
    response: { status: 200, description: 'The merged PDF', file: { mediaTypes: ['application/pdf'] } },
    errors: [404, 503],
    handler: async ({ params, deps, req, res }) => sendPdf(await directMailMergedFile(deps.db, collateralSettings(deps).store, params.id), res, req.headers['if-none-match']),
  }),
];
