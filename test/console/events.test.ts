import type { Locator } from 'playwright-core';
import { fromZonedInput, toZonedInput } from '../../src/console/app/pages/marketer/events/zoned-time';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
/** The narrowest common phone: the check-in page is used at the door. */
const SMALL_PHONE = { width: 375, height: 812 };

/** The figure shown under `name` in a list of figures. */
const figure = (scope: Locator, name: string) => scope.locator('div', { has: scope.page().locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');

/** "YYYY-MM-DD" of `date` on the clock of `timeZone`. */
const dayIn = (date: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

test('event dates typed on the event’s own clock become instants with that zone’s offset, daylight saving included, and back', () => {
  expect(fromZonedInput('2026-12-10T09:00', 'Europe/Paris')).toBe('2026-12-10T09:00:00+01:00');
  expect(fromZonedInput('2026-07-10T09:00', 'Europe/Paris')).toBe('2026-07-10T09:00:00+02:00');
  expect(fromZonedInput('2026-12-10T09:30', 'America/New_York')).toBe('2026-12-10T09:30:00-05:00');
  expect(fromZonedInput('2026-12-10T09:30', 'Asia/Kolkata')).toBe('2026-12-10T09:30:00+05:30');
  // The night clocks go forward (02:00 → 03:00 in Paris) and back (03:00 → 02:00).
  expect(new Date(fromZonedInput('2026-03-29T03:30', 'Europe/Paris')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  expect(new Date(fromZonedInput('2026-10-25T01:30', 'Europe/Paris')).toISOString()).toBe('2026-10-24T23:30:00.000Z');
  expect(toZonedInput('2026-12-10T08:00:00.000Z', 'Europe/Paris')).toBe('2026-12-10T09:00');
  expect(toZonedInput('2026-12-10T14:30:00.000Z', 'America/New_York')).toBe('2026-12-10T09:30');
  // An unknown zone or an unreadable value is passed on for the API to name.
  expect(fromZonedInput('not a date', 'Europe/Paris')).toBe('not a date');
  expect(fromZonedInput('2026-12-10T09:00', 'Mars/Olympus')).toBe('2026-12-10T09:00:00+00:00');
});

test('a marketer plans and schedules an event; a person registers on the public page without JavaScript; a manager checks them in on a phone; the report counts them', async () => {
  const tag = `evt${Date.now()}`;
  const marketer = await harness.app.userWithKey('marketer');
  const manager = await harness.app.userWithKey('manager');
  const timeZone = 'Europe/Paris';
  const day = dayIn(new Date(Date.now() + 3 * 86_400_000), timeZone);

  // The plan, typed in the console: dates on the Paris clock, a sub-source and a task due before the start.
  const page = await harness.openPage({ key: marketer.key, path: '/events' });
  await page.getByRole('heading', { name: 'Events' }).waitFor();
  await page.getByRole('link', { name: 'New event' }).click();
  await page.getByRole('heading', { name: 'New event' }).waitFor();
  await page.getByLabel('Event name').fill(`Pricing seminar ${tag}`);
  await page.getByLabel('Kind').fill('seminar');
  await page.getByLabel('Venue').fill('Lyon, room Rhône');
  await page.getByLabel('Time zone').fill(timeZone);
  await page.getByLabel('Starts', { exact: true }).fill(`${day}T09:00`);
  await page.getByLabel('Ends', { exact: true }).fill(`${day}T17:30`);
  await page.getByLabel('Capacity').fill('20');
  await page.getByRole('button', { name: 'Add sub-source' }).click();
  await page.getByLabel('Code').fill('NEWSLETTER');
  await page.getByLabel('Source name').fill('December newsletter');
  await page.getByRole('button', { name: 'Add task' }).click();
  await page.getByLabel('Task title').fill('Print badges');
  await page.getByLabel('Due, days').fill('1');
  await page.getByLabel('Counted in').selectOption('days');
  await page.getByRole('button', { name: 'Save and schedule' }).click();

  const title = page.getByRole('heading', { level: 1 });
  await title.filter({ hasText: `Pricing seminar ${tag}` }).filter({ hasText: 'Scheduled' }).waitFor();
  const eventId = /#\/events\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const stored = await harness.app.database.db.event.findUniqueOrThrow({ where: { id: eventId }, include: { sources: true, tasks: true } });
  expect(stored.status).toBe('SCHEDULED');
  expect(stored.timeZone).toBe(timeZone);
  // 09:00 on the Paris clock, whatever the browser's own zone.
  expect(toZonedInput(stored.startsAt!.toISOString(), timeZone)).toBe(`${day}T09:00`);
  expect(toZonedInput(stored.endsAt!.toISOString(), timeZone)).toBe(`${day}T17:30`);
  expect(stored.capacity).toBe(20);
  expect(stored.sources.map((source) => source.code)).toEqual(['NEWSLETTER']);
  expect(stored.tasks.map((task) => [task.title, task.due])).toEqual([['Print badges', { days: 1, unit: 'days', relativeTo: 'start', direction: 'before' }]]);

  // The workflow opens the task (due a day before the start, same time) and the registration.
  const tasks = page.getByRole('region', { name: 'Tasks' });
  await eventually(async () => {
    await page.reload();
    await tasks.getByRole('button', { name: 'Complete: Print badges' }).waitFor({ timeout: 3000 });
  });
  const opened = await harness.app.database.db.eventTask.findFirstOrThrow({ where: { eventId } });
  expect(opened.dueAt!.getTime()).toBe(stored.startsAt!.getTime() - 86_400_000);
  await eventually(async () => {
    const view = await harness.app.request.get(`/api/v1/events/${eventId}`).set(authAs(marketer));
    expect(view.body.registrationOpen).toBe(true);
  });
  await page.reload();
  await page.getByText('Public registration page (open now)').waitFor();
  await saveScreenshot(page, 'events-plan');
  const registrationUrl = await page.locator('.registration-link a').getAttribute('href');
  expect(registrationUrl).toMatch(new RegExp(`/events/${eventId}/register$`));

  // A person registers on the public page, in a browser that runs no script at all, through the newsletter's link.
  const visitor = await harness.browser.newContext({ javaScriptEnabled: false, baseURL: harness.baseUrl, viewport: SMALL_PHONE });
  try {
    const form = await visitor.newPage();
    await form.goto(`${new URL(registrationUrl!).pathname}?source=NEWSLETTER`);
    await form.getByRole('heading', { name: `Pricing seminar ${tag}` }).waitFor();
    expect(await form.locator('script').count()).toBe(0);
    await form.getByLabel('Name').fill('Ada Lovelace');
    await form.getByLabel('E-mail').fill(`ada.${tag}@example.com`);
    await form.getByLabel('Company (optional)').fill(`Analytical Engines ${tag}`);
    await form.getByRole('button', { name: 'Register' }).click();
    await form.getByRole('heading', { name: 'You are registered' }).waitFor();
    await saveScreenshot(form, 'events-public-registration');
  } finally {
    await visitor.close();
  }
  const registration = await harness.app.database.db.eventRegistration.findFirstOrThrow({ where: { eventId } });
  expect(registration.status).toBe('REGISTERED');
  expect(registration.channel).toBe('PUBLIC');
  expect(registration.sourceCode).toBe('NEWSLETTER');

  // A manager at the door, on a small phone: finds her by a piece of her e-mail, one tap checks her in.
  const door = await harness.openPage({ key: manager.key, viewport: SMALL_PHONE, path: `/events/${eventId}/check-in` });
  await door.getByRole('heading', { name: `Check-in: Pricing seminar ${tag}` }).waitFor();
  await door.getByRole('searchbox').fill(`ada.${tag}`);
  await door.getByRole('button', { name: 'Check in Ada Lovelace' }).click();
  await door.getByText(/✓ Checked in/).waitFor();
  await door.getByText('1 of 1 checked in.').waitFor();
  await expect(door.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
  await saveScreenshot(door, 'events-check-in');
  const checkedIn = await harness.app.database.db.eventRegistration.findUniqueOrThrow({ where: { id: registration.id } });
  expect(checkedIn.checkedInAt).not.toBeNull();
  // A manager reads the event but is offered no planning command.
  await door.getByRole('link', { name: `← Pricing seminar ${tag}` }).click();
  await door.getByRole('heading', { level: 1 }).filter({ hasText: 'Scheduled' }).waitFor();
  await expect(door.getByRole('link', { name: 'Edit plan' }).count()).resolves.toBe(0);
  await expect(door.getByRole('button', { name: 'Cancel event…' }).count()).resolves.toBe(0);

  // The report: one registered, one attended, through the newsletter.
  await page.getByRole('navigation', { name: 'Event pages' }).getByRole('link', { name: 'Report' }).click();
  await page.getByRole('heading', { name: `Event report: Pricing seminar ${tag}` }).waitFor();
  const figures = page.getByLabel('Event figures');
  await expect(figure(figures, 'Registered').textContent()).resolves.toBe('1');
  await expect(figure(figures, 'Attended').textContent()).resolves.toBe('1');
  const bySource = page.getByRole('table', { name: /per sub-source/ });
  await expect(bySource.getByRole('row', { name: /NEWSLETTER/ }).getByRole('cell').allTextContents()).resolves.toEqual(['1', '1', '1']);
  await saveScreenshot(page, 'events-report');
}, 120_000);

test('on an event’s pages a marketer books resources (a double booking refused, naming the other event), registers people past the capacity, marks a payment, cancels (the first waiting moves up), imports a CSV, raises the capacity and copies the event as a template', async () => {
  const tag = `res${Date.now()}`;
  const marketer = await harness.app.userWithKey('marketer');
  const api = harness.app.request;
  const startsAt = new Date(Date.now() + 5 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
  const createEvent = async (name: string) => {
    const created = await api
      .post('/api/v1/events')
      .set(authAs(marketer))
      .send({ name, kind: 'workshop', timeZone: 'UTC', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: 1, currency: 'EUR', price: 25 });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };
  const workshop = await createEvent(`Workshop ${tag}`);
  const other = await createEvent(`Other workshop ${tag}`);
  expect((await api.post(`/api/v1/events/${workshop.id}/schedule`).set(authAs(marketer))).status).toBe(200);

  // The catalog: a room (fixed) and workbooks (consumable), added in the console.
  const page = await harness.openPage({ key: marketer.key, path: '/resources' });
  await page.getByRole('heading', { name: 'Resource catalog' }).waitFor();
  await page.getByLabel('Resource name').fill(`Room ${tag}`);
  await page.getByRole('button', { name: 'Add to the catalog' }).click();
  await page.getByText(`“Room ${tag}” added to the catalog.`).waitFor();
  await page.getByLabel('Resource name').fill(`Workbooks ${tag}`);
  await page.getByLabel('Kind').selectOption('CONSUMABLE');
  await page.getByLabel('Units in stock').fill('30');
  await page.getByRole('button', { name: 'Add to the catalog' }).click();
  await page.getByText(`“Workbooks ${tag}” added to the catalog.`).waitFor();
  const room = await harness.app.database.db.resource.findFirstOrThrow({ where: { name: `Room ${tag}` } });
  const workbooks = await harness.app.database.db.resource.findFirstOrThrow({ where: { name: `Workbooks ${tag}` } });
  expect([room.kind, room.quantity, workbooks.kind, workbooks.quantity]).toEqual(['FIXED', 1, 'CONSUMABLE', 30]);

  // The other workshop holds the room at the same time: booking it is refused, naming that event.
  expect((await api.post(`/api/v1/events/${other.id}/bookings`).set(authAs(marketer)).send({ resourceId: room.id })).status).toBe(201);
  await page.goto(`/console/#/events/${workshop.id}/resources`);
  await page.getByRole('heading', { name: `Resources: Workshop ${tag}` }).waitFor();
  await page.getByLabel('Resource', { exact: true }).selectOption(room.id);
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Not booked' }).filter({ hasText: `Other workshop ${tag}` }).waitFor();
  // Twelve workbooks come out of the stock, and go back when the booking is removed.
  await page.getByLabel('Resource', { exact: true }).selectOption(workbooks.id);
  await page.getByLabel('Quantity').fill('12');
  await page.getByLabel('Note').fill('Ship to the venue by Monday');
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await page.getByText(`“Workbooks ${tag}” booked (12).`).waitFor();
  await expect(page.getByRole('table').getByRole('row', { name: /Workbooks/ }).textContent()).resolves.toContain('Ship to the venue by Monday');
  expect((await harness.app.database.db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity).toBe(18);
  await saveScreenshot(page, 'events-resources');
  await page.getByRole('button', { name: `Remove the booking of Workbooks ${tag}` }).click();
  await page.getByText(`“Workbooks ${tag}” is no longer booked.`).waitFor();
  expect((await harness.app.database.db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity).toBe(30);

  // Registrations: one seat, so the second person waits; paid, then cancelled: the waiting one moves up.
  await page.getByRole('navigation', { name: 'Event pages' }).getByRole('link', { name: 'Registrations' }).click();
  await page.getByRole('heading', { name: `Registrations: Workshop ${tag}` }).waitFor();
  const register = async (name: string, email: string) => {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('E-mail', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Register', exact: true }).click();
  };
  await register('Grace Hopper', `grace.${tag}@example.com`);
  await page.getByText('Grace Hopper is registered.').waitFor();
  await register('Alan Turing', `alan.${tag}@example.com`);
  await page.getByText('Alan Turing is on the waiting list (position 1).').waitFor();
  await page.getByRole('button', { name: 'Mark Grace Hopper paid' }).click();
  await page.getByText('Grace Hopper: paid (25.00 EUR).').waitFor();
  const grace = await harness.app.database.db.eventRegistration.findFirstOrThrow({ where: { eventId: workshop.id, status: 'REGISTERED' } });
  expect([grace.payment, grace.amountPaid?.toFixed(2)]).toEqual(['PAID', '25.00']);
  await page.getByRole('button', { name: 'Cancel the registration of Grace Hopper' }).click();
  await page.getByText('Grace Hopper’s registration is cancelled. Alan Turing moved up from the waiting list.').waitFor();
  const registrations = page.getByRole('table');
  await page.getByLabel('Name or e-mail contains').fill('TURING');
  await registrations.getByRole('row', { name: /Grace Hopper/ }).waitFor({ state: 'detached' });
  await expect(registrations.getByRole('row', { name: /Alan Turing/ }).textContent()).resolves.toContain('Registered');
  await page.getByLabel('Name or e-mail contains').fill('');
  await registrations.getByRole('row', { name: /Grace Hopper/ }).waitFor();

  // A CSV: a good row (the seat is taken: it waits) and a row without a name, reported by its spreadsheet row.
  await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(`name,email\nKatherine Johnson,katherine.${tag}@example.com\n,nobody.${tag}@example.com\n`) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('0 registered, 1 on the waiting list, 0 already registered, 1 failed.').waitFor();
  await page.getByText(/^Row 3: /).waitFor();
  await registrations.getByRole('row', { name: /Katherine Johnson/ }).waitFor();
  await saveScreenshot(page, 'events-registrations');

  // The plan, edited: two seats; Katherine gets the new one.
  await page.getByRole('navigation', { name: 'Event pages' }).getByRole('link', { name: 'Plan' }).click();
  await page.getByRole('link', { name: 'Edit plan' }).click();
  await page.getByRole('heading', { name: `Plan of “Workshop ${tag}”` }).waitFor();
  await expect(page.getByLabel('Starts', { exact: true }).inputValue()).resolves.toBe(startsAt.toISOString().slice(0, 16));
  await page.getByLabel('Capacity').fill('2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText(`“Workshop ${tag}” saved (scheduled).`).waitFor();
  const katherine = await api.get(`/api/v1/events/${workshop.id}/registrations`).query({ q: `katherine.${tag}` }).set(authAs(marketer));
  expect(katherine.body.items.map((item: { status: string }) => item.status)).toEqual(['REGISTERED']);

  // Copied as a template: a new draft without dates unless given.
  await page.getByRole('link', { name: 'Event page' }).click();
  await page.getByRole('button', { name: 'Copy as template…' }).click();
  await page.getByLabel('Name of the copy').fill(`Workshop ${tag}, spring`);
  await page.getByRole('button', { name: 'Create the copy' }).click();
  await page.getByText('Copied into this new draft.').waitFor();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: `Workshop ${tag}, spring` }).filter({ hasText: 'Draft' }).waitFor();
  const copy = await harness.app.database.db.event.findFirstOrThrow({ where: { name: `Workshop ${tag}, spring` } });
  expect([copy.status, copy.copiedFromId, copy.startsAt, copy.capacity]).toEqual(['DRAFT', workshop.id, null, 2]);
  await expect(page.getByRole('button', { name: 'Schedule', exact: true }).isVisible()).resolves.toBe(true);
}, 120_000);
