import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from '../../../src/mail-catcher/mail-catcher';

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
});
afterAll(() => catcher.close());

/** One message over a connection of its own: answers the SMTP reply code it got (250 when accepted). */
async function send(to: string): Promise<number> {
  const transport = nodemailer.createTransport(catcher.smtpUrl);
  try {
    await transport.sendMail({ from: 'sender@example.com', to, subject: `to ${to}`, text: 'x' });
    return 250;
  } catch (error) {
    return (error as { responseCode: number }).responseCode;
  } finally {
    transport.close();
  }
}

describe('mail catcher refusals on demand (test hooks)', () => {
  test('bounce addresses are refused with 550 every time, and nothing is kept', async () => {
    expect(await send('bounce+a1@example.com')).toBe(550);
    expect(await send('bounce+a1@example.com')).toBe(550);
    expect(await send('Bounce@example.com')).toBe(550);
    expect(catcher.messages().filter((message) => message.subject?.includes('bounce'))).toEqual([]);
  });

  test('deferN addresses get 451 for their first N attempts, then are accepted; throttleN get 421', async () => {
    expect([await send('defer2+b1@example.com'), await send('defer2+b1@example.com'), await send('defer2+b1@example.com')]).toEqual([451, 451, 250]);
    // Counted per address.
    expect(await send('defer1+b2@example.com')).toBe(451);
    expect(await send('defer1+b2@example.com')).toBe(250);
    expect([await send('throttle1+b3@example.com'), await send('throttle1+b3@example.com')]).toEqual([421, 250]);
    await catcher.waitForMessages((message) => ['defer2+b1@example.com', 'defer1+b2@example.com', 'throttle1+b3@example.com'].includes(message.to[0]), 3);
  });

  test('every other address is accepted as before, including ones that merely contain the words', async () => {
    for (const to of ['plain@example.com', 'nobounce@example.com', 'defer@example.com', 'bounce.x@example.com']) expect(await send(to)).toBe(250);
  });
});
