import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let admin: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin')]);
});
afterAll(() => t.close());

const auth = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const templateCount = () => t.database.db.emailTemplate.count();
const welcome = { key: 'welcome', name: 'Welcome', subject: 'Welcome, {{ contact.name }}', text: 'Hello {{contact.name}} of {{account.name}}', html: '<p>Hello {{contact.name}}</p>' };

describe('templates API', () => {
  test('when a marketer creates a template then 201, and anyone who reads templates can get it and list it', async () => {
    const created = await t.request.post('/api/v1/templates').set(auth(marketer)).send(welcome);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...welcome, createdById: marketer.id, variables: ['contact.name', 'account.name'] });

    const got = await t.request.get('/api/v1/templates/welcome').set(auth(manager));
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    await t.request.post('/api/v1/templates').set(auth(admin)).send({ ...welcome, key: 'another-one', name: 'Another', html: undefined }).expect(201);
    const list = await t.request.get('/api/v1/templates?limit=1').set(auth(manager));
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { key: string }) => item.key)).toEqual(['another-one']);
    expect(list.body.items[0].text).toBeUndefined();
    const next = await t.request.get(`/api/v1/templates?limit=1&cursor=${list.body.nextCursor}`).set(auth(marketer));
    expect(next.body.items.map((item: { key: string }) => item.key)).toEqual(['welcome']);
    const found = await t.request.get('/api/v1/templates?q=WELC').set(auth(marketer));
    expect(found.body).toEqual({ items: [expect.objectContaining({ key: 'welcome', name: 'Welcome' })], nextCursor: null });
  });

  test('when a marketer replaces a template then its content changes, an html left out is removed, the key stays', async () => {
    await t.request.post('/api/v1/templates').set(auth(marketer)).send({ ...welcome, key: 'to-replace' }).expect(201);
    const replaced = await t.request.put('/api/v1/templates/to-replace').set(auth(marketer)).send({ name: 'Replaced', subject: 'New {{owner.name}}', text: 'New text' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ key: 'to-replace', name: 'Replaced', subject: 'New {{owner.name}}', text: 'New text', html: null, variables: ['owner.name'] });
    expect((await t.request.get('/api/v1/templates/to-replace').set(auth(admin))).body).toEqual(replaced.body);
  });

  test('when the key is taken then 409 names it and nothing changes', async () => {
    await t.request.post('/api/v1/templates').set(auth(marketer)).send({ ...welcome, key: 'taken' }).expect(201);
    const before = await templateCount();
    const response = await t.request.post('/api/v1/templates').set(auth(admin)).send({ ...welcome, key: 'taken', name: 'Other' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'body.key', message: 'already in use' }] });
    expect(await templateCount()).toBe(before);
    expect((await t.request.get('/api/v1/templates/taken').set(auth(admin))).body.name).toBe('Welcome');
  });

  test('when a template uses an unknown variable then 400 names the field and the variable, and nothing is saved', async () => {
    const before = await templateCount();
    const response = await t.request.post('/api/v1/templates').set(auth(marketer)).send({ ...welcome, key: 'typo', text: 'Hi {{contact.nmae}}', html: '<p>{{ acount.name }}</p>' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Invalid request body: body.text, body.html');
    expect(response.body.error.details).toEqual([
      { path: 'body.text', message: expect.stringContaining('unknown variable "contact.nmae"') },
      { path: 'body.html', message: expect.stringContaining('unknown variable "acount.name"') },
    ]);
    expect(await templateCount()).toBe(before);

    await t.request.post('/api/v1/templates').set(auth(marketer)).send({ ...welcome, key: 'kept' }).expect(201);
    const put = await t.request.put('/api/v1/templates/kept').set(auth(marketer)).send({ name: 'X', subject: '{{user.name}}', text: 'ok' });
    expect(put.status).toBe(400);
    expect(put.body.error.details).toEqual([{ path: 'body.subject', message: expect.stringContaining('"user.name"') }]);
    expect((await t.request.get('/api/v1/templates/kept').set(auth(marketer))).body.subject).toBe(welcome.subject);
  });

  test('when a manager writes a template then 403 and nothing is saved; reading is allowed', async () => {
    const before = await templateCount();
    const post = await t.request.post('/api/v1/templates').set(auth(manager)).send({ ...welcome, key: 'by-manager' });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('FORBIDDEN');
    expect((await t.request.put('/api/v1/templates/welcome').set(auth(manager)).send({ name: 'X', subject: 'X', text: 'X' })).status).toBe(403);
    expect(await templateCount()).toBe(before);
    expect((await t.request.get('/api/v1/templates').set(auth(manager))).status).toBe(200);
  });

  test('when a template does not exist then GET and PUT answer 404', async () => {
    expect((await t.request.get('/api/v1/templates/nothing-here').set(auth(marketer))).status).toBe(404);
    const put = await t.request.put('/api/v1/templates/nothing-here').set(auth(marketer)).send({ name: 'X', subject: 'X', text: 'X' });
    expect(put.status).toBe(404);
    expect(put.body.error.details).toEqual([{ path: 'path.key', message: 'no such template' }]);
    expect(await t.database.db.emailTemplate.count({ where: { key: 'nothing-here' } })).toBe(0);
  });

  test.each([
    ['a key that is not a slug', { ...welcome, key: 'Not A Slug' }, ['body.key']],
    ['a missing text', { key: 'k1', name: 'N', subject: 'S' }, ['body.text']],
    ['a subject over 200 characters', { ...welcome, key: 'k2', subject: 'x'.repeat(201) }, ['body.subject']],
    ['a subject on two lines', { ...welcome, key: 'k3', subject: 'a\nBcc: x@example.com' }, ['body.subject']],
    ['an empty name and a blank text', { ...welcome, key: 'k4', name: ' ', text: '  ' }, ['body.name', 'body.text']],
    ['a wrong type', { ...welcome, key: 'k5', html: 42 }, ['body.html']],
    ['an unknown field', { ...welcome, key: 'k6', from: 'me@example.com' }, ['body.from']],
    ['a malformed placeholder', { ...welcome, key: 'k7', text: 'Hi {{ contact.name | upper }}' }, ['body.text']],
    // PostgreSQL cannot store NUL: found by the fuzz suite as a 500 on PUT.
    ['NUL characters', { ...welcome, key: 'k8', name: 'N\u0000', subject: '\u0000', text: 'a\u0000', html: '<p>\u0000</p>' }, ['body.html', 'body.name', 'body.subject', 'body.text']],
  ])('when the body has %s then 400 names each bad field and nothing is saved', async (_case, body, paths) => {
    const before = await templateCount();
    const response = await t.request.post('/api/v1/templates').set(auth(marketer)).send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.details.map((detail: { path: string }) => detail.path).sort()).toEqual(paths);
    expect(await templateCount()).toBe(before);
  });

  test('when a PUT body tries to change the key or the path is not a slug then 400', async () => {
    const body = await t.request.put('/api/v1/templates/welcome').set(auth(marketer)).send({ key: 'renamed', name: 'X', subject: 'X', text: 'X' });
    expect(body.status).toBe(400);
    expect(body.body.error.details).toEqual([{ path: 'body.key', message: 'Unknown field' }]);
    const path = await t.request.get('/api/v1/templates/Bad%20Key').set(auth(marketer));
    expect(path.status).toBe(400);
    expect(path.body.error.details[0].path).toBe('path.key');
    const cursor = await t.request.get('/api/v1/templates?cursor=%20x').set(auth(marketer));
    expect(cursor.status).toBe(400);
  });

  test('when the OpenAPI document is read then it describes the template routes from their schemas', async () => {
    const { body } = await t.request.get('/api/v1/openapi.json');
    expect(body.paths['/templates'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateTemplateRequest' });
    expect(Object.keys(body.paths['/templates/{key}'])).toEqual(['get', 'put']);
  });
});
