import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/db/prisma';
import {
  cancellationUrl,
  readCancellationToken,
  readInvitationToken,
  registrationPageUrl,
  signCancellationToken,
  signInvitationToken,
  verifyCancellationToken,
  verifyInvitationToken,
} from '../../../src/registrations/registration-token';
import { signUnsubscribeToken } from '../../../src/unsubscribe/unsubscribe-token';

const secret = Buffer.alloc(32, 7);
const flip = (token: string, at: number) => token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);

/** A database that fails the test if anything reads it (the secret is made on first read). */
const untouchable = new Proxy({}, { get: (_target, property) => { throw new Error(`the database was read (${String(property)})`); } }) as unknown as Db;

describe('cancellation tokens', () => {
  test('name the registration, at a fixed length, and verify only with the secret', () => {
    const registrationId = randomUUID();
    const token = signCancellationToken(secret, registrationId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(signCancellationToken(secret, randomUUID())).toHaveLength(64);
    expect(verifyCancellationToken(secret, token)).toBe(registrationId);
    expect(verifyCancellationToken(secret, flip(token, 3))).toBeUndefined();
    expect(verifyCancellationToken(secret, flip(token, 60))).toBeUndefined();
    expect(verifyCancellationToken(Buffer.alloc(32, 8), token)).toBeUndefined();
    expect(verifyCancellationToken(secret, token.slice(1))).toBeUndefined();
    expect(verifyCancellationToken(secret, `${token.slice(0, 63)}!`)).toBeUndefined();
  });

  test('make links under the public URL', () => {
    expect(cancellationUrl('http://crm.test/', 'abc')).toBe('http://crm.test/event-registrations/abc/cancel');
  });
});

describe('invitation tokens', () => {
  test('name the event and the contact, at a fixed length, and verify only with the secret', () => {
    const target = { eventId: randomUUID(), contactId: randomUUID() };
    const token = signInvitationToken(secret, target);
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyInvitationToken(secret, token)).toEqual(target);
    expect(verifyInvitationToken(secret, flip(token, 5))).toBeUndefined();
    expect(verifyInvitationToken(secret, flip(token, 30))).toBeUndefined();
    expect(verifyInvitationToken(Buffer.alloc(32, 8), token)).toBeUndefined();
    expect(verifyInvitationToken(secret, token.slice(2))).toBeUndefined();
  });

  test('differ from unsubscribe and cancellation tokens made with the same secret (own domain strings)', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    // An unsubscribe token has the very same shape (two ids and a MAC): the domain string keeps them apart.
    const unsubscribe = signUnsubscribeToken(secret, { contactId: b, campaignId: a });
    expect(unsubscribe).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyInvitationToken(secret, unsubscribe)).toBeUndefined();
    expect(verifyInvitationToken(secret, signUnsubscribeToken(secret, { contactId: a, campaignId: b }))).toBeUndefined();
    expect(verifyCancellationToken(secret, signInvitationToken(secret, { eventId: a, contactId: b }).slice(0, 64))).toBeUndefined();
    expect(signInvitationToken(secret, { eventId: a, contactId: b })).not.toBe(signInvitationToken(secret, { eventId: b, contactId: a }));
  });

  test('refuse to sign what is not a UUID', () => {
    expect(() => signInvitationToken(secret, { eventId: 'x', contactId: randomUUID() })).toThrow(/UUID/);
    expect(() => signCancellationToken(secret, '1234')).toThrow(/UUID/);
  });

  test('registration page links carry the source code and the invitation, escaped', () => {
    const eventId = randomUUID();
    expect(registrationPageUrl('http://crm.test', eventId)).toBe(`http://crm.test/events/${eventId}/register`);
    expect(registrationPageUrl('http://crm.test/', eventId, { source: 'NEWS & CO', invite: 'tok' })).toBe(`http://crm.test/events/${eventId}/register?source=NEWS+%26+CO&invite=tok`);
  });
});

describe('malformed tokens', () => {
  test('are refused before the secret is read', async () => {
    await expect(readCancellationToken(untouchable, 'short')).resolves.toBeUndefined();
    await expect(readCancellationToken(untouchable, `${'A'.repeat(63)}=`)).resolves.toBeUndefined();
    await expect(readInvitationToken(untouchable, 'x'.repeat(85))).resolves.toBeUndefined();
    await expect(readInvitationToken(untouchable, `${'A'.repeat(85)}/`)).resolves.toBeUndefined();
  });
});
