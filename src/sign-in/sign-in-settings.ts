import type { WindowLimit } from '../rate-limit/rate-limit-settings';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../sessions/session-settings';

/** The organization's OpenID Connect provider and this app's client there (OIDC_* variables). */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** The provider's name on the console's button: "Sign in with <label>". */
  label: string;
}

/** How people sign in to the console (docs/administration.md, "Signing in and sessions"). */
export interface SignInSettings {
  sessions: SessionSettings;
  /** How long an e-mailed link stays valid (SIGN_IN_LINK_TTL). */
  linkTtlMs: number;
  /** Link requests per client address (SIGN_IN_LINK_RATE_LIMIT per SIGN_IN_LINK_RATE_WINDOW). */
  linkRequests: WindowLimit;
  /** Unset: no OIDC sign-in (its routes answer 404 and the console shows no button). */
  oidc?: OidcSettings;
}

export const DEFAULT_SIGN_IN_SETTINGS: SignInSettings = {
  sessions: DEFAULT_SESSION_SETTINGS,
  linkTtlMs: 15 * 60_000,
  linkRequests: { limit: 10, windowMs: 15 * 60_000 },
};
