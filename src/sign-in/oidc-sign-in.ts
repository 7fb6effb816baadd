import type { Configuration } from 'openid-client';
import { openIdClient } from './openid-client';
import type { OidcSettings } from './sign-in-settings';

/** What the browser keeps (a short-lived httpOnly cookie) between the redirect to the provider and its answer. */
export interface PendingOidcSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Who the provider says signed in, from its validated ID token (and its UserInfo when the token has no e-mail). */
export interface OidcIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

export const oidcCallbackPath = '/auth/oidc/callback';

export interface OidcSignIn {
  label: string;
  /** Where to send the browser, and what to keep until it comes back. */
  authorizationRequest(): Promise<{ url: string; pending: PendingOidcSignIn }>;
  /**
   * Redeems the code of the provider's answer (PKCE), checking state and nonce; the library validates
   * the ID token (signature by the provider's published keys, issuer, audience, expiry). Throws when
   * anything does not match, or when the provider answered an error.
   */
  identify(callbackUrl: URL, pending: PendingOidcSignIn): Promise<OidcIdentity>;
}

/** The authorization code flow with PKCE against the configured provider; its metadata is discovered once. */
export function createOidcSignIn(settings: OidcSettings, publicUrl: string): OidcSignIn {
  const redirectUri = `${publicUrl}${oidcCallbackPath}`;
  let discovered: Promise<Configuration> | undefined;

  const configuration = () => {
    discovered ??= (async () => {
      const client = await openIdClient();
      // The configuration refuses plain HTTP issuers other than localhost (a provider on this machine).
      const insecure = new URL(settings.issuerUrl).protocol === 'http:';
      return client.discovery(new URL(settings.issuerUrl), settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
    })();
    // A provider that was down is asked again by the next sign-in.
    discovered.catch(() => (discovered = undefined));
    return discovered;
  };

  return {
    label: settings.label,
    async authorizationRequest() {
      const [client, config] = await Promise.all([openIdClient(), configuration()]);
      const pending = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },
    async identify(callbackUrl, pending) {
      const [client, config] = await Promise.all([openIdClient(), configuration()]);
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      let email = claims.email;
      let verified = claims.email_verified;
      if (typeof email !== 'string') {
        // Many providers put the e-mail in UserInfo only.
        const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      }
      return { subject: claims.sub, email: typeof email === 'string' ? email.toLowerCase() : undefined, emailVerified: verified === true };
    },
  };
}
