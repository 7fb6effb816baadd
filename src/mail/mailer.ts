import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic, so a resend after a crash carries the same id and receivers drop the copy. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface SendOptions {
  /**
   * The message's last bytes, and so the end of its DATA (the SMTP server's cue to accept it), wait
   * for this: everything before goes out at once. A sender passing the write of its previous
   * outcome never has two accepted messages unrecorded, without waiting for that write to start.
   */
  acceptAfter?: Promise<unknown>;
}

export interface Mailer {
  send(mail: OutgoingMail, options?: SendOptions): Promise<{ messageId: string }>;
  /** Connections of the SMTP pool: how many sends are worth having in flight at once. */
  readonly maxConnections: number;
  close(): void;
}

// More than about five pooled connections adds no throughput against one SMTP server.
export const DEFAULT_MAX_CONNECTIONS = 5;

/** The pooled transport's options; the mailing benchmark's bare loop uses the very same. */
export function smtpPoolOptions(smtpUrl: string, maxConnections = DEFAULT_MAX_CONNECTIONS): SMTPPool.Options {
  return { url: smtpUrl, pool: true, maxConnections } as SMTPPool.Options;
}

export function createMailer(smtpUrl: string, from: string, options: { maxConnections?: number } = {}): Mailer {
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const transport = nodemailer.createTransport(smtpPoolOptions(smtpUrl, maxConnections));
  const envelopeFrom = senderAddress(from);
  return {
    async send(mail, sendOptions = {}) {
      if (!sendOptions.acceptAfter) {
        const info = await transport.sendMail({ from, ...mail });
        return { messageId: info.messageId };
      }
      const message = await compose({ from, ...mail });
      const envelope = { from: envelopeFrom, to: [mail.to] };
      try {
        await transport.sendMail({ envelope, raw: heldBack(message, sendOptions.acceptAfter) });
      } catch (error) {
        // The pool sends a message again on another connection when its own closed mid-send (a 421
        // greeting, a reset); a stream cannot be read twice, so it goes again from its bytes, once its
        // gate is open.
        if ((error as { code?: unknown }).code !== 'ESTREAM') throw error;
        await sendOptions.acceptAfter.catch(() => undefined);
        await transport.sendMail({ envelope, raw: message });
      }
      return { messageId: mail.messageId };
    },
    maxConnections,
    close: () => transport.close(),
  };
}

/** The MIME message nodemailer would send for these fields. */
function compose(mail: OutgoingMail & { from: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => new MailComposer(mail).compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

/** The message as a stream whose last two bytes wait for `gate` (a failed gate releases them too). */
function heldBack(message: Buffer, gate: Promise<unknown>): Readable {
  const cut = Math.max(0, message.length - 2);
  const stream = new Readable({ read() {} });
  stream.push(message.subarray(0, cut));
  const release = () => {
    stream.push(message.subarray(cut));
    stream.push(null);
  };
  gate.then(release, release);
  return stream;
}

function senderAddress(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new Error(`MAIL_FROM has no address: ${from}`);
  return first.address;
}
