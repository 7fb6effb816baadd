import { recordAudit } from '../audit/record-audit';
import type { CollateralCaller } from '../collateral/collateral-access';
import { loadVisibleItem, lockItem, retiredConflict } from '../collateral/collateral-access';
import { getCollateralItem } from '../collateral/collateral-items';
import type { CollateralStore } from '../collateral/collateral-store';
import type { CollateralItemView } from '../collateral/collateral.schemas';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { LetterTemplateRequest } from './direct-mail.schemas';
import { parseTemplate } from './merge-fields';
import { keepBytes } from './stored-bytes';

/** How a template text is kept: a version of its LETTER_TEMPLATE item, as any other file of the library. */
export const TEMPLATE_MEDIA_TYPE = 'text/plain';

/** A 400 naming every merge field that is unknown or not closed, each with its line and column. */
export function checkTemplateText(text: string): string[] {
  const parsed = parseTemplate(text);
  if (parsed.ok) return parsed.fields;
  const describe = (error: { line: number; column: number; message: string }) => `line ${error.line}, column ${error.column}: ${error.message}`;
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid text: ${describe(parsed.errors[0])}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`,
    parsed.errors.slice(0, 50).map((error) => ({ path: 'body.text', message: describe(error) })),
  );
}

/**
 * Saves a letter template's text as a new version of its LETTER_TEMPLATE item: checked first (an
 * unknown merge field is a 400 with its place, and nothing is written), then kept in the store
 * under its SHA-256 like an uploaded file. As with a new file, an APPROVED item goes back to DRAFT.
 */
export async function saveLetterTemplate(db: Db, store: CollateralStore, caller: CollateralCaller, itemId: string, body: LetterTemplateRequest): Promise<CollateralItemView> {
  const item = await loadVisibleItem(db, caller, itemId);
  if (item.kind !== 'LETTER_TEMPLATE') {
    throw new AppError('CONFLICT', `Collateral item "${item.name}" is a ${item.kind}: only LETTER_TEMPLATE items take a template text`, [{ path: 'path.id', message: `a ${item.kind}, not a LETTER_TEMPLATE` }]);
  }
  if (item.status === 'RETIRED') throw retiredConflict(item, 'take a new version');
  const fields = checkTemplateText(body.text);
  const text = body.text.replace(/\r\n?/g, '\n');
  const kept = await keepBytes(store, Buffer.from(text, 'utf8'));
  const fileName = body.fileName ?? 'letter-template.txt';
  await db.$transaction(async (tx) => {
    const locked = await lockItem(tx, itemId);
    if (locked.status === 'RETIRED') throw retiredConflict(locked, 'take a new version');
    const newest = await tx.collateralVersion.findFirst({ where: { itemId }, orderBy: { number: 'desc' }, select: { number: true } });
    const number = (newest?.number ?? 0) + 1;
    await tx.collateralVersion.create({ data: { itemId, number, fileName, mediaType: TEMPLATE_MEDIA_TYPE, sizeBytes: kept.sizeBytes, sha256: kept.sha256, uploadedById: caller.id } });
    const backToDraft = locked.status === 'APPROVED';
    await tx.collateralItem.update({ where: { id: itemId }, data: backToDraft ? { status: 'DRAFT', approvedById: null, approvedAt: null } : { updatedAt: new Date() } });
    await recordAudit(tx, {
      actorId: caller.id, action: 'collateral.version', entityType: 'collateral', entityId: itemId,
      before: backToDraft ? { status: 'APPROVED' } : null,
      after: { number, fileName, mediaType: TEMPLATE_MEDIA_TYPE, sizeBytes: kept.sizeBytes, sha256: kept.sha256, mergeFields: fields, ...(backToDraft ? { status: 'DRAFT' } : {}) },
    });
  });
  return getCollateralItem(db, caller, itemId);
}
