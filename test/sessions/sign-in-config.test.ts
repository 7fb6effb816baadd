import { ConfigError, loadConfig } from '../../src/config/config';

const oidc = { OIDC_ISSUER_URL: 'https://login.example.com/realms/crm', OIDC_CLIENT_ID: 'crm', OIDC_CLIENT_SECRET: 'a-secret' };

test('by default sessions last 12 h, 2 h idle, links 15 min, 10 link requests per address in 15 min, and there is no OIDC', () => {
  expect(loadConfig({}).signIn).toEqual({
    sessions: { ttlMs: 12 * 3_600_000, idleTimeoutMs: 2 * 3_600_000 },
    linkTtlMs: 15 * 60_000,
    linkRequests: { limit: 10, windowMs: 15 * 60_000 },
    oidc: undefined,
  });
});

test('lifetimes are durations as the other settings write them, and OIDC takes all three variables and a label', () => {
  const config = loadConfig({ SESSION_TTL: '8h', SESSION_IDLE_TIMEOUT: '30m', SIGN_IN_LINK_TTL: '600s', SIGN_IN_LINK_RATE_LIMIT: '3', SIGN_IN_LINK_RATE_WINDOW: '1h', ...oidc, OIDC_LABEL: 'Acme SSO' });
  expect(config.signIn).toEqual({
    sessions: { ttlMs: 8 * 3_600_000, idleTimeoutMs: 30 * 60_000 },
    linkTtlMs: 600_000,
    linkRequests: { limit: 3, windowMs: 3_600_000 },
    oidc: { issuerUrl: oidc.OIDC_ISSUER_URL, clientId: 'crm', clientSecret: 'a-secret', label: 'Acme SSO' },
  });
  expect(loadConfig({ ...oidc, OIDC_ISSUER_URL: 'http://localhost:8080/realms/crm' }).signIn.oidc?.label).toBe('your organization');
});

test.each([
  [{ SESSION_TTL: '12 hours' }, 'SESSION_TTL'],
  [{ SESSION_IDLE_TIMEOUT: '500ms' }, 'SESSION_IDLE_TIMEOUT'],
  [{ SIGN_IN_LINK_TTL: '0' }, 'SIGN_IN_LINK_TTL'],
  [{ SIGN_IN_LINK_RATE_LIMIT: '0' }, 'SIGN_IN_LINK_RATE_LIMIT'],
  [{ OIDC_ISSUER_URL: 'https://login.example.com' }, 'OIDC_CLIENT_ID'],
  [{ OIDC_CLIENT_ID: 'crm', OIDC_CLIENT_SECRET: 'x' }, 'OIDC_ISSUER_URL'],
  [{ ...oidc, OIDC_ISSUER_URL: 'http://login.example.com' }, 'OIDC_ISSUER_URL'],
  [{ ...oidc, OIDC_ISSUER_URL: 'ftp://login.example.com' }, 'OIDC_ISSUER_URL'],
])('when %j then start-up stops naming %s', (env, name) => {
  expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(ConfigError);
  expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(name);
});
