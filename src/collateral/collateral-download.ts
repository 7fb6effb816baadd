import type { Readable } from 'node:stream';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { keepsCollateral, loadVisibleItem, type CollateralCaller } from './collateral-access';
import type { CollateralStore } from './collateral-store';

export interface CollateralFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  /** Opens the bytes; called only when they are to be sent (not for a 304). */
  open(): Promise<Readable>;
}

/** One version's file. Sellers get the current (newest) version of an APPROVED item only. */
export async function collateralFile(db: Db, store: CollateralStore, caller: CollateralCaller, itemId: string, number: number): Promise<CollateralFile> {
  const item = await loadVisibleItem(db, caller, itemId);
  const version = await db.collateralVersion.findUnique({ where: { itemId_number: { itemId, number } } });
  if (!version) throw new AppError('NOT_FOUND', `Collateral item "${item.name}" has no version ${number}`);
  if (!keepsCollateral(caller)) {
    const newest = await db.collateralVersion.findFirst({ where: { itemId }, orderBy: { number: 'desc' }, select: { number: true } });
    if (newest && newest.number !== number) throw new AppError('NOT_FOUND', `Version ${number} of "${item.name}" is not offered: its current version is ${newest.number}`);
  }
  return {
    fileName: version.fileName,
    mediaType: version.mediaType,
    sizeBytes: version.sizeBytes,
    sha256: version.sha256,
    open: () => store.read(version.sha256),
  };
}

/** A Content-Disposition header that every browser reads: an ASCII name, and the exact one in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
