// A minimal SMTP server that accepts every message and throws it away, in a process of its own
// (forked by a benchmark with IPC), so that its CPU is not the sender's. Answers
// { port } once listening, { received } to 'count', and exits on 'stop'.
// It also reads each message's Message-ID: { track: prefix } starts counting the messages whose
// Message-ID begins with prefix (distinct ones, copies, first and last arrival, arrivals per
// second), answered by { tracked } to 'tracked'; copies of any Message-ID are counted too.
import { SMTPServer } from 'smtp-server';
import type { TrackedMessages } from './smtp-sink-process';

const HEADER_END = '\r\n\r\n';
const MESSAGE_ID = /^Message-ID:\s*<([^>\r\n]+)>/im;

let received = 0;
const seenMessageIds = new Set<string>();
let copies = 0;
let trackedPrefix: string | undefined;
let tracked = emptyTracking();

function emptyTracking(): Omit<TrackedMessages, 'copiesOfAnyMessage'> {
  return { distinct: 0, copies: 0, firstAt: null, lastAt: null, perSecond: {} };
}

function record(messageId: string | undefined) {
  received++;
  if (messageId === undefined) return;
  const copy = seenMessageIds.has(messageId);
  if (copy) copies++;
  else seenMessageIds.add(messageId);
  if (trackedPrefix === undefined || !messageId.startsWith(trackedPrefix)) return;
  const now = Date.now();
  if (copy) tracked.copies++;
  else tracked.distinct++;
  tracked.firstAt ??= now;
  tracked.lastAt = now;
  const second = Math.floor(now / 1000);
  tracked.perSecond[second] = (tracked.perSecond[second] ?? 0) + 1;
}

const server = new SMTPServer({
  logger: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  disableReverseLookup: true,
  maxClients: 1000,
  onData(stream, _session, callback) {
    // Only the header is kept, until its end is seen: the Message-ID is in it.
    let header = '';
    let headerDone = false;
    stream.on('data', (chunk: Buffer) => {
      if (headerDone) return;
      header += chunk.toString('latin1');
      headerDone = header.includes(HEADER_END);
    });
    stream.on('end', () => {
      record(MESSAGE_ID.exec(header.split(HEADER_END, 1)[0])?.[1]);
      callback();
    });
  },
});
// A client that drops its connection must not take the sink down.
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: unknown) => {
  if (message === 'count') process.send!({ received });
  if (message === 'tracked') process.send!({ tracked: { ...tracked, copiesOfAnyMessage: copies } });
  if (typeof message === 'object' && message !== null && 'track' in message) {
    trackedPrefix = String(message.track);
    tracked = emptyTracking();
    process.send!({ tracking: trackedPrefix });
  }
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
