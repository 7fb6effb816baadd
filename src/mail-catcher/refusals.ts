/**
 * Refusals on demand, for tests of permanent and transient SMTP failures. The catcher answers
 * RCPT TO according to the local part of the recipient's address (case-insensitive):
 *
 * | address                      | answer                                                             |
 * | ---------------------------- | ------------------------------------------------------------------ |
 * | `bounce@…`, `bounce+tag@…`   | `550 5.1.1` every time: a permanent failure (no such mailbox)      |
 * | `deferN+tag@…` (N = 1..99)   | `451 4.3.0` to the first N attempts for that address, then accepted |
 * | `throttleN+tag@…` (N = 1..99)| `421 4.7.0` to the first N attempts (and the connection is closed, as a server that throttles does), then accepted |
 *
 * Attempts are counted per exact address since the catcher started, so a test uses a tag of its
 * own (`defer2+<random>@example.com`). Every other address is accepted as always.
 */

const BOUNCE = /^bounce(\+[^@]*)?@/i;
const DEFER = /^defer(\d{1,2})\+[^@]*@/i;
const THROTTLE = /^throttle(\d{1,2})\+[^@]*@/i;
/** Bounds the attempt counts kept in memory: a long-running catcher forgets old addresses. */
const MAX_TRACKED = 100_000;

export type Refusal = Error & { responseCode: number };

const refusal = (responseCode: number, message: string): Refusal => Object.assign(new Error(message), { responseCode });

export class RecipientRefusals {
  private readonly attempts = new Map<string, number>();

  /** The refusal for this RCPT TO, or undefined when it is accepted. */
  check(address: string): Refusal | undefined {
    if (BOUNCE.test(address)) return refusal(550, '5.1.1 Mailbox unavailable: no such user here');
    const deferred = DEFER.exec(address);
    const throttled = deferred ? null : THROTTLE.exec(address);
    const match = deferred ?? throttled;
    if (!match) return undefined;
    const key = address.toLowerCase();
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    if (this.attempts.size >= MAX_TRACKED && !this.attempts.has(key)) this.attempts.clear();
    this.attempts.set(key, attempt);
    if (attempt > Number(match[1])) return undefined;
    return deferred ? refusal(451, '4.3.0 Temporary failure, try again later') : refusal(421, '4.7.0 Too many messages, slow down');
  }
}
