import { pipeline } from 'node:stream/promises';
import { approveCollateralItem, retireCollateralItem } from '../../collateral/collateral-status';
import { attachmentDisposition, collateralFile } from '../../collateral/collateral-download';
import { createCollateralItem, getCollateralItem, listCollateral, updateCollateralItem } from '../../collateral/collateral-items';
import type { CollateralSettings } from '../../collateral/collateral-store';
import { uploadCollateralVersion } from '../../collateral/collateral-upload';
import {
  CollateralIdParams,
  CollateralItemView,
  CollateralListQuery,
  CollateralPage,
  CollateralVersionParams,
  CreateCollateralRequest,
  UpdateCollateralRequest,
  UploadQuery,
} from '../../collateral/collateral.schemas';
import { collateralMediaTypes } from '../../collateral/file-types';
import { AppError } from '../../errors/app-error';
import { defineRoute, type ApiDependencies } from '../route';

// Marketers and admins keep the library and approve its items; every role reads it (sellers see
// APPROVED items only).
const keepers = ['marketer', 'admin'] as const;
const tag = 'Collateral';

function collateralSettings(deps: ApiDependencies): CollateralSettings {
  if (!deps.collateral) throw new AppError('SERVICE_UNAVAILABLE', 'The collateral file store is not configured');
  return deps.collateral;
}

export const collateralRoutes = [
  defineRoute({
    method: 'get', path: '/collateral', tag, roles: 'any',
    summary: 'The library, newest first, filtered by status, kind, product, language or text; each item with its current (newest) version. Managers see APPROVED items only',
    query: CollateralListQuery,
    response: { status: 200, description: 'A page of items', schema: CollateralPage },
    handler: ({ query, caller, deps }) => listCollateral(deps.db, caller, query),
  }),
  defineRoute({
    method: 'post', path: '/collateral', tag, roles: keepers,
    summary: 'Add an item to the library, as a DRAFT without a file: upload its file next',
    body: CreateCollateralRequest,
    response: { status: 201, description: 'The item', schema: CollateralItemView },
    handler: ({ body, caller, deps }) => createCollateralItem(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/collateral/:id', tag, roles: 'any',
    summary: 'An item with all its versions, newest first (managers: APPROVED items only)',
    params: CollateralIdParams,
    response: { status: 200, description: 'The item', schema: CollateralItemView },
    errors: [404],
    handler: ({ params, caller, deps }) => getCollateralItem(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/collateral/:id', tag, roles: keepers,
    summary: 'Rename, describe, or change the kind, product or language of an item that is not RETIRED',
    params: CollateralIdParams,
    body: UpdateCollateralRequest,
    response: { status: 200, description: 'The item', schema: CollateralItemView },
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updateCollateralItem(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/collateral/:id/versions', tag, roles: keepers,
    summary:
      "Upload a new version: the body is the file's bytes (PDF, PNG, JPEG, GIF or WebP, checked by its first bytes; 413 over the size limit, 20 MB unless configured), " +
      'the name in ?fileName=. The same content is stored once. A new file sends an APPROVED item back to DRAFT',
    params: CollateralIdParams,
    query: UploadQuery,
    fileBody: { mediaTypes: [...collateralMediaTypes, 'application/octet-stream'], description: "The file's bytes; application/octet-stream: the type is read from them" },
    response: { status: 201, description: 'The item with its new version', schema: CollateralItemView },
    errors: [404, 409, 503],
    handler: ({ params, query, caller, deps, req }) => {
      const length = req.headers['content-length'];
      return uploadCollateralVersion(deps.db, collateralSettings(deps), caller, params.id, {
        body: req,
        fileName: query.fileName,
        contentType: req.headers['content-type'],
        contentLength: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
      });
    },
  }),
  defineRoute({
    method: 'get', path: '/collateral/:id/versions/:number/file', tag, roles: 'any',
    summary: "A version's file, with its media type, its name (Content-Disposition) and its SHA-256 as ETag (If-None-Match: 304). Managers get the current version of APPROVED items",
    params: CollateralVersionParams,
    response: { status: 200, description: 'The file', file: { mediaTypes: collateralMediaTypes } },
    errors: [404, 503],
    handler: async ({ params, caller, deps, req, res }) => {
      const file = await collateralFile(deps.db, collateralSettings(deps).store, caller, params.id, params.number);
      const etag = `"${file.sha256}"`;
      res.set({ ETag: etag, 'Cache-Control': 'private, max-age=0, must-revalidate' });
      if (req.headers['if-none-match']?.split(',').some((tagText) => ['*', etag].includes(tagText.trim().replace(/^W\//, '')))) {
        res.status(304).end();
        return;
      }
      const bytes = await file.open();
      res.status(200).set({ 'Content-Type': file.mediaType, 'Content-Length': String(file.sizeBytes), 'Content-Disposition': attachmentDisposition(file.fileName) });
      // The answer has begun: a store failing now can only cut it, which the client sees as a short file.
      await pipeline(bytes, res).catch(() => undefined);
    },
  }),
  defineRoute({
    method: 'post', path: '/collateral/:id/approve', tag, roles: keepers,
    summary: 'DRAFT → APPROVED: its current version is offered to sellers (409 when it has no file, or is not a DRAFT); audited',
    params: CollateralIdParams,
    response: { status: 200, description: 'The item', schema: CollateralItemView },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => approveCollateralItem(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'post', path: '/collateral/:id/retire', tag, roles: keepers,
    summary: 'DRAFT or APPROVED → RETIRED: offered no more, kept with its versions for the history (409 when RETIRED already); audited',
    params: CollateralIdParams,
    response: { status: 200, description: 'The item', schema: CollateralItemView },
    errors: [404, 409],
    handler: ({ params, caller, deps }) => retireCollateralItem(deps.db, caller, params.id),
  }),
];
