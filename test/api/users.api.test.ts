import { waitForMail } from '../support/mailbox';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const userCount = () => t.database.db.user.count();

describe('POST /api/v1/users', () => {
  test('when an admin creates a user then the answer holds their key, the key works, and a welcome e-mail arrives once', async () => {
    const email = `new.manager.${Date.now()}@example.com`;
    const created = await t.request.post('/api/v1/users').set(auth(admin.key)).send({ email: email.toUpperCase(), name: 'Nina Manager', role: 'manager' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ email, name: 'Nina Manager', role: 'manager' });
    expect(created.body.apiKey).toMatch(/^crm_/);

    const me = await t.request.get('/api/v1/me').set(auth(created.body.apiKey));
    expect(me.status).toBe(200);
    expect(me.body).toEqual(created.body.user);

    const [mail] = await waitForMail((m) => m.to.includes(email));
    expect(mail.subject).toBe('Your CRM account is ready');
    expect(mail.messageId).toBe(`<welcome-${created.body.user.id}@crm.test>`);
    expect(mail.text).toContain('Nina Manager');

    const result = await t.temporal.client.workflow.getHandle(created.body.welcomeWorkflowId).result();
    expect(result).toEqual({ messageId: mail.messageId });
    const stored = await t.database.db.user.findUniqueOrThrow({ where: { id: created.body.user.id } });
    expect(stored.welcomeEmailSentAt).toBeInstanceOf(Date);
    const keys = await t.database.db.apiKey.findMany({ where: { userId: stored.id } });
    expect(keys).toHaveLength(1);
    expect(keys[0].keyHash).not.toContain(created.body.apiKey);
  });

  test('when the e-mail is already taken then 409 names it and nothing is added', async () => {
    const email = `taken.${Date.now()}@example.com`;
    await t.userWithKey('marketer', email);
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(admin.key)).send({ email, name: 'Again', role: 'manager' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'body.email' }] });
    expect(await userCount()).toBe(before);
  });

  test.each([
    ['a wrong type', { email: 'x@example.com', name: 42, role: 'manager' }, ['body.name']],
    ['a missing field', { email: 'x@example.com', role: 'manager' }, ['body.name']],
    ['an unknown role', { email: 'x@example.com', name: 'X', role: 'owner' }, ['body.role']],
    ['a bad e-mail and an empty name', { email: 'not-an-email', name: '  ', role: 'manager' }, ['body.email', 'body.name']],
    ['an unknown field', { email: 'x@example.com', name: 'X', role: 'manager', isAdmin: true }, ['body.isAdmin']],
    ['an array instead of an object', [{ email: 'x@example.com' }], ['body']],
  ])('when the body has %s then 400 names each bad field and nothing is added', async (_case, body, paths) => {
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(admin.key)).send(body as object);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(paths);
    expect(await userCount()).toBe(before);
  });

  test('when the body is malformed JSON then 400 INVALID_JSON and nothing is added', async () => {
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(admin.key)).set('Content-Type', 'application/json').send('{"email": "x@example.com",');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_JSON');
    expect(await userCount()).toBe(before);
  });

  test('when the body is larger than the limit then 413 and nothing is added', async () => {
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(admin.key)).send({ email: 'big@example.com', name: 'x'.repeat(200_000), role: 'manager' });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await userCount()).toBe(before);
  });

  test('when the body is not JSON then 415 and nothing is added', async () => {
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(admin.key)).type('form').send('email=x@example.com&name=X&role=manager');
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await userCount()).toBe(before);
  });

  test.each(['manager', 'marketer'] as const)('when a %s creates a user then 403 and nothing is added', async (role) => {
    const caller = await t.userWithKey(role);
    const before = await userCount();
    const response = await t.request.post('/api/v1/users').set(auth(caller.key)).send({ email: 'y@example.com', name: 'Y', role: 'admin' });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(`"${role}"`) });
    expect(await userCount()).toBe(before);
  });
});

describe('API keys', () => {
  test.each([
    ['no Authorization header', undefined, /Missing API key/],
    ['a malformed header', 'Token abc', /Malformed Authorization/],
    ['an unknown key', 'Bearer crm_unknown', /Invalid or revoked/],
  ])('when a request has %s then 401 says so', async (_case, header, message) => {
    const request = t.request.post('/api/v1/users').send({ email: 'z@example.com', name: 'Z', role: 'manager' });
    const response = await (header ? request.set('Authorization', header) : request);
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(message) });
  });

  test('when a key is revoked then it no longer works', async () => {
    const user = await t.userWithKey('manager');
    expect((await t.request.get('/api/v1/me').set(auth(user.key))).status).toBe(200);
    await t.database.db.apiKey.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    const response = await t.request.get('/api/v1/me').set(auth(user.key));
    expect(response.status).toBe(401);
  });
});
