import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { MailAttachment } from '../campaigns/stage-settings.schemas';
import type { AttachedCollateral, AttachedItem } from './attached-collateral.schemas';
import { loadNamedCollateral, namedCollateral, type FrozenItem, type FrozenMailCollateral, type FrozenTaskCollateral } from './stage-collateral';

// Which library items a campaign used: per MAILING and CALL_TASKS stage, the items it attached as
// it started with them (frozen versions), or, for a stage not started, as its settings plan them.
// Printed copies reserved and shipped are the stock's usage (collateral-stock/collateral-usage.ts).

const fromFrozen = (item: FrozenItem, as: AttachedItem['as'], kit: { id: string; name: string } | null = null): AttachedItem => ({
  itemId: item.itemId, name: item.name, kind: item.kind, version: item.version, as, kitId: kit?.id ?? null, kitName: kit?.name ?? null,
});

export async function attachedCollateral(db: DbClient, campaignId: string): Promise<AttachedCollateral> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`, [{ path: 'path.id', message: 'no such campaign' }]);
  const stages = await db.campaignStage.findMany({
    where: { campaignId, type: { in: ['MAILING', 'CALL_TASKS'] } },
    orderBy: { position: 'asc' },
    select: { id: true, position: true, type: true, status: true, settings: true, startedSettings: true },
  });
  const planned = stages.filter((stage) => stage.startedSettings === null);
  const { kits, items } = await loadNamedCollateral(db, namedCollateral(planned.map((stage) => ({ type: stage.type, settings: stage.settings }))));
  const plannedItem = (itemId: string, as: AttachedItem['as'], kit: { id: string; name: string } | null = null): AttachedItem[] => {
    const item = items.get(itemId);
    return item ? [{ itemId, name: item.name, kind: item.kind, version: item.current?.number ?? null, as, kitId: kit?.id ?? null, kitName: kit?.name ?? null }] : [];
  };

  return {
    campaignId,
    stages: stages
      .map((stage) => {
        const type = stage.type as 'MAILING' | 'CALL_TASKS';
        const base = { stageId: stage.id, position: stage.position, type, status: stage.status, started: stage.startedSettings !== null };
        const frozen = (stage.startedSettings as { collateral?: unknown } | null)?.collateral;
        if (stage.startedSettings !== null) {
          if (!frozen) return { ...base, items: [], leftOut: [] };
          if (type === 'MAILING') {
            const mail = frozen as FrozenMailCollateral;
            return { ...base, items: [...mail.files.map((item) => fromFrozen(item, 'file')), ...mail.links.map((item) => fromFrozen(item, 'link'))], leftOut: mail.leftOut };
          }
          const task = frozen as FrozenTaskCollateral;
          return {
            ...base,
            items: [...(task.callScript ? [fromFrozen(task.callScript, 'callScript')] : []), ...(task.kit?.items.map((item) => fromFrozen(item, 'kitItem', task.kit)) ?? [])],
            leftOut: task.leftOut,
          };
        }
        const settings = (stage.settings ?? {}) as { attachments?: MailAttachment[]; callScriptItemId?: string; kitId?: string };
        if (type === 'MAILING') {
          const attached = (settings.attachments ?? []).flatMap((attachment) => {
            if (attachment.itemId) return plannedItem(attachment.itemId, attachment.as === 'file' ? 'file' : 'link');
            const kit = attachment.kitId ? kits.get(attachment.kitId) : undefined;
            return kit ? kit.itemIds.flatMap((id) => plannedItem(id, attachment.as === 'file' ? 'file' : 'link', kit)) : [];
          });
          return { ...base, items: attached, leftOut: [] };
        }
        const kit = settings.kitId ? kits.get(settings.kitId) : undefined;
        return { ...base, items: [...(settings.callScriptItemId ? plannedItem(settings.callScriptItemId, 'callScript') : []), ...(kit ? kit.itemIds.flatMap((id) => plannedItem(id, 'kitItem', kit)) : [])], leftOut: [] };
      })
      .filter((stage) => stage.items.length > 0 || stage.leftOut.length > 0),
  };
}
