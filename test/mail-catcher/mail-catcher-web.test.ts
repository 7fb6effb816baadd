import request from 'supertest';
import type { CaughtMessage, MailCatcher } from '../../src/mail-catcher/mail-catcher';
import { cleanUp, sendMail, startTestCatcher } from './helpers';

afterEach(cleanUp);

async function catcherWith(...subjects: string[]): Promise<MailCatcher> {
  const catcher = await startTestCatcher();
  for (const subject of subjects) await sendMail(catcher.smtpUrl, { subject, text: `body of ${subject}` });
  await catcher.waitForMessages(() => true, subjects.length);
  return catcher;
}

describe('mail catcher web pages and API', () => {
  test('when messages were received then the API lists them newest first, honouring ?limit=', async () => {
    const catcher = await catcherWith('first', 'second', 'third');

    const all = await request(catcher.webUrl).get('/api/messages').expect(200);
    const limited = await request(catcher.webUrl).get('/api/messages?limit=2').expect(200);

    expect((all.body as CaughtMessage[]).map((m) => m.subject)).toEqual(['third', 'second', 'first']);
    expect((limited.body as CaughtMessage[]).map((m) => m.subject)).toEqual(['third', 'second']);
    await request(catcher.webUrl).get('/api/messages?limit=zero').expect(400);
    expect((await request(catcher.webUrl).get('/api/stats').expect(200)).body).toEqual({ kept: 3, received: 3 });
  });

  test('when a message is asked for by id then the API and the page show it', async () => {
    const catcher = await catcherWith('by id');
    const [message] = catcher.messages();

    const json = await request(catcher.webUrl).get(`/api/messages/${message.id}`).expect(200);
    const page = await request(catcher.webUrl).get(`/messages/${message.id}`).expect(200);

    expect(json.body).toEqual(message);
    expect(page.text).toContain('body of by id');
    const list = await request(catcher.webUrl).get('/').expect(200);
    expect(list.text).toContain(`href="/messages/${message.id}"`);
  });

  test('when the id is unknown then the page and the API answer 404', async () => {
    const catcher = await catcherWith('exists');

    await request(catcher.webUrl).get('/api/messages/nope').expect(404);
    await request(catcher.webUrl).get('/messages/nope').expect(404);
    await request(catcher.webUrl).get('/messages/%3Cscript%3E').expect(404);
  });

  test('when DELETE /api/messages is called then the catcher is empty', async () => {
    const catcher = await catcherWith('one', 'two');

    await request(catcher.webUrl).delete('/api/messages').expect(204);

    expect(catcher.messages()).toEqual([]);
    expect((await request(catcher.webUrl).get('/api/messages').expect(200)).body).toEqual([]);
  });

  test('when a message carries markup then no page lets it run', async () => {
    const catcher = await startTestCatcher();
    await sendMail(catcher.smtpUrl, {
      from: '"<script>alert(0)</script>" <evil@example.com>',
      subject: '<script>alert(1)</script>',
      text: '<script>alert(2)</script>',
      html: '"></iframe><script>alert(3)</script><img src=x onerror=alert(4)>',
      headers: { 'X-Evil': '<img src=x onerror=alert(5)>' },
    });
    const [message] = await catcher.waitForMessages(() => true);

    const list = await request(catcher.webUrl).get('/').expect(200);
    const page = await request(catcher.webUrl).get(`/messages/${message.id}`).expect(200);

    for (const html of [list.text, page.text]) {
      expect(html).not.toMatch(/<script|<img/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(page.text).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(5)&gt;');
    // Exactly one iframe, sandboxed, whose srcdoc holds the escaped body (the quote cannot end it).
    expect(page.text.match(/<iframe /g)).toHaveLength(1);
    expect(page.text).toMatch(/<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" [^>]*srcdoc="&quot;&gt;&lt;\/iframe&gt;&lt;script&gt;alert\(3\)/);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
  });
});
