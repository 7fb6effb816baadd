import { randomUUID } from 'node:crypto';
import { startEventWorkflow } from '../../../src/events/event-workflow-client';
import { waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { cancelLinkPattern, linkIn, seedEvent, uniqueTag } from './public-fixtures';

let t: TestApp;
let owner: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const db = () => t.database.db;
const registrations = (eventId: string) => db().eventRegistration.findMany({ where: { eventId }, orderBy: { registeredAt: 'asc' } });
const register = (eventId: string, fields: Record<string, string>) => t.request.post(`/events/${eventId}/register`).type('form').send(fields);
const person = (name: string) => ({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${uniqueTag()}@example.com` });

describe('the registration form', () => {
  test('when the page is opened then it shows the event, escaped, in its own time zone, with price and seats, the source in a hidden field, and is never cached', async () => {
    const event = await seedEvent(db(), owner.id, { name: 'Seminar <b>"Growth" & more</b>', price: '25.00', currency: 'EUR', capacity: 3 });
    const page = await t.request.get(`/events/${event.id}/register?source=NEWS`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<h1>Seminar &lt;b&gt;&quot;Growth&quot; &amp; more&lt;/b&gt;</h1>');
    expect(page.text).not.toContain('<b>');
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toMatch(/14:00–17:30 \(Europe\/Berlin\)/);
    expect(page.text).toContain('Hall 3, Berlin');
    expect(page.text).toContain('25.00 EUR');
    expect(page.text).toContain('3 seats left');
    expect(page.text).toContain(`<form method="post" action="/events/${event.id}/register">`);
    expect(page.text).toContain('<input type="hidden" name="source" value="NEWS">');
  });

  test('when someone registers then the page confirms with a cancellation link, the registration is PUBLIC with the link’s source code, and the confirmation e-mail arrives from the event’s workflow with a working cancel link', async () => {
    const event = await seedEvent(db(), owner.id, { onlineUrl: 'https://meet.example.com/room-1' });
    await startEventWorkflow({ client: t.temporal.client, taskQueue: t.temporal.taskQueue }, event.id);
    const ann = person('Ann Able');
    const page = await register(event.id, { ...ann, company: 'Able & Co', phone: '+49 30 1234', source: 'web', invite: '' });
    expect(page.status).toBe(201);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('You are registered');
    // The way in goes to registered people only.
    expect(page.text).toContain('https://meet.example.com/room-1');
    const cancelLink = linkIn(page.text, cancelLinkPattern);

    const [row] = await registrations(event.id);
    expect(row).toMatchObject({ status: 'REGISTERED', channel: 'PUBLIC', sourceCode: 'WEB', invited: false });
    const contact = await db().contact.findUniqueOrThrow({ where: { id: row.contactId }, select: { name: true, email: true, phone: true } });
    expect(contact).toEqual({ name: 'Ann Able', email: ann.email, phone: '+49 30 1234' });

    const [mail] = await waitForMail((message) => message.to.includes(ann.email));
    expect(mail.subject).toBe(`You are registered: ${event.name}`);
    expect(mail.messageId).toMatch(/^<event-email-[0-9a-f-]{36}@crm\.test>$/);
    expect(mail.text).toMatch(/14:00–17:30 \(Europe\/Berlin\)/);
    expect(mail.text).toContain('Where: Hall 3, Berlin');
    expect(mail.text).toContain('Online: https://meet.example.com/room-1');
    const mailedLink = linkIn(mail.text ?? '', cancelLinkPattern);
    expect(mailedLink).toBe(cancelLink);
    const confirm = await t.request.get(new URL(mailedLink).pathname);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Cancel your registration?');
    expect(confirm.text).toContain(`<form method="post" action="${new URL(mailedLink).pathname}">`);
    // Opening the link (as mail scanners do) changes nothing.
    expect((await registrations(event.id))[0].status).toBe('REGISTERED');
  });

  test('when the same person registers again then the page says so and nothing new is written', async () => {
    const event = await seedEvent(db(), owner.id);
    const ann = person('Ann Again');
    expect((await register(event.id, ann)).status).toBe(201);
    const again = await register(event.id, { ...ann, email: ann.email.toUpperCase() });
    expect(again.status).toBe(200);
    expect(again.text).toContain('already registered');
    expect(await registrations(event.id)).toHaveLength(1);
  });

  test('when the input is bad then the form comes back naming each problem with the values kept, escaped, and nothing is written', async () => {
    const event = await seedEvent(db(), owner.id);
    const page = await register(event.id, { name: '  ', email: 'not-an-address<script>', company: 'Evil "Corp"', phone: 'call me', source: 'NEWS' });
    expect(page.status).toBe(400);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('Please enter your name.');
    expect(page.text).toContain('Please enter a valid e-mail address');
    expect(page.text).toContain('The phone number may contain only');
    expect(page.text).toContain('value="not-an-address&lt;script&gt;"');
    expect(page.text).toContain('value="Evil &quot;Corp&quot;"');
    expect(page.text).toContain('<input type="hidden" name="source" value="NEWS">');
    expect(page.text).toMatch(/id="email"[^>]*aria-invalid="true"/);
    expect(page.text).not.toContain('<script>');
    expect(await registrations(event.id)).toHaveLength(0);
    expect(await db().contact.count({ where: { name: 'Evil "Corp"' } })).toBe(0);

    const missing = await register(event.id, { name: 'Bob' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Please enter your e-mail address.');
    expect(missing.text).toContain('value="Bob"');
    expect(await registrations(event.id)).toHaveLength(0);
  });

  test('when a form is too big then it is refused before anything is read', async () => {
    const event = await seedEvent(db(), owner.id);
    const response = await register(event.id, { name: 'x'.repeat(20_000), email: 'big@example.com' });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('Nothing was recorded');
    expect(await registrations(event.id)).toHaveLength(0);
  });
});

describe('events that take no public registration', () => {
  test('when the event is unknown, a draft, or the id is not an id then the same 404 page answers, saying nothing about drafts', async () => {
    const draft = await seedEvent(db(), owner.id, { status: 'DRAFT', scheduledAt: null, registrationOpenedAt: null, name: 'Secret launch' });
    const unknown = await t.request.get(`/events/${randomUUID()}/register`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    expect(unknown.text).toContain('Event not found');
    for (const path of [`/events/${draft.id}/register`, '/events/not-an-id/register']) {
      const response = await t.request.get(path);
      expect(response.status).toBe(404);
      expect(response.text).toBe(unknown.text);
    }
    const posted = await register(draft.id, person('Dora Draft'));
    expect(posted.status).toBe(404);
    expect(posted.text).toBe(unknown.text);
    expect(await registrations(draft.id)).toHaveLength(0);
  });

  test('when registration has closed, has not opened, is CLOSED, or the event is cancelled or over then the page says which and a post writes nothing', async () => {
    const now = new Date();
    const cases = [
      { data: { registrationClosedAt: now }, status: 409, text: 'Registration is closed' },
      { data: { registrationOpenedAt: null, registrationOpensAt: new Date(now.getTime() + 86_400_000) }, status: 409, text: 'Registration opens on ' },
      { data: { registrationOpenedAt: null }, status: 409, text: 'Registration is not open yet' },
      { data: { registrationMode: 'CLOSED' as const }, status: 409, text: 'Registration is closed' },
      { data: { status: 'CANCELLED' as const, endedAt: now, endReason: 'speaker ill' }, status: 410, text: 'This event was cancelled' },
      { data: { status: 'COMPLETED' as const, endedAt: now }, status: 410, text: 'This event is over' },
    ];
    for (const { data, status, text } of cases) {
      const event = await seedEvent(db(), owner.id, data);
      const page = await t.request.get(`/events/${event.id}/register`);
      expect({ status: page.status, shows: page.text.includes(text), named: page.text.includes(event.name) }).toEqual({ status, shows: true, named: true });
      expect(page.text).not.toContain('<form');
      const posted = await register(event.id, person('Late Larry'));
      expect(posted.status).toBe(status);
      expect(posted.text).toContain('Nothing was recorded');
      expect(await registrations(event.id)).toHaveLength(0);
    }
  });
});

describe('capacity and cancellation', () => {
  test('when the event is full then the next person is on the waiting list with a position; cancelling with the link gives the seat to the first waiting person, once', async () => {
    const event = await seedEvent(db(), owner.id, { capacity: 1 });
    const [first, second, third] = [person('First Fay'), person('Second Sam'), person('Third Tom')];
    const seated = await register(event.id, first);
    expect(seated.text).toContain('You are registered');
    const full = await t.request.get(`/events/${event.id}/register`);
    expect(full.text).toContain('fully booked');
    const waiting = await register(event.id, second);
    expect(waiting.status).toBe(201);
    expect(waiting.text).toContain('You are on the waiting list, position 1');
    expect((await register(event.id, third)).text).toContain('position 2');

    const cancelPath = new URL(linkIn(seated.text, cancelLinkPattern)).pathname;
    const cancelled = await t.request.post(cancelPath).type('form').send('');
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toContain('Your registration is cancelled');
    const rows = await registrations(event.id);
    const byEmail = async (email: string) => {
      const contact = await db().contact.findFirstOrThrow({ where: { email }, select: { id: true } });
      return rows.find((row) => row.contactId === contact.id)!;
    };
    expect((await byEmail(first.email)).status).toBe('CANCELLED');
    expect((await byEmail(second.email)).status).toBe('REGISTERED');
    expect((await byEmail(third.email)).status).toBe('WAITING');

    // The link again: already cancelled, nothing changes.
    const again = await t.request.post(cancelPath).type('form').send('');
    expect(again.status).toBe(200);
    expect(again.text).toContain('already been cancelled');
    expect((await byEmail(third.email)).status).toBe('WAITING');
  });

  test('when a cancellation token is forged, altered or malformed then a 404 page answers and nothing changes', async () => {
    const event = await seedEvent(db(), owner.id);
    const page = await register(event.id, person('Kept Kim'));
    const token = new URL(linkIn(page.text, cancelLinkPattern)).pathname.split('/')[2];
    const altered = token.slice(0, 20) + (token[20] === 'x' ? 'y' : 'x') + token.slice(21);
    for (const bad of [altered, 'abc', `${token}x`, Buffer.alloc(48, 1).toString('base64url')]) {
      for (const method of ['get', 'post'] as const) {
        const response = await t.request[method](`/event-registrations/${bad}/cancel`);
        expect(response.status).toBe(404);
        expect(response.text).toContain('This cancellation link is not valid');
      }
    }
    expect((await registrations(event.id))[0].status).toBe('REGISTERED');
  });
});
