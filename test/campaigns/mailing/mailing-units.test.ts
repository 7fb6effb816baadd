import { GroupCommit } from '../../../activities/campaign/mailing/group-commit';
import { classifySendFailure } from '../../../src/mail/smtp-failure';
import { TokenBucket } from '../../../activities/campaign/mailing/token-bucket';
import { isSendWindowOpen, nextSendWindowOpening } from '../../../src/campaigns/send-window';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../../src/unsubscribe/unsubscribe-token';

describe('SMTP failure classification', () => {
  test('5xx is permanent, and 550/551/553 reject the address itself', () => {
    expect(classifySendFailure(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such user', code: 'EENVELOPE' }))).toEqual({
      kind: 'permanent', reason: 'refused by the SMTP server: 550 5.1.1 no such user', bounce: true,
    });
    expect(classifySendFailure({ responseCode: 552, message: 'too big' })).toMatchObject({ kind: 'permanent', bounce: false });
    expect(classifySendFailure({ responseCode: 553, message: 'bad address' })).toMatchObject({ kind: 'permanent', bounce: true });
  });

  test('4xx is transient, and 421/454 ask to slow down; no reply at all is a transient connection failure', () => {
    expect(classifySendFailure({ responseCode: 451, response: '451 try later' })).toEqual({ kind: 'transient', reason: 'SMTP server answered: 451 try later', throttled: false, connectionError: false });
    expect(classifySendFailure({ responseCode: 421, response: '421 slow down' })).toMatchObject({ kind: 'transient', throttled: true });
    expect(classifySendFailure({ responseCode: 454, response: '454 busy' })).toMatchObject({ kind: 'transient', throttled: true });
    expect(classifySendFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ESOCKET' }))).toEqual({
      kind: 'transient', reason: 'SMTP connection failed: connect ECONNREFUSED 127.0.0.1:1 (ESOCKET)', throttled: false, connectionError: true,
    });
  });

  test('an address nodemailer cannot put in the envelope is permanent', () => {
    expect(classifySendFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }))).toMatchObject({ kind: 'permanent', bounce: false });
  });
});

describe('token bucket', () => {
  test('a burst of a tenth of a second passes at once, then sends are spaced at the rate; slowDown halves it', () => {
    const bucket = new TokenBucket(100);
    const waits = Array.from({ length: 12 }, () => bucket.take());
    expect(waits.slice(0, 10).every((wait) => wait === undefined)).toBe(true);
    expect(waits.slice(10).every((wait) => wait instanceof Promise)).toBe(true);
    bucket.slowDown();
    expect(bucket.rate).toBe(50);
    for (let i = 0; i < 10; i++) bucket.slowDown();
    expect(bucket.rate).toBe(1);
  });
});

describe('group commit', () => {
  /** A writer whose writes end when the test says so. */
  function heldWriter() {
    const writes: number[][] = [];
    const ends: (() => void)[] = [];
    const write = (items: number[]) => new Promise<void>((resolve) => (writes.push(items), ends.push(resolve)));
    return { writes, write, endWrite: () => ends.shift()!() };
  }
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  test('outcomes added while a write runs go together in the next one, and each add answers once its own write ended', async () => {
    const writer = heldWriter();
    const commit = new GroupCommit<number>(writer.write);
    const done: number[] = [];
    const add = (n: number) => commit.add(n).then(() => done.push(n));
    add(1);
    await settled();
    add(2);
    add(3);
    await settled();
    expect(writer.writes).toEqual([[1]]);
    writer.endWrite();
    await settled();
    expect(done).toEqual([1]);
    expect(writer.writes).toEqual([[1], [2, 3]]);
    writer.endWrite();
    await commit.drain();
    expect(done).toEqual([1, 2, 3]);
  });

  test('a gathering write starts as soon as enough outcomes wait, or once the first has waited its time', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const writer = heldWriter();
      const commit = new GroupCommit<number>(writer.write, { items: 3, ms: 20 });
      commit.add(1);
      commit.add(2);
      await settled();
      expect(writer.writes).toEqual([]);
      commit.add(3);
      await settled();
      expect(writer.writes).toEqual([[1, 2, 3]]);
      writer.endWrite();
      commit.add(4);
      await settled();
      jest.advanceTimersByTime(19);
      await settled();
      expect(writer.writes).toHaveLength(1);
      jest.advanceTimersByTime(1);
      await settled();
      expect(writer.writes).toEqual([[1, 2, 3], [4]]);
      writer.endWrite();
      await commit.drain();
    } finally {
      jest.useRealTimers();
    }
  });

  test('a failed write releases what waits on it, later adds resolve at once, and drain throws the failure', async () => {
    const commit = new GroupCommit<number>(async () => {
      throw new Error('disk full');
    });
    await commit.add(1);
    expect(commit.failed).toBe(true);
    await commit.add(2);
    await expect(commit.drain()).rejects.toThrow('disk full');
  });
});

describe('send windows', () => {
  const window = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
  test('open from start (inclusive) to end (exclusive) on the listed ISO weekdays, in the recipient’s zone', () => {
    // Wednesday 2026-11-25 08:30 UTC is 09:30 in Paris (UTC+1) and 03:30 in New York.
    const at = new Date('2026-11-25T08:30:00Z');
    expect(isSendWindowOpen(window, 'Europe/Paris', at)).toBe(true);
    expect(isSendWindowOpen(window, 'America/New_York', at)).toBe(false);
    expect(isSendWindowOpen(window, 'Europe/Paris', new Date('2026-11-25T16:00:00Z'))).toBe(false); // 17:00 in Paris
    expect(isSendWindowOpen(window, 'Not/AZone', at)).toBe(false); // counts as UTC: 08:30
  });

  test('the next opening skips closed days and nights, and is the instant itself when open', () => {
    const friday = new Date('2026-11-27T17:30:00Z'); // Friday 18:30 in Paris
    expect(nextSendWindowOpening(window, 'Europe/Paris', friday).toISOString()).toBe('2026-11-30T08:00:00.000Z'); // Monday 09:00
    const open = new Date('2026-11-25T08:30:00Z');
    expect(nextSendWindowOpening(window, 'Europe/Paris', open)).toBe(open);
    expect(nextSendWindowOpening(window, 'America/New_York', open).toISOString()).toBe('2026-11-25T14:00:00.000Z');
  });

  test('an opening that daylight saving time skips opens at the first valid time after it', () => {
    // Europe/Paris, Sunday 2027-03-28: 02:00 jumps to 03:00.
    const night = { days: [7], start: '02:30', end: '04:00' };
    expect(nextSendWindowOpening(night, 'Europe/Paris', new Date('2027-03-27T12:00:00Z')).toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });
});

describe('unsubscribe tokens', () => {
  const secret = Buffer.alloc(32, 7);
  const target = { contactId: '0b8f1f36-5a39-4a43-9d0c-6f1f3c1f2a11', campaignId: '5d1f4c1e-2f0e-4f7a-8a43-1c9b6b1d9e22' };
  test('a token names its contact and campaign, and any change to it is refused', () => {
    const token = signUnsubscribeToken(secret, target);
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyUnsubscribeToken(secret, token)).toEqual(target);
    expect(verifyUnsubscribeToken(secret, signUnsubscribeToken(secret, { ...target, campaignId: null }))).toEqual({ ...target, campaignId: null });
    const flipped = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    expect(verifyUnsubscribeToken(secret, flipped)).toBeUndefined();
    expect(verifyUnsubscribeToken(Buffer.alloc(32, 8), token)).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, token.slice(1))).toBeUndefined();
    expect(verifyUnsubscribeToken(secret, `${token.slice(0, 85)}!`)).toBeUndefined();
  });
});
