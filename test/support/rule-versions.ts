import type { Db } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';

/** Publishes a new version of a rule, as an admin's edit would: the old one stays for history. */
export async function publishRuleVersion(db: Db, key: string, change: (definition: Record<string, unknown>) => Record<string, unknown>) {
  const current = await db.rule.findFirstOrThrow({ where: { key, isCurrent: true } });
  return db.$transaction(async (tx) => {
    await tx.rule.update({ where: { id: current.id }, data: { isCurrent: false } });
    return tx.rule.create({ data: { key, version: current.version + 1, definition: change(current.definition as Record<string, unknown>) as Prisma.InputJsonValue } });
  });
}

/** The refusal rules with their 90-day re-contact replaced by `after` (short, for tests). */
export async function shortenRecontact(db: Db, after: string) {
  for (const key of ['refusal', 'refusal-former-client']) {
    await publishRuleVersion(db, key, (definition) => ({
      ...definition,
      actions: (definition.actions as { kind: string; after?: object }[]).map((action) => (action.kind === 'start_timer' ? { ...action, after: { after } } : action)),
    }));
  }
}
