import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/prisma';
import { unsubscribeSecret } from '../unsubscribe/unsubscribe-token';

/**
 * The public event pages' tokens, signed with HMAC-SHA256 under the database's unsubscribe secret
 * but with domain strings of their own, so that no token of one kind is ever valid as another:
 * - a cancellation token names a registration: `base64url(registrationId ‖ HMAC(secret, "event-cancel/v1" ‖ registrationId))`;
 * - an invitation token names an event and a contact: `base64url(eventId ‖ contactId ‖ HMAC(secret, "event-invite/v1" ‖ eventId ‖ contactId))`.
 * Ids are their 16 raw bytes: no personal data is in a link, and nobody can make a token without the secret.
 */

const CANCEL_DOMAIN = Buffer.from('event-cancel/v1');
const INVITE_DOMAIN = Buffer.from('event-invite/v1');
const MAC_BYTES = 32;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 16 + 32 bytes in base64url, without padding. */
export const CANCELLATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{64}$/;
/** 32 + 32 bytes in base64url, without padding. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{86}$/;

export interface InvitationTarget {
  eventId: string;
  contactId: string;
}

const idBytes = (id: string) => {
  if (!uuidPattern.test(id)) throw new Error('event tokens name UUIDs');
  return Buffer.from(id.replace(/-/g, ''), 'hex');
};
const idText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
const mac = (secret: Buffer, domain: Buffer, ids: Buffer) => createHmac('sha256', secret).update(domain).update(ids).digest();

/** The ids a token carries when its signature is ours, else undefined. */
function verify(secret: Buffer, domain: Buffer, token: string, pattern: RegExp, idCount: number): Buffer[] | undefined {
  if (!pattern.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== idCount * 16 + MAC_BYTES) return undefined;
  const ids = bytes.subarray(0, idCount * 16);
  if (!timingSafeEqual(bytes.subarray(idCount * 16), mac(secret, domain, ids))) return undefined;
  return Array.from({ length: idCount }, (_, index) => ids.subarray(index * 16, index * 16 + 16));
}

export function signCancellationToken(secret: Buffer, registrationId: string): string {
  const ids = idBytes(registrationId);
  return Buffer.concat([ids, mac(secret, CANCEL_DOMAIN, ids)]).toString('base64url');
}

/** The registration a cancellation token names, or undefined when it is malformed or not ours. */
export function verifyCancellationToken(secret: Buffer, token: string): string | undefined {
  const ids = verify(secret, CANCEL_DOMAIN, token, CANCELLATION_TOKEN_PATTERN, 1);
  return ids && idText(ids[0]);
}

/** As verifyCancellationToken; a malformed token is refused before the secret is read (its first use writes it). */
export async function readCancellationToken(db: Db, token: string): Promise<string | undefined> {
  if (!CANCELLATION_TOKEN_PATTERN.test(token)) return undefined;
  return verifyCancellationToken(await unsubscribeSecret(db), token);
}

export function signInvitationToken(secret: Buffer, target: InvitationTarget): string {
  const ids = Buffer.concat([idBytes(target.eventId), idBytes(target.contactId)]);
  return Buffer.concat([ids, mac(secret, INVITE_DOMAIN, ids)]).toString('base64url');
}

/** The event and contact an invitation token names, or undefined when it is malformed or not ours. */
export function verifyInvitationToken(secret: Buffer, token: string): InvitationTarget | undefined {
  const ids = verify(secret, INVITE_DOMAIN, token, INVITATION_TOKEN_PATTERN, 2);
  return ids && { eventId: idText(ids[0]), contactId: idText(ids[1]) };
}

/** As verifyInvitationToken; a malformed token is refused before the secret is read. */
export async function readInvitationToken(db: Db, token: string): Promise<InvitationTarget | undefined> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return undefined;
  return verifyInvitationToken(await unsubscribeSecret(db), token);
}

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** The public registration page of an event, with a sub-source code and an invitation token when given. */
export function registrationPageUrl(publicUrl: string, eventId: string, options: { source?: string | null; invite?: string | null } = {}): string {
  const query = new URLSearchParams();
  if (options.source) query.set('source', options.source);
  if (options.invite) query.set('invite', options.invite);
  const text = query.toString();
  return `${base(publicUrl)}/events/${eventId}/register${text ? `?${text}` : ''}`;
}

export const cancellationUrl = (publicUrl: string, token: string) => `${base(publicUrl)}/event-registrations/${token}/cancel`;
