// openid-client 6 is an ES module and this app is CommonJS: it is loaded with import() (which tsx,
// esbuild's bundle and Node keep as a real dynamic import), once, on the first OIDC sign-in.
export type OpenIdClient = typeof import('openid-client');

let loading: Promise<OpenIdClient> | undefined;

export function openIdClient(): Promise<OpenIdClient> {
  loading ??= import('openid-client');
  return loading;
}
