import type { BrowserContext, Locator, Page } from 'playwright-core';
import { seedRecipients } from '../campaigns/workflow/helpers';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile, saveScreenshot, signIn } from './support/console-browser';

// A console for people, not for API clients: durations chosen as a number and a unit, dates typed and
// read on the user's own clock (their preferred zone, not the browser's), and a refused form that
// names its fields by their labels, with no API path and no ISO timestamp.

const harness = consoleHarnessForFile();
let marketer: { id: string; key: string };
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  marketer = await harness.app.userWithKey('marketer');
});
afterAll(async () => {
  for (const context of contexts) await context.close();
});

/** A page in a browser whose own clock is New York's, signed in as the marketer, on `path`. */
async function openInNewYork(path: string): Promise<Page> {
  const context = await harness.browser.newContext({ baseURL: harness.baseUrl, timezoneId: 'America/New_York', viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => harness.pageErrors.push(`${page.url()}: ${error.message}`));
  page.setDefaultTimeout(20_000);
  await page.goto(`/console/#${path}`);
  await signIn(page, marketer.key);
  return page;
}

const until = <T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 20_000) => eventually(async () => check(await read()), timeoutMs);
const descriptionOf = (control: Locator) =>
  control.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
/** The unit select of the duration field labelled `label`. */
const unitOf = (scope: Page | Locator, label: string) => scope.locator('.field', { has: ('goto' in scope ? scope : scope.page()).getByLabel(label, { exact: true }) }).getByLabel('Unit');
const stageCard = (page: Page, number: number) => page.getByRole('region', { name: new RegExp(`^Stage ${number}: `) });

async function setUp(tag: string): Promise<string> {
  await seedRecipients(harness.app, tag, 1, 'people.test');
  const segment = await harness.app.request.post('/api/v1/segments').set(authAs(marketer)).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  const template = await harness.app.request
    .post('/api/v1/templates')
    .set(authAs(marketer))
    .send({ key: `offer-${tag}`, name: `Offer ${tag}`, subject: 'Offer for {{ account.name }}', text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  expect(template.status).toBe(201);
  // The marketer works on Tokyo time while the browser is in New York: the console follows the user.
  const preferences = await harness.app.request.put('/api/v1/me/preferences').set(authAs(marketer)).send({ timeZone: 'Asia/Tokyo' });
  expect(preferences.status).toBe(200);
  return segment.body.id as string;
}

test('a marketer sets a wait as “4 hours” and a date on their own clock, is refused a past date by the labels of the form, and reads both back as typed', async () => {
  const tag = `ppl${Date.now()}`;
  const segmentId = await setUp(tag);
  const page = await openInNewYork(`/campaigns/new?segment=${segmentId}`);
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill(`People ${tag}`);
  await until(() => page.getByLabel('Segment', { exact: true }).locator('option:checked').textContent(), (value) => expect(value).toBe(`Segment ${tag}`));
  await stageCard(page, 2).getByLabel('Template').selectOption(`offer-${tag}`);

  // A wait of 4 hours: a number and a unit, no ISO 8601 to type.
  await page.getByLabel('New stage type').selectOption('WAIT');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByLabel('Wait for', { exact: true }).fill('4');
  await unitOf(page, 'Wait for').selectOption('hours');
  await expect(unitOf(page, 'Wait for').locator('option').allTextContents()).resolves.toEqual(['seconds', 'minutes', 'hours', 'days', 'weeks']);

  // A date in the past: refused, named by the field's label, saying what to do; no path, no ISO timestamp.
  await page.getByLabel('Stage 1 starts').fill('2020-01-01T10:00:00');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'The campaign was not saved' });
  await refusal.waitFor();
  await until(() => refusal.innerText(), (text) => expect(text).toContain('Stage 1 starts: this date is in the past — pick a later one'));
  const refusalText = await refusal.innerText();
  expect(refusalText).not.toMatch(/body\.|stages\.\d|startAt/);
  expect(refusalText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  await expect(descriptionOf(page.getByLabel('Stage 1 starts'))).resolves.toContain('this date is in the past — pick a later one');
  expect(await harness.app.database.db.campaign.count({ where: { name: `People ${tag}` } })).toBe(0);
  await saveScreenshot(page, 'form-error-by-label');

  // 10 March 2027, 09:00 on the marketer's clock (Tokyo, UTC+9) is midnight UTC, whatever the browser's zone.
  await page.getByLabel('Stage 1 starts').fill('2027-03-10T09:00:00');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('heading', { name: `Edit draft “People ${tag}”` }).waitFor();
  const stored = await harness.app.database.db.campaign.findFirstOrThrow({
    where: { name: `People ${tag}` },
    select: { id: true, stages: { orderBy: { position: 'asc' }, select: { type: true, startAt: true, settings: true } } },
  });
  expect(stored.stages.map((stage) => stage.type)).toEqual(['LIST', 'MAILING', 'WAIT']);
  expect(stored.stages[0]!.startAt!.toISOString()).toBe('2027-03-10T00:00:00.000Z');
  expect(stored.stages[2]!.settings).toMatchObject({ duration: 'PT4H' });

  // Opened again: the same number, unit and wall-clock time.
  await page.reload();
  await page.getByRole('heading', { name: `Edit draft “People ${tag}”` }).waitFor();
  await expect(page.getByLabel('Wait for', { exact: true }).inputValue()).resolves.toBe('4');
  await expect(unitOf(page, 'Wait for').inputValue()).resolves.toBe('hours');
  // (the browser drops the seconds when they are zero)
  await expect(page.getByLabel('Stage 1 starts').inputValue()).resolves.toMatch(/^2027-03-10T09:00(?::00)?$/);

  // The campaign page says it in words.
  await page.getByRole('link', { name: 'Campaign page' }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: `People ${tag}` }).waitFor();
  await until(() => stageCard(page, 3).innerText(), (text) => expect(text).toContain('Waits 4 hours once it starts'));
  const pageText = await page.locator('main').innerText();
  expect(pageText).not.toMatch(/\bPT4H\b/);
  expect(pageText).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  await saveScreenshot(page, 'duration-in-words');
}, 90_000);

test('an event’s reminder is chosen as a number and a unit and shown in words on its page', async () => {
  const tag = `pev${Date.now()}`;
  await setUp(tag);
  const page = await openInNewYork('/events/new');
  await page.getByLabel('Event name').fill(`Seminar ${tag}`);
  await expect(page.getByLabel('Reminder before the start', { exact: true }).inputValue()).resolves.toBe('1');
  await expect(unitOf(page, 'Reminder before the start').inputValue()).resolves.toBe('days');
  await page.getByLabel('Reminder before the start', { exact: true }).fill('2');
  await unitOf(page, 'Reminder before the start').selectOption('hours');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(`“Seminar ${tag}” saved (draft).`).waitFor();
  await until(
    () => harness.app.database.db.event.findFirst({ where: { name: `Seminar ${tag}` }, select: { reminderBefore: true } }),
    (event) => expect(event).toEqual({ reminderBefore: 'PT2H' }),
  );
  const { id } = await harness.app.database.db.event.findFirstOrThrow({ where: { name: `Seminar ${tag}` }, select: { id: true } });
  await page.goto(`/console/#/events/${id}`);
  await page.reload();
  await until(() => page.locator('main').innerText(), (text) => expect(text).toContain('2 hours before the start'));
}, 60_000);
