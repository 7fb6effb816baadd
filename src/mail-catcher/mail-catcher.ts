import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { MessageFiles, newMessageId } from './message-files';
import { parseMessage, prependMeta, type MessageMeta } from './message-parser';
import { MessageStore } from './message-store';
import { RecipientRefusals } from './refusals';
import { reloadMessages } from './reload-messages';
import type { MailCatcher, MailCatcherLogger, MailCatcherOptions } from './types';
import { createWebApp } from './web-app';

export type { CaughtMessage, MailCatcher, MailCatcherLogger, MailCatcherOptions } from './types';

const DEFAULT_MAX_MESSAGES = 10_000;
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const silentLogger: MailCatcherLogger = { info: () => undefined, warn: () => undefined };

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const maxMessages = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
  if (!Number.isInteger(maxMessages) || maxMessages < 1) throw new Error(`maxMessages must be a positive integer, got ${maxMessages}`);
  const store = new MessageStore(maxMessages);
  const files = options.storageDir === undefined ? undefined : new MessageFiles(options.storageDir);
  if (files) await reloadMessages(files, store, maxMessages, logger);

  const inFlight = new Set<Promise<void>>();
  const forget = async (ids: string[]) => {
    for (const id of ids) {
      await files?.remove(id).catch((err: unknown) => logger.warn({ err, id }, 'mail catcher could not delete a message file'));
    }
  };

  async function receive(stream: SMTPServerDataStream, meta: Omit<MessageMeta, 'receivedAt'>): Promise<void> {
    const chunks: Buffer[] = [];
    // Rejects when the client disconnects mid-message (smtp-server destroys the stream).
    for await (const chunk of stream) if (!stream.sizeExceeded) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw Object.assign(new Error('Message exceeds fixed maximum message size'), { responseCode: 552 });
    const id = newMessageId();
    const stored = prependMeta(Buffer.concat(chunks), { ...meta, receivedAt: new Date().toISOString() });
    const message = await parseMessage(id, stored);
    // Disk is updated before the client gets its 250: an accepted message survives a crash,
    // and the directory holds exactly the kept messages once the client has its answer.
    if (files) await files.write(id, stored);
    await forget(store.add(message));
  }

  // Test hooks: `bounce+…@`, `deferN+…@` and `throttleN+…@` recipients are refused (see refusals.ts).
  const refusals = new RecipientRefusals();

  const smtp = new SMTPServer({
    logger: false,
    banner: 'mail catcher',
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      callback(refusals.check(address.address) ?? undefined);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const envelope = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      };
      const work = receive(stream, { envelope }).then(
        () => callback(),
        (err: Error) => {
          logger.warn({ err, envelope }, 'mail catcher did not store a message');
          callback(err);
        },
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    },
  });
  // Without a listener, a client that drops the connection mid-transaction emits an
  // unhandled 'error' and takes the whole process down.
  smtp.on('error', (err) => logger.warn({ err }, 'mail catcher SMTP connection error'));

  const clear = async () => {
    store.clear();
    await files?.removeAll();
  };
  const httpServer = http.createServer(createWebApp(store, clear, logger));
  const smtpPort = await listen(smtp.server, options.smtpPort, host);
  let httpPort: number;
  try {
    httpPort = await listen(httpServer, options.httpPort, host);
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(resolve));
    throw err;
  }

  const urlHost = connectableHost(host);
  let closing: Promise<void> | undefined;
  const catcher: MailCatcher = {
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    webUrl: `http://${urlHost}:${httpPort}`,
    smtpPort,
    httpPort,
    messages: () => store.all(),
    receivedCount: () => store.receivedCount(),
    waitForMessages: (predicate, count = 1, timeoutMs = 10_000) => store.waitFor(predicate, count, timeoutMs),
    clear,
    close: () =>
      (closing ??= (async () => {
        store.rejectWaiters('mail catcher closed');
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // Browsers keep idle connections open, which would hold close() for minutes.
        httpServer.closeAllConnections();
        await Promise.all([new Promise<void>((resolve) => smtp.close(resolve)), httpClosed]);
        // Let pending file writes finish, so a caller can delete the directory right after.
        await Promise.allSettled([...inFlight]);
      })()),
  };
  logger.info({ smtpUrl: catcher.smtpUrl, webUrl: catcher.webUrl, storageDir: options.storageDir }, 'mail catcher listening');
  return catcher;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError).once('listening', onListening).listen(port, host);
  });
}

/** A wildcard address is fine to listen on but not to connect to. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
