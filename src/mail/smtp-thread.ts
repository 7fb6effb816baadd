/**
 * The code of the thread that owns the pooled SMTP transport. It is plain JavaScript, evaluated by
 * `new Worker(…, { eval: true })`, so it loads the same way under tsx, jest and the esbuild bundle,
 * none of which would run a TypeScript file in a thread. It receives `{ id, mail }` and answers
 * `{ id, messageId }` or `{ id, failure }`, the failure holding what `classifySendFailure` reads.
 */
export const SMTP_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const nodemailer = require(workerData.nodemailerPath);
const transport = nodemailer.createTransport(workerData.transportOptions);
const asBuffer = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const failureOf = (error) => {
  const { message, code, response, responseCode } = error ?? {};
  return { message: String(message ?? error), code, response, responseCode };
};
parentPort.on('message', (message) => {
  if (message === 'close') {
    transport.close();
    parentPort.close();
    return;
  }
  const { id, mail } = message;
  if (mail.attachments) mail.attachments = mail.attachments.map((file) => ({ ...file, content: asBuffer(file.content) }));
  transport.sendMail({ from: workerData.from, ...mail }).then(
    (info) => parentPort.postMessage({ id, messageId: info.messageId }),
    (error) => parentPort.postMessage({ id, failure: failureOf(error) }),
  );
});
`;
