import type { Request, Response } from 'express';
import type { SessionSettings } from './session-settings';

export const SESSION_COOKIE = 'crm_session';

/** A cookie's value in the request, or undefined; malformed encodings count as absent. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Secure only when the console is served over HTTPS: a browser drops Secure cookies set over plain HTTP. */
export const secureCookies = (publicUrl: string) => publicUrl.startsWith('https:');

/** httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), for the whole site. */
export function setSessionCookie(res: Response, token: string, settings: SessionSettings, publicUrl: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(publicUrl), path: '/', maxAge: settings.ttlMs });
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureCookies(publicUrl), path: '/' });
}
