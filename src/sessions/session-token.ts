import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits, base64url: a session's cookie value, its CSRF token, or an e-mailed link's token. */
export const randomToken = () => randomBytes(32).toString('base64url');

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What the database keeps of a cookie or a link: its SHA-256 (the tokens are random, a slow hash adds nothing). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
export function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
