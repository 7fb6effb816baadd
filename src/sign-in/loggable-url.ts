/**
 * A request's URL as the request log may keep it: without a sign-in link's token (it signs in for
 * minutes) nor the code and state an OpenID Connect provider sends back.
 */
export function loggableUrl(url: string): string {
  if (url.startsWith('/auth/email-link/')) return '/auth/email-link/…';
  if (url.startsWith('/auth/oidc/callback?')) return '/auth/oidc/callback?…';
  // A collateral download link is a credential for its file until it expires.
  if (url.startsWith('/files/')) return '/files/…';
  return url;
}
