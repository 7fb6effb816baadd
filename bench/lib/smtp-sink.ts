// A minimal SMTP server that accepts every message and throws it away, in a process of its own
// (forked by a benchmark with IPC), so that its CPU is not the sender's. Answers
// { port } once listening, { received } to 'count', and exits on 'stop'.
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  logger: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  disableReverseLookup: true,
  maxClients: 1000,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
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
process.on('message', (message) => {
  if (message === 'count') process.send!({ received });
  if (message === 'stop') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
