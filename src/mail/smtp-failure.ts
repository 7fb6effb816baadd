/** How an SMTP send failed, and what the delivery table does about it. */
export type SendFailure =
  | { kind: 'permanent'; reason: string; bounce: boolean }
  | { kind: 'transient'; reason: string; throttled: boolean; connectionError: boolean };

const MAX_REASON = 300;
/** Replies that reject the address itself: the contact is marked bounced for every campaign. */
const ADDRESS_REJECTED = new Set([550, 551, 553]);
/** The server asks us to slow down. */
const THROTTLING = new Set([421, 454]);

const describe = (error: { response?: unknown; message?: unknown }) =>
  String(typeof error.response === 'string' && error.response ? error.response : (error.message ?? 'unknown error')).replace(/\s+/g, ' ').trim();

/**
 * Classifies a nodemailer failure: a 5xx reply is permanent (the message would fail the same way
 * forever); a 4xx reply, or no reply at all (connection refused, reset, timed out), is transient.
 * An address nodemailer cannot even put in the envelope is permanent too.
 */
export function classifySendFailure(error: unknown): SendFailure {
  const failure = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const reason = (text: string) => text.slice(0, MAX_REASON);
  if (code !== undefined && code >= 500 && code < 600) {
    return { kind: 'permanent', reason: reason(`refused by the SMTP server: ${describe(failure)}`), bounce: ADDRESS_REJECTED.has(code) };
  }
  if (code === undefined && failure.code === 'EENVELOPE') {
    return { kind: 'permanent', reason: reason(`not a deliverable address: ${describe(failure)}`), bounce: false };
  }
  if (code !== undefined) {
    return { kind: 'transient', reason: reason(`SMTP server answered: ${describe(failure)}`), throttled: THROTTLING.has(code), connectionError: false };
  }
  const errno = typeof failure.code === 'string' ? ` (${failure.code})` : '';
  return { kind: 'transient', reason: reason(`SMTP connection failed: ${describe(failure)}${errno}`), throttled: false, connectionError: true };
}
