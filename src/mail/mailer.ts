import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/** A file attached to a message (a campaign's collateral): its bytes, shared by every message of a batch. */
export interface MailAttachmentFile {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Deterministic, so a resend after a crash carries the same id and receivers drop the copy. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: MailAttachmentFile[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** Connections of the SMTP pool. */
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
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      return { messageId: info.messageId };
    },
    maxConnections,
    close: () => transport.close(),
  };
}
