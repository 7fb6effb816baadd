import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { startMailCatcher, type MailCatcher, type MailCatcherOptions } from '../../src/mail-catcher/mail-catcher';

const started: MailCatcher[] = [];
const tempDirs: string[] = [];

/** Port-0 catcher that is closed after each test. */
export async function startTestCatcher(options: Partial<MailCatcherOptions> = {}): Promise<MailCatcher> {
  const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, ...options });
  started.push(catcher);
  return catcher;
}

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mail-catcher-'));
  tempDirs.push(dir);
  return dir;
}

export async function cleanUp(): Promise<void> {
  await Promise.all(started.splice(0).map((c) => c.close()));
  await Promise.all(tempDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function sendMail(smtpUrl: string, mail: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail({ from: 'sender@example.com', to: 'rcpt@example.com', ...mail });
  } finally {
    transport.close();
  }
}

/**
 * Opens a raw SMTP session, gets into DATA, sends part of a message and kills the socket:
 * `destroy` ends it with a FIN, `reset` with a TCP RST (ECONNRESET on the server).
 */
export function killClientMidMessage(port: number, how: 'destroy' | 'reset'): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.on('data', (chunk: string) => {
      const before = received;
      received += chunk;
      if (!before.startsWith('220') && received.startsWith('220')) {
        socket.write('EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\npartial');
      } else if (/^354 /m.test(received) && !/^354 /m.test(before)) {
        if (how === 'reset') socket.resetAndDestroy();
        else socket.destroy();
      }
    });
  });
}
