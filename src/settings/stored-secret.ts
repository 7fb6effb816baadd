import { randomBytes } from 'node:crypto';
import type { Db } from '../db/prisma';
import { settingOnce } from './settings-store';

// One secret per database and key, made on first use by whichever process comes first.
const secrets = new Map<string, WeakMap<Db, Promise<Buffer>>>();

/** A signing secret generated and stored in `settings` under `key` on first use, then cached per database. */
export function storedSecret(db: Db, key: string): Promise<Buffer> {
  const byDb = secrets.get(key) ?? secrets.set(key, new WeakMap()).get(key)!;
  let secret = byDb.get(db);
  if (!secret) {
    secret = settingOnce(db, key, randomBytes(32).toString('base64url')).then((value) => {
      if (typeof value !== 'string' || value.length < 32) throw new Error(`the setting ${key} is not a secret`);
      return Buffer.from(value, 'base64url');
    });
    // A failure (database down) is not cached: the next call tries again.
    secret.catch(() => byDb.delete(db));
    byDb.set(db, secret);
  }
  return secret;
}
