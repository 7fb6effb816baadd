import { readdir } from 'node:fs/promises';
import type { CaughtMessage } from '../../src/mail-catcher/mail-catcher';
import { cleanUp, killClientMidMessage, sendMail, startTestCatcher, tempDir } from './helpers';

afterEach(cleanUp);

const bySubject = (subject: string) => (m: CaughtMessage) => m.subject === subject;

describe('mail catcher over SMTP', () => {
  test('when started on port 0 then it reports the real ports in its URLs', async () => {
    const catcher = await startTestCatcher();

    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.httpPort).toBeGreaterThan(0);
    expect(catcher.smtpUrl).toBe(`smtp://127.0.0.1:${catcher.smtpPort}`);
    expect(catcher.webUrl).toBe(`http://127.0.0.1:${catcher.httpPort}`);
  });

  test('when a message is sent then it is caught with envelope, headers, bodies and attachment metadata', async () => {
    const catcher = await startTestCatcher();

    await sendMail(catcher.smtpUrl, {
      from: 'Alice <alice@example.com>',
      to: 'Bob <bob@example.com>, carol@example.com',
      bcc: 'dave@example.com',
      subject: 'Grüße',
      text: 'plain body',
      html: '<p>html body</p>',
      messageId: '<m1@example.com>',
      headers: { 'X-Campaign': 'c-42' },
      attachments: [{ filename: 'report.csv', content: 'a,b\n1,2\n' }],
    });
    const [message] = await catcher.waitForMessages(bySubject('Grüße'));

    expect(message).toMatchObject({
      envelope: { from: 'alice@example.com', to: ['bob@example.com', 'carol@example.com', 'dave@example.com'] },
      messageId: '<m1@example.com>',
      from: 'alice@example.com',
      to: ['bob@example.com', 'carol@example.com'],
      text: 'plain body',
      html: '<p>html body</p>',
      attachments: [{ filename: 'report.csv', contentType: 'text/csv', size: 8 }],
    });
    expect(message.headers).toMatchObject({ 'x-campaign': 'c-42', subject: 'Grüße', from: '"Alice" <alice@example.com>' });
    expect(message.headers).not.toHaveProperty('x-mail-catcher-meta');
    expect(Date.parse(message.receivedAt)).not.toBeNaN();
    expect(catcher.receivedCount()).toBe(1);
  });

  test('when more messages arrive than it keeps then the oldest are dropped but still counted and awaited', async () => {
    const dir = await tempDir();
    const catcher = await startTestCatcher({ maxMessages: 3, storageDir: dir });
    const allFive = catcher.waitForMessages((m) => m.subject?.startsWith('n') ?? false, 5);

    for (const n of [1, 2, 3, 4, 5]) await sendMail(catcher.smtpUrl, { subject: `n${n}` });

    expect((await allFive).map((m) => m.subject)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(catcher.messages().map((m) => m.subject)).toEqual(['n3', 'n4', 'n5']);
    expect(catcher.receivedCount()).toBe(5);
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toHaveLength(3);
  });

  test('when too few messages match before the timeout then waitForMessages rejects with the counts', async () => {
    const catcher = await startTestCatcher();
    await sendMail(catcher.smtpUrl, { subject: 'only one' });

    await expect(catcher.waitForMessages(bySubject('only one'), 2, 200)).rejects.toThrow(/1 of 2 expected messages/);
  });

  test('when started again on the same storage dir then the messages are still there', async () => {
    const dir = await tempDir();
    const first = await startTestCatcher({ storageDir: dir });
    await sendMail(first.smtpUrl, { subject: 'before restart 1', bcc: 'hidden@example.com' });
    await sendMail(first.smtpUrl, { subject: 'before restart 2', html: '<b>kept</b>' });
    const received = await first.waitForMessages((m) => m.subject?.startsWith('before restart') ?? false, 2);
    await first.close();

    const second = await startTestCatcher({ storageDir: dir });

    expect(second.messages()).toEqual(received);
    expect(second.receivedCount()).toBe(0);
  });

  test('when cleared then the messages are gone from memory, disk and the next start', async () => {
    const dir = await tempDir();
    const first = await startTestCatcher({ storageDir: dir });
    await sendMail(first.smtpUrl, { subject: 'to be cleared' });
    await first.waitForMessages(bySubject('to be cleared'));

    await first.clear();
    await first.close();
    const second = await startTestCatcher({ storageDir: dir });

    expect(first.messages()).toEqual([]);
    expect((await readdir(dir)).filter((f) => f.endsWith('.eml'))).toEqual([]);
    expect(second.messages()).toEqual([]);
  });

  test.each(['destroy', 'reset'] as const)(
    'when a client is killed mid-message (%s) then the process survives and later messages are caught',
    async (how) => {
      let dropped!: () => void;
      const droppedMessage = new Promise<void>((resolve) => (dropped = resolve));
      const logger = { info: () => undefined, warn: (_obj: object, msg?: string) => msg?.includes('did not store') && dropped() };
      const catcher = await startTestCatcher({ logger });

      await killClientMidMessage(catcher.smtpPort, how);
      await droppedMessage;
      await sendMail(catcher.smtpUrl, { subject: 'after the killed client' });

      await catcher.waitForMessages(bySubject('after the killed client'));
      expect(catcher.messages().map((m) => m.subject)).toEqual(['after the killed client']);
    },
  );
});
