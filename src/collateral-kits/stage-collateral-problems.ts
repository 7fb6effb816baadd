import type { DbClient } from '../db/prisma';
import type { ErrorDetail } from '../errors/app-error';
import { describeFileSize } from '../collateral/file-size';
import type { MailAttachment } from '../campaigns/stage-settings.schemas';
import { kitUnusableBecause, loadNamedCollateral, namedCollateral } from './stage-collateral';
import { unusableBecause } from './usable-items';

/** MAIL_ATTACHMENTS_MAX_SIZE's default: what most mail servers take, with room for the message. */
export const DEFAULT_MAIL_ATTACHMENTS_MAX_BYTES = 5 * 1024 * 1024;

interface StageToCheck {
  type: string;
  settings: unknown;
}

/**
 * The collateral the PENDING stages name, checked as it is now: MAILING attachments and CALL_TASKS
 * call scripts and kits must be APPROVED items with a file (a script of kind CALL_SCRIPT) and ACTIVE
 * kits of such items, and the files a mailing attaches must add up to at most `maxAttachmentBytes`.
 * Each problem is named at its field (`…settings.attachments.1.kitId`).
 */
export async function stageCollateralProblems(
  db: DbClient,
  stages: readonly StageToCheck[],
  { at, isPending, maxAttachmentBytes }: { at: (...path: (string | number)[]) => string; isPending: (index: number) => boolean; maxAttachmentBytes: number },
): Promise<ErrorDetail[]> {
  const checked = stages.map((stage, index) => (isPending(index) && stage.settings && typeof stage.settings === 'object' ? stage : { type: stage.type, settings: null }));
  const named = namedCollateral(checked);
  if (!named.itemIds.size && !named.kitIds.size) return [];
  const { kits, items } = await loadNamedCollateral(db, named);
  const problems: ErrorDetail[] = [];

  checked.forEach((stage, index) => {
    const settings = stage.settings as Record<string, unknown> | null;
    if (!settings) return;
    if (stage.type === 'MAILING' && Array.isArray(settings.attachments)) {
      const seen = new Map<string, number>();
      let fileBytes = 0;
      (settings.attachments as Partial<MailAttachment>[]).forEach((attachment, position) => {
        const path = (field: string) => at(index, 'settings', 'attachments', position, field);
        let ids: string[] = [];
        if (typeof attachment?.itemId === 'string') {
          const problem = unusableBecause(attachment.itemId, items.get(attachment.itemId));
          if (problem) return problems.push({ path: path('itemId'), message: problem.message });
          ids = [attachment.itemId];
        } else if (typeof attachment?.kitId === 'string') {
          const problem = kitUnusableBecause(attachment.kitId, kits.get(attachment.kitId), items);
          if (problem) return problems.push({ path: path('kitId'), message: problem });
          ids = kits.get(attachment.kitId)!.itemIds;
        }
        for (const id of ids) {
          const earlier = seen.get(id);
          if (earlier !== undefined) {
            problems.push({ path: at(index, 'settings', 'attachments', position), message: `"${items.get(id)!.name}" is attached already (attachments.${earlier})` });
            continue;
          }
          seen.set(id, position);
          if (attachment.as === 'file') fileBytes += items.get(id)!.current!.sizeBytes;
        }
      });
      if (fileBytes > maxAttachmentBytes) {
        problems.push({
          path: at(index, 'settings', 'attachments'),
          message: `the files attached add up to ${describeFileSize(fileBytes)}, over the limit of ${describeFileSize(maxAttachmentBytes)} (MAIL_ATTACHMENTS_MAX_SIZE): send some as links`,
        });
      }
    }
    if (stage.type === 'CALL_TASKS') {
      if (typeof settings.callScriptItemId === 'string') {
        const item = items.get(settings.callScriptItemId);
        const problem = unusableBecause(settings.callScriptItemId, item);
        if (problem) problems.push({ path: at(index, 'settings', 'callScriptItemId'), message: problem.message });
        else if (item!.kind !== 'CALL_SCRIPT') problems.push({ path: at(index, 'settings', 'callScriptItemId'), message: `collateral item "${item!.name}" is a ${item!.kind}, not a CALL_SCRIPT` });
      }
      if (typeof settings.kitId === 'string') {
        const problem = kitUnusableBecause(settings.kitId, kits.get(settings.kitId), items);
        if (problem) problems.push({ path: at(index, 'settings', 'kitId'), message: problem });
      }
    }
  });
  return problems;
}
