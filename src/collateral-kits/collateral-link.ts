import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/prisma';
import { storedSecret } from '../settings/stored-secret';

/**
 * Download links put in campaign messages: they work without an API key (the recipient has none)
 * for one version of one item, until they expire. The token is
 * `base64url(itemId ‖ version ‖ expiresAt ‖ HMAC(secret, "collateral-link/v1" ‖ those))`: the item
 * id as its 16 raw bytes, the version and the expiry (seconds since 1970) as 4-byte big-endian
 * integers. Nobody can make a link to another file, or stretch one's life, without the secret.
 */

const SECRET_KEY = 'collateral-link-secret';
const DOMAIN = Buffer.from('collateral-link/v1');
const PAYLOAD_BYTES = 16 + 4 + 4;
const TOKEN_BYTES = PAYLOAD_BYTES + 32;
export const COLLATERAL_LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{75}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CollateralLink {
  itemId: string;
  version: number;
  expiresAt: Date;
}

/** The signing secret, generated and stored in `settings` on first use, then cached. */
export const collateralLinkSecret = (db: Db): Promise<Buffer> => storedSecret(db, SECRET_KEY);

const mac = (secret: Buffer, payload: Buffer) => createHmac('sha256', secret).update(DOMAIN).update(payload).digest();

export function signCollateralLink(secret: Buffer, link: CollateralLink): string {
  if (!uuidPattern.test(link.itemId)) throw new Error('collateral links name an item id (a UUID)');
  const payload = Buffer.alloc(PAYLOAD_BYTES);
  Buffer.from(link.itemId.replace(/-/g, ''), 'hex').copy(payload, 0);
  payload.writeUInt32BE(link.version, 16);
  payload.writeUInt32BE(Math.floor(link.expiresAt.getTime() / 1000), 20);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

/** What a token names, or undefined when it is malformed or not signed by us (expired ones are answered: the caller says so). */
export function verifyCollateralLink(secret: Buffer, token: string): CollateralLink | undefined {
  if (!COLLATERAL_LINK_TOKEN_PATTERN.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== TOKEN_BYTES) return undefined;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), mac(secret, payload))) return undefined;
  const hex = payload.subarray(0, 16).toString('hex');
  return {
    itemId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    version: payload.readUInt32BE(16),
    expiresAt: new Date(payload.readUInt32BE(20) * 1000),
  };
}

export const collateralLinkUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/files/${token}`;
