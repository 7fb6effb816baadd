import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { readSetting, writeSetting } from './settings-store';

const KEY = 'mailing';

export const FrequencyCap = z
  .strictObject({
    maxMessages: z.number().int().min(1).max(1000).meta({ description: 'At most this many campaign messages per contact…' }),
    windowDays: z.number().int().min(1).max(365).meta({ description: '…in any rolling window of this many days, across all campaigns' }),
  })
  .meta({ id: 'FrequencyCap', description: 'Counted from the messages campaigns really sent; a message over the cap is skipped with the reason recorded' });
export type FrequencyCap = z.output<typeof FrequencyCap>;

export const MailingSettingsRequest = z
  .strictObject({
    frequencyCap: FrequencyCap.nullable().meta({ description: 'null: no cap' }),
  })
  .meta({ id: 'GlobalMailingSettingsRequest', description: 'Replaces the settings of every campaign mailing' });
export type MailingSettingsRequest = z.output<typeof MailingSettingsRequest>;

export const MailingSettingsView = z
  .object({
    frequencyCap: FrequencyCap.nullable(),
    updatedAt: z.iso.datetime().nullable().meta({ description: 'null while never changed' }),
  })
  .meta({ id: 'GlobalMailingSettings' });
export type MailingSettingsView = z.output<typeof MailingSettingsView>;

/** Settings of every mailing; a stored value that no longer parses counts as no cap rather than stopping mailings. */
export async function getMailingSettings(db: DbClient): Promise<MailingSettingsView> {
  const row = await readSetting(db, KEY);
  if (!row) return { frequencyCap: null, updatedAt: null };
  const parsed = MailingSettingsRequest.safeParse(row.value);
  return { frequencyCap: parsed.success ? parsed.data.frequencyCap : null, updatedAt: row.updatedAt.toISOString() };
}

/** Read by each mailing batch: a change applies from the next batch on. */
export async function saveMailingSettings(db: DbClient, request: MailingSettingsRequest): Promise<MailingSettingsView> {
  const row = await writeSetting(db, KEY, { frequencyCap: request.frequencyCap });
  return { frequencyCap: request.frequencyCap, updatedAt: row.updatedAt.toISOString() };
}

/**
 * An admin's change of the mailing settings, with its audit entry (the cap before and after) in the
 * same transaction; saving the same settings records nothing.
 */
export async function updateMailingSettings({ db, caller }: RequestContext, request: MailingSettingsRequest): Promise<MailingSettingsView> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('mailing-settings'))`;
    const before = await getMailingSettings(tx);
    const after = await saveMailingSettings(tx, request);
    if (JSON.stringify(before.frequencyCap) !== JSON.stringify(after.frequencyCap)) {
      await recordAudit(tx, { actorId: caller.id, action: 'settings.mailing.update', entityType: 'settings', entityId: 'mailing', before: { frequencyCap: before.frequencyCap }, after: { frequencyCap: after.frequencyCap } });
    }
    return after;
  });
}
