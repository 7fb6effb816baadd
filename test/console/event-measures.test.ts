import { randomUUID } from 'node:crypto';
import { consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer defines a measure and a ratio of it in the console (a bad key named at its field), cannot archive what the ratio divides, changes the window, and the event report shows both values', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const db = harness.app.database.db;

  // An event that ended a week ago: two attendees, one of whom had a meeting three days after it.
  const endsAt = new Date(Date.now() - 7 * 86_400_000);
  const event = await db.event.create({
    data: { name: 'Measured seminar', kind: 'Seminar', ownerId: marketer.id, status: 'COMPLETED', startsAt: new Date(endsAt.getTime() - 4 * 3_600_000), endsAt, noShows: 0, noShowsCountedAt: endsAt },
  });
  for (const name of ['Met', 'Not met']) {
    const account = await db.account.create({ data: { name, status: 'CONTACT_ESTABLISHED' } });
    const contact = await db.contact.create({ data: { accountId: account.id, name: `${name} person` } });
    await db.eventRegistration.create({
      data: { eventId: event.id, channel: 'API', contactId: contact.id, accountId: account.id, status: 'REGISTERED', registeredAt: new Date(endsAt.getTime() - 86_400_000 * 20), checkedInAt: endsAt },
    });
    if (name === 'Met') {
      await db.activity.create({
        data: { id: randomUUID(), accountId: account.id, type: 'MEETING', outcome: 'MEETING_HELD', occurredAt: new Date(endsAt.getTime() + 3 * 86_400_000), loggedById: marketer.id, state: 'APPLIED' },
      });
    }
  }

  const page = await harness.openPage({ key: marketer.key, path: '/events' });
  await page.getByRole('link', { name: 'Event measures' }).click();
  await page.getByRole('heading', { name: 'Event measures', level: 1 }).waitFor();
  await page.getByText('No measure is defined yet.').waitFor();

  // A count: meetings of attendees within 2 days of the end; first with a key the API refuses.
  const form = page.getByRole('form', { name: 'New measure' });
  await form.getByLabel('Measure name').fill('Meetings after the event');
  await form.getByLabel('Key').fill('Meetings After');
  await form.getByLabel('Whose accounts').selectOption('attendees');
  await form.getByLabel('Within days').fill('2');
  await form.getByLabel('After').selectOption('eventEnd');
  await form.getByRole('group', { name: 'Activity types (none: all)' }).getByRole('checkbox', { name: 'Meeting' }).check();
  await form.getByLabel('Event kinds').fill('seminar, Workshop');
  await form.getByRole('button', { name: 'Define the measure' }).click();
  await form.getByText('lower-case letters, digits and hyphens, 2 to 64 characters, starting with a letter', { exact: true }).waitFor();
  expect(await db.eventMeasure.count()).toBe(0);
  await form.getByLabel('Key').fill('meetings-after');
  await form.getByRole('button', { name: 'Define the measure' }).click();
  await page.getByText('“Meetings after the event” defined.').waitFor();
  const table = page.getByRole('table', { name: 'Measures, oldest first' });
  await table.getByText('Accounts of attendees with MEETING activities within 2 days after the event’s end').waitFor();
  await table.getByText('seminar, workshop').waitFor();

  // A ratio of it, typed with the keyboard: the kind, the figures it divides, a percentage by default.
  await form.getByLabel('Measure name').fill('Meeting rate');
  await form.getByLabel('Key').fill('meeting-rate');
  await form.getByLabel('What it measures').selectOption('ratio');
  await form.getByLabel('Divide').focus();
  await page.keyboard.press('End');
  await form.getByLabel('By').selectOption('attended');
  await form.getByLabel('Measure name').focus();
  await page.keyboard.press('Enter');
  await page.getByText('“Meeting rate” defined.').waitFor();
  await table.getByText('“Meetings after the event” ÷ attended, as a percentage').waitFor();

  // What the ratio divides stays until the ratio goes.
  await table.getByRole('button', { name: 'Archive Meetings after the event' }).click();
  await table.getByText('Cannot archive "Meetings after the event": the ratio "Meeting rate" divides it').waitFor();
  expect((await db.eventMeasure.findUniqueOrThrow({ where: { key: 'meetings-after' } })).archivedAt).toBeNull();
  await saveScreenshot(page, 'event-measures');

  // The report: the meeting came three days after the end, outside the 2-day window.
  await page.goto(`/console/#/events/${event.id}/report`);
  const measures = page.getByRole('region', { name: 'Measures' });
  await measures.getByRole('row', { name: /Meetings after the event .* 0$/ }).waitFor();
  await measures.getByRole('row', { name: /Meeting rate .* 0 %$/ }).waitFor();

  // A wider window, changed on the catalog page: the report counts the meeting.
  await page.goto('/console/#/event-measures');
  await table.getByRole('button', { name: 'Change Meetings after the event' }).click();
  const edit = page.getByRole('form', { name: 'Change “Meetings after the event”' });
  await edit.getByLabel('Within days').fill('5');
  await edit.getByRole('button', { name: 'Save the measure' }).click();
  await page.getByText('“Meetings after the event” saved.').waitFor();
  await table.getByText('Accounts of attendees with MEETING activities within 5 days after the event’s end').waitFor();
  await page.goto(`/console/#/events/${event.id}/report`);
  await measures.getByRole('row', { name: /Meetings after the event .* 1$/ }).waitFor();
  await measures.getByRole('row', { name: /Meeting rate .* 50 %$/ }).waitFor();
  await saveScreenshot(page, 'event-measures-report');
});
