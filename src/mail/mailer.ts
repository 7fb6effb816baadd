import { Worker } from 'node:worker_threads';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { SMTP_THREAD_SOURCE } from './smtp-thread';

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

type SendFailureFields = { message: string; code?: unknown; response?: unknown; responseCode?: unknown };
interface SmtpThread {
  worker: Worker;
  /** Sends posted to this thread, by id, waiting for its answer. */
  pending: Map<number, { resolve: (answer: { messageId: string }) => void; reject: (error: Error) => void }>;
}
type ThreadAnswer = { id: number; messageId: string; failure?: undefined } | { id: number; failure: SendFailureFields };

/** The send's failure as nodemailer gave it: `classifySendFailure` reads the same fields. */
function sendError(failure: SendFailureFields): Error {
  return Object.assign(new Error(failure.message), { code: failure.code, response: failure.response, responseCode: failure.responseCode });
}

/**
 * A pooled SMTP transport in a thread of its own: nodemailer and the streams it drives are most of
 * a mailing's CPU, and on the process's one thread they would compete with the claims, the outcome
 * writes and the workflow tasks (profiled in docs/benchmarks.md). The thread starts with the first
 * send and again after it died; a thread that dies fails its sends as a lost connection, which the
 * senders retry.
 */
export function createMailer(smtpUrl: string, from: string, options: { maxConnections?: number } = {}): Mailer {
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let thread: SmtpThread | undefined;
  let nextId = 0;

  function startThread(): SmtpThread {
    const worker = new Worker(SMTP_THREAD_SOURCE, {
      eval: true,
      // The thread needs nodemailer only, not the loaders (tsx, jest) the process was started with.
      execArgv: [],
      workerData: { nodemailerPath: require.resolve('nodemailer'), from, transportOptions: smtpPoolOptions(smtpUrl, maxConnections) },
    });
    const started: SmtpThread = { worker, pending: new Map() };
    const failPending = (reason: string) => {
      for (const { reject } of started.pending.values()) reject(Object.assign(new Error(`the SMTP thread stopped: ${reason}`), { code: 'ETHREAD' }));
      started.pending.clear();
    };
    worker.on('message', (answer: ThreadAnswer) => {
      const waiting = started.pending.get(answer.id);
      started.pending.delete(answer.id);
      if (started.pending.size === 0) worker.unref();
      if (answer.failure) waiting?.reject(sendError(answer.failure));
      else waiting?.resolve({ messageId: answer.messageId });
    });
    worker.on('error', (error) => failPending(error.message));
    worker.on('exit', (code) => {
      if (thread === started) thread = undefined;
      failPending(`exit code ${code}`);
    });
    return started;
  }

  return {
    send(mail) {
      thread ??= startThread();
      const { worker, pending } = thread;
      const id = nextId++;
      const answer = new Promise<{ messageId: string }>((resolve, reject) => pending.set(id, { resolve, reject }));
      // Held open only while a send waits, so an idle mailer never keeps a process alive.
      worker.ref();
      worker.postMessage({ id, mail });
      return answer;
    },
    maxConnections,
    close() {
      thread?.worker.postMessage('close');
      thread = undefined;
    },
  };
}
