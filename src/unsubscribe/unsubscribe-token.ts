import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/prisma';
import { storedSecret } from '../settings/stored-secret';

/**
 * Unsubscribe links carry a token naming the contact and the campaign, signed with HMAC-SHA256:
 * `base64url(contactId ‖ campaignId ‖ HMAC(secret, "unsubscribe/v1" ‖ contactId ‖ campaignId))`,
 * ids as their 16 raw bytes (a campaign-less token, from a preview, has 16 zero bytes). No
 * address is in the link, and nobody can make a token for someone else without the secret.
 */

const SECRET_KEY = 'unsubscribe-secret';
const NO_CAMPAIGN = Buffer.alloc(16);
const DOMAIN = Buffer.from('unsubscribe/v1');
const TOKEN_BYTES = 16 + 16 + 32;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const UNSUBSCRIBE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{86}$/;

export interface UnsubscribeTarget {
  contactId: string;
  campaignId: string | null;
}

/** The signing secret, generated and stored in `settings` on first use, then cached. */
export const unsubscribeSecret = (db: Db): Promise<Buffer> => storedSecret(db, SECRET_KEY);

const idBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const idText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const mac = (secret: Buffer, ids: Buffer) => createHmac('sha256', secret).update(DOMAIN).update(ids).digest();

export function signUnsubscribeToken(secret: Buffer, target: UnsubscribeTarget): string {
  if (!uuidPattern.test(target.contactId) || (target.campaignId !== null && !uuidPattern.test(target.campaignId))) {
    throw new Error('unsubscribe tokens name a contact id and a campaign id (UUIDs)');
  }
  const ids = Buffer.concat([idBytes(target.contactId), target.campaignId ? idBytes(target.campaignId) : NO_CAMPAIGN]);
  return Buffer.concat([ids, mac(secret, ids)]).toString('base64url');
}

/**
 * The contact and campaign a link's token names, or undefined when it is malformed or not ours. A
 * malformed token is refused before the secret is read, so that it never makes the secret (a write).
 */
export async function readUnsubscribeToken(db: Db, token: string): Promise<UnsubscribeTarget | undefined> {
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) return undefined;
  return verifyUnsubscribeToken(await unsubscribeSecret(db), token);
}

/** The contact and campaign a token names, or undefined when it is malformed or not ours. */
export function verifyUnsubscribeToken(secret: Buffer, token: string): UnsubscribeTarget | undefined {
  if (!UNSUBSCRIBE_TOKEN_PATTERN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES) return undefined;
  const ids = bytes.subarray(0, 32);
  if (!timingSafeEqual(bytes.subarray(32), mac(secret, ids))) return undefined;
  const campaign = ids.subarray(16, 32);
  return { contactId: idText(ids.subarray(0, 16)), campaignId: campaign.equals(NO_CAMPAIGN) ? null : idText(campaign) };
}

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${token}`;
