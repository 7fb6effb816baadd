// A real OpenID Connect provider for the sign-in tests (oidc-provider, the certified implementation),
// run by plain node in a child process since the package is ESM only. Its development interactions
// are the login form: the login typed there is the account and its subject (`sub`). A login
// `name@example.com` has that e-mail, verified; `unverified:name@example.com` has it unverified. Prints {"issuer": "..."} on stdout once it listens on a free loopback port.
//   OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET, OIDC_TEST_REDIRECT_URI: the client the app is.
import http from 'node:http';
import Provider from 'oidc-provider';

const { OIDC_TEST_CLIENT_ID: clientId, OIDC_TEST_CLIENT_SECRET: clientSecret, OIDC_TEST_REDIRECT_URI: redirectUri } = process.env;
if (!clientId || !clientSecret || !redirectUri) throw new Error('OIDC_TEST_CLIENT_ID, OIDC_TEST_CLIENT_SECRET and OIDC_TEST_REDIRECT_URI are required');

function claimsOf(login) {
  const unverified = login.startsWith('unverified:');
  const email = unverified ? login.slice('unverified:'.length) : login;
  return { sub: login, email, email_verified: !unverified, name: email.split('@')[0] };
}

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => claimsOf(id) }),
  // A first-party client, as an organization sets up its own apps: no consent screen after the login.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  cookies: { keys: ['sign-in-tests-only'] },
  features: { devInteractions: { enabled: true } },
});
server.on('request', provider.callback());
process.on('SIGTERM', () => server.close(() => process.exit(0)));
console.log(JSON.stringify({ issuer }));
