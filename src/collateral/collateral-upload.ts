import fs from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { loadVisibleItem, lockItem, retiredConflict, type CollateralCaller } from './collateral-access';
import { getCollateralItem } from './collateral-items';
import type { CollateralSettings } from './collateral-store';
import type { CollateralItemView } from './collateral.schemas';
import { acceptedTypesText, declaredMediaType, mediaTypeNames, sniffMediaType, type CollateralMediaType } from './file-types';
import { receiveUpload, tooLarge, type ReceivedUpload } from './receive-upload';

export interface FileUpload {
  /** The request body: the file's bytes, as they were sent. */
  body: Readable;
  fileName: string;
  /** The Content-Type header, if any. */
  contentType?: string;
  /** The Content-Length header, if any: over the limit, refused before a byte is read. */
  contentLength?: number;
}

const unsupported = (message: string, path: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message, [{ path, message }]);

/** The declared type first: a JSON body or another kind of file is refused before it is read. */
function checkDeclaredType(contentType: string | undefined): CollateralMediaType | undefined {
  const declared = declaredMediaType(contentType);
  if (declared === 'unspecified') return undefined;
  if (typeof declared === 'string') return declared;
  throw unsupported(
    `Content-Type ${declared.other} is not a file the library takes: send the file's bytes as the body, with its type (${acceptedTypesText}) or application/octet-stream`,
    'header.content-type',
  );
}

/** The received file's real type, read from its first bytes and checked against the declared one. */
function checkContent(received: ReceivedUpload, declared: CollateralMediaType | undefined): CollateralMediaType {
  if (received.size === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty: send its bytes as the request body', [{ path: 'body', message: 'empty' }]);
  const sniffed = sniffMediaType(received.head);
  if (!sniffed) throw unsupported(`The file is not a ${acceptedTypesText} file (its first bytes are those of none of them)`, 'body');
  if (declared && declared !== sniffed) throw unsupported(`The file was sent as ${declared} (${mediaTypeNames[declared]}), but its content is ${mediaTypeNames[sniffed]}`, 'header.content-type');
  return sniffed;
}

/**
 * A new version of the item from an uploaded file: streamed to a temp file and hashed, checked by
 * its first bytes, kept in the store under its SHA-256 (once, whatever the number of versions that
 * name it), then recorded. A new file for an APPROVED item sends it back to DRAFT: what was
 * approved was the old content. A refused upload leaves nothing in the store.
 */
export async function uploadCollateralVersion(db: Db, settings: CollateralSettings, caller: CollateralCaller, itemId: string, upload: FileUpload): Promise<CollateralItemView> {
  const item = await loadVisibleItem(db, caller, itemId);
  if (item.status === 'RETIRED') throw retiredConflict(item, 'take a new version');
  const declared = checkDeclaredType(upload.contentType);
  if (upload.contentLength !== undefined && upload.contentLength > settings.maxFileBytes) throw tooLarge(settings.maxFileBytes);

  const received = await receiveUpload(upload.body, { tempDir: settings.store.tempDir, maxBytes: settings.maxFileBytes });
  let mediaType: CollateralMediaType;
  try {
    mediaType = checkContent(received, declared);
  } catch (error) {
    await fs.rm(received.tempFile, { force: true });
    throw error;
  }
  const { alreadyKept } = await settings.store.keep(received.tempFile, { sha256: received.sha256, size: received.size });

  await db.$transaction(async (tx) => {
    // Checked again under the lock: the item may have been retired while the file arrived (the
    // content then stays in the store, unnamed, as content another upload may name later).
    const locked = await lockItem(tx, itemId);
    if (locked.status === 'RETIRED') throw retiredConflict(locked, 'take a new version');
    const newest = await tx.collateralVersion.findFirst({ where: { itemId }, orderBy: { number: 'desc' }, select: { number: true } });
    const number = (newest?.number ?? 0) + 1;
    await tx.collateralVersion.create({
      data: { itemId, number, fileName: upload.fileName, mediaType, sizeBytes: received.size, sha256: received.sha256, uploadedById: caller.id },
    });
    const backToDraft = locked.status === 'APPROVED';
    await tx.collateralItem.update({ where: { id: itemId }, data: backToDraft ? { status: 'DRAFT', approvedById: null, approvedAt: null } : { updatedAt: new Date() } });
    await recordAudit(tx, {
      actorId: caller.id, action: 'collateral.version', entityType: 'collateral', entityId: itemId,
      before: backToDraft ? { status: 'APPROVED' } : null,
      after: { number, fileName: upload.fileName, mediaType, sizeBytes: received.size, sha256: received.sha256, storedAlready: alreadyKept, ...(backToDraft ? { status: 'DRAFT' } : {}) },
    });
  });
  return getCollateralItem(db, caller, itemId);
}
