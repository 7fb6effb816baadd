import type { DbClient } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';

/** The `settings` table: one JSON value per key, changed at run time (by an admin, or made on first use). */
export async function readSetting(db: DbClient, key: string): Promise<{ value: unknown; updatedAt: Date } | null> {
  return db.setting.findUnique({ where: { key }, select: { value: true, updatedAt: true } });
}

export async function writeSetting(db: DbClient, key: string, value: Prisma.InputJsonValue): Promise<{ value: unknown; updatedAt: Date }> {
  return db.setting.upsert({ where: { key }, create: { key, value }, update: { value }, select: { value: true, updatedAt: true } });
}

/**
 * Stores `value` under `key` unless the key already has one, and answers the stored value: when
 * several processes race on first use, they all end up with the first writer's value.
 */
export async function settingOnce(db: DbClient, key: string, value: Prisma.InputJsonValue): Promise<unknown> {
  await db.$executeRaw`INSERT INTO settings (key, value, updated_at) VALUES (${key}, ${JSON.stringify(value)}::jsonb, now()) ON CONFLICT (key) DO NOTHING`;
  const row = await db.setting.findUnique({ where: { key }, select: { value: true } });
  if (!row) throw new Error(`setting ${key} vanished right after it was written`);
  return row.value;
}
