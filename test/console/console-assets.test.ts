import express from 'express';
import supertest from 'supertest';
import { consoleRoutes } from '../../src/console/console.routes';

const request = supertest(express().use(consoleRoutes()));

test('the root and /console lead to /console/, whose page links the bundle by its content version', async () => {
  await request.get('/').expect(302).expect('Location', '/console/');
  await request.get('/console').expect(301).expect('Location', '/console/');
  const page = await request.get('/console/').expect(200).expect('Content-Type', /html/).expect('Cache-Control', 'no-cache');
  const [, version] = /app\.js\?v=([0-9a-f]{12})"/.exec(page.text) ?? [];
  expect(version).toBeDefined();
  expect(page.text).toContain(`app.css?v=${version}`);
});

test('the script and style sheet are served compressed to browsers that accept it, plain otherwise, and cached for good', async () => {
  const zipped = await request.get('/console/assets/app.js').set('Accept-Encoding', 'gzip').buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(zipped.status).toBe(200);
  expect(zipped.headers['content-type']).toMatch(/javascript/);
  expect(zipped.headers['cache-control']).toContain('immutable');
  expect(zipped.headers['vary']).toContain('Accept-Encoding');

  const plain = await request.get('/console/assets/app.js').set('Accept-Encoding', 'identity').expect(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.text.length).toBeGreaterThan(1000);

  const css = await request.get('/console/assets/app.css').set('Accept-Encoding', 'identity').expect(200).expect('Content-Type', /css/);
  expect(css.text).toContain('.topbar');
  expect(zipped.headers['content-encoding']).toBe('gzip');
  // supertest inflates what it receives: the same script came through the gzip encoding.
  expect((zipped.body as Buffer).toString()).toBe(plain.text);
});

test('with a Temporal UI configured the page names where its workflows are, escaped; without one it names none', async () => {
  const linked = supertest(express().use(consoleRoutes({ temporalUi: { url: 'http://ui.test/"x"', namespace: 'crm prod' } })));
  const page = await linked.get('/console/').expect(200);
  expect(page.text).toContain('<meta name="crm-temporal-ui-workflows" content="http://ui.test/&quot;x&quot;/namespaces/crm%20prod/workflows/">');
  expect((await request.get('/console/')).text).not.toContain('crm-temporal-ui-workflows');
});
