import { signal } from './signal';

export type Role = 'admin' | 'marketer' | 'manager';

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** GET /auth/session: the signed-in user of the session cookie, and the token its changes send back. */
interface CurrentSession {
  user: Me;
  csrfToken: string;
  expiresAt: string;
}

const KEY_NAME = 'crm.apiKey';
const CSRF_HEADER = 'X-CSRF-Token';
const storages = () => [window.sessionStorage, window.localStorage];

/** Who is signed in; the key stays in this tab (sessionStorage) unless the user asked to be remembered. */
export const currentUser = signal<Me | null>(null);

/** Why the sign-in page is shown again, when a session ended under the user (revoked, expired, user deactivated). */
export const signedOutNotice = signal<string | null>(null);

// The CSRF token of the session cookie (httpOnly: the script never sees the cookie itself). Kept in
// memory only: a reload asks GET /auth/session for it again.
let csrfToken: string | null = null;

function forget(): void {
  for (const storage of storages()) storage.removeItem(KEY_NAME);
  csrfToken = null;
  currentUser.set(null);
}

/**
 * Two ways to be signed in: an API key the user typed (scripts' way, and the first admin's), sent as
 * a header; or a session cookie from an e-mailed link or OIDC, which the browser sends by itself and
 * whose state-changing requests carry the session's CSRF token.
 */
export const session = {
  key(): string | null {
    for (const storage of storages()) {
      const key = storage.getItem(KEY_NAME);
      if (key) return key;
    }
    return null;
  },
  /** The header a state-changing request needs when signed in with a session cookie; none otherwise. */
  csrfHeader(method: string): Record<string, string> {
    return csrfToken && !['GET', 'HEAD'].includes(method.toUpperCase()) ? { [CSRF_HEADER]: csrfToken } : {};
  },
  signIn(key: string, me: Me, remember: boolean) {
    forget();
    signedOutNotice.set(null);
    (remember ? window.localStorage : window.sessionStorage).setItem(KEY_NAME, key);
    currentUser.set(me);
  },
  /** At start-up without a key: the session cookie's user, if the browser holds a live one. */
  async resume(): Promise<void> {
    const response = await fetch('/auth/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).catch(() => undefined);
    if (!response?.ok) return;
    const answer = (await response.json()) as CurrentSession;
    csrfToken = answer.csrfToken;
    signedOutNotice.set(null);
    currentUser.set(answer.user);
  },
  /** The API refused the key or the session (401): forget it here; a session that ended says so on the sign-in page. */
  signOut() {
    if (csrfToken) signedOutNotice.set('Your session has ended: it expired, was revoked, or your user was deactivated. Sign in again.');
    forget();
  },
  /** The Sign out button: a session cookie is ended on the server (and cleared), then nothing is kept here. */
  async endSession(): Promise<void> {
    if (csrfToken) await fetch('/auth/sign-out', { method: 'POST', headers: this.csrfHeader('POST'), credentials: 'same-origin' }).catch(() => undefined);
    forget();
    signedOutNotice.set(null);
  },
};
