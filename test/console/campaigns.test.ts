import type { Locator, Page } from 'playwright-core';
import { seedRecipients } from '../campaigns/workflow/helpers';
import { eventually } from '../support/eventually';
import { receivedMail, waitForMail } from '../support/mailbox';
import { authAs, consoleHarnessForFile, DESKTOP, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
let marketer: { id: string; key: string };
beforeAll(async () => {
  marketer = await harness.app.userWithKey('marketer');
});
const open = (path: string, viewport = DESKTOP) => harness.openPage({ key: marketer.key, viewport, path });

/** The texts a control's aria-describedby points at: its hint and its error, as a screen reader reads them. */
const descriptionOf = (control: Locator) =>
  control.evaluate((element) => (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

/** A `datetime-local` value `seconds` from now in the browser's own time zone. */
const localInputFromNow = (page: Page, seconds: number) =>
  page.evaluate((offset) => {
    const date = new Date(Date.now() + offset * 1000);
    const pad = (value: number) => String(value).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }, seconds);

/** Waits until what `read` answers passes `check` (the page updates by itself: debounced counts, polling). */
const until = <T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 20_000) => eventually(async () => check(await read()), timeoutMs);

/** The figure shown under `name` in a list of counts. */
const figure = (scope: Locator, name: string) => scope.locator('div', { has: scope.page().locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');

async function createTemplate(key: string) {
  const created = await harness.app.request
    .post('/api/v1/templates')
    .set(authAs(marketer))
    .send({ key, name: `Offer ${key}`, subject: 'Offer for {{ account.name }}', text: 'Hello {{ contact.name }}, see {{ campaign.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  expect(created.status).toBe(201);
}

test('a marketer goes from a segment (with its live count) to a scheduled campaign whose mailing reaches each recipient exactly once', async () => {
  const tag = `cons${Date.now()}`;
  const emails = await seedRecipients(harness.app, tag, 3, 'console.test');
  const templateKey = `offer-${tag}`;
  await createTemplate(templateKey);

  // The segment: one condition, counted live as it is typed.
  const page = await open('/campaigns');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
  await page.getByRole('link', { name: 'New segment' }).click();
  await page.getByLabel('Name', { exact: true }).fill(`Console segment ${tag}`);
  const condition = page.getByRole('group', { name: 'Condition 1' });
  await expect(condition.getByLabel('Field').inputValue()).resolves.toBe('account.segment');
  await condition.getByLabel('Value').fill(tag);
  const liveCount = page.getByRole('status').filter({ hasText: 'contacts match' });
  await until(() => liveCount.textContent(), (value) => expect(value).toBe('3 contacts match.'));
  const counts = page.getByLabel('Segment counts');
  await expect(figure(counts, 'Accounts').textContent()).resolves.toBe('3');
  await until(() => page.getByRole('table').getByRole('row').count(), (value) => expect(value).toBe(4));

  // An operator that needs a number, given none: the API's message appears at the condition's value.
  await page.getByRole('button', { name: 'Add condition' }).click();
  const second = page.getByRole('group', { name: 'Condition 2' });
  await second.getByLabel('Field').selectOption('account.lastContactedAt');
  await second.getByLabel('Operator').selectOption('withinDays');
  await until(() => descriptionOf(second.getByLabel('Value')), (value) => expect(value).toMatch(/number/i));
  await second.getByRole('button', { name: 'Remove condition 2' }).click();
  await until(() => liveCount.textContent(), (value) => expect(value).toBe('3 contacts match.'));
  await saveScreenshot(page, 'segment-editor');
  await page.getByRole('button', { name: 'Create segment' }).click();
  await page.getByText(`Saved segment “Console segment ${tag}”`).waitFor();

  // The campaign builder opens with a list stage on that segment and a mailing stage.
  await page.getByRole('link', { name: 'New campaign with this segment' }).click();
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill(`Console campaign ${tag}`);
  await until(() => page.getByLabel('Segment', { exact: true }).locator('option:checked').textContent(), (value) => expect(value).toBe(`Console segment ${tag}`));
  await page.getByLabel('Template').selectOption(templateKey);
  await page.getByLabel('Messages per second').fill('50');
  // A short wait between the list and the mailing, added last and moved up: the page can show the campaign running.
  await page.getByLabel('New stage type').selectOption('WAIT');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByLabel('Wait for').fill('4');
  await page.locator('.field', { has: page.getByLabel('Wait for') }).getByLabel('Unit').selectOption('seconds');
  await page.getByRole('button', { name: 'Move stage 3 earlier' }).click();
  await expect(page.getByRole('heading', { name: /^Stage \d: / }).allTextContents()).resolves.toEqual(['Stage 1: Target list', 'Stage 2: Wait', 'Stage 3: Mailing']);

  // A date in the past: the API refuses it, named at the stage's date field, and nothing is created.
  await page.getByLabel('Stage 1 starts').fill(await localInputFromNow(page, -3600));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('alert').filter({ hasText: 'The campaign was not saved' }).waitFor();
  await expect(descriptionOf(page.getByLabel('Stage 1 starts'))).resolves.toContain('is in the past');
  await expect(page.getByLabel('Stage 1 starts').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await harness.app.database.db.campaign.count({ where: { name: `Console campaign ${tag}` } })).toBe(0);
  await saveScreenshot(page, 'campaign-builder');

  await page.getByLabel('Stage 1 starts').fill(await localInputFromNow(page, 12));
  await page.getByRole('button', { name: 'Save and schedule' }).click();

  // The campaign page follows the run: scheduled, running (the list frozen, the wait under way), completed.
  const title = page.getByRole('heading', { level: 1 });
  await title.filter({ hasText: `Console campaign ${tag}` }).waitFor();
  await page.getByText('Scheduled: each stage starts on its date').waitFor();
  await title.filter({ hasText: 'Running' }).waitFor({ timeout: 40_000 });
  const listStage = page.getByRole('region', { name: /^Stage 1: Target list/ });
  await until(() => figure(listStage, 'Listed').textContent(), (value) => expect(value).toBe('3'));
  await saveScreenshot(page, 'campaign-running');
  await title.filter({ hasText: 'Completed' }).waitFor({ timeout: 40_000 });
  const mailingStage = page.getByRole('region', { name: /^Stage 3: Mailing/ });
  await expect(figure(mailingStage, 'Sent').textContent()).resolves.toBe('3');
  await expect(figure(mailingStage, 'Failed').textContent()).resolves.toBe('0');
  await expect(page.getByRole('list', { name: 'Campaign history' }).textContent()).resolves.toMatch(/Campaign completed/i);
  await expect(page.getByRole('link', { name: 'Return report' }).getAttribute('href')).resolves.toMatch(/^#\/campaigns\/[0-9a-f-]+\/report$/);

  // At the SMTP server: each recipient got one message, and no one else got one of this campaign.
  await waitForMail((mail) => mail.to.some((to) => to.toLowerCase().includes(tag)), 3);
  const mails = (await receivedMail()).filter((mail) => mail.to.some((to) => to.toLowerCase().includes(tag)));
  expect(mails.map((mail) => mail.to[0]!.toLowerCase()).sort()).toEqual([...emails].sort());
  for (const mail of mails) expect(mail.subject).toMatch(new RegExp(`^Offer for ${tag} account \\d$`));
}, 90_000);

test('on its page a scheduled campaign is paused, resumed, refused a cancel without a reason, cancelled and copied; at phone width nothing scrolls sideways', async () => {
  const tag = `ctl${Date.now()}`;
  await seedRecipients(harness.app, tag, 2, 'console.test');
  const segment = await harness.app.request.post('/api/v1/segments').set(authAs(marketer)).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  const created = await harness.app.request
    .post('/api/v1/campaigns')
    .set(authAs(marketer))
    .send({
      name: `Controlled ${tag}`,
      stages: [
        { type: 'LIST', startAt: new Date(Date.now() + 3_600_000).toISOString(), settings: { segmentId: segment.body.id } },
        { type: 'CALL_TASKS', settings: { title: 'Call about the offer' } },
      ],
    });
  expect(created.status).toBe(201);
  expect((await harness.app.request.post(`/api/v1/campaigns/${created.body.id}/schedule`).set(authAs(marketer))).status).toBe(200);

  const page = await open(`/campaigns/${created.body.id}`, PHONE);
  const title = page.getByRole('heading', { level: 1 });
  await title.filter({ hasText: 'Scheduled' }).waitFor();
  // A stage that has not started takes a new date (in the past: refused, named at the field).
  await page.getByRole('button', { name: 'Reschedule stage 1…' }).click();
  await page.getByLabel('New start of stage 1').fill(await localInputFromNow(page, -60));
  await page.getByRole('button', { name: 'Save the date' }).click();
  await until(() => descriptionOf(page.getByLabel('New start of stage 1')), (value) => expect(value).toContain('is in the past'));
  await page.getByLabel('New start of stage 1').fill(await localInputFromNow(page, 7200));
  await page.getByRole('button', { name: 'Save the date' }).click();
  await page.getByText('Stage 1 rescheduled: the campaign is now scheduled.').waitFor();
  const stored = await harness.app.database.db.campaignStage.findFirstOrThrow({ where: { campaignId: created.body.id, position: 0 }, select: { startAt: true } });
  expect(stored.startAt!.getTime()).toBeGreaterThan(Date.now() + 7000_000);

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByText('Paused: the campaign is now paused.').waitFor();
  await title.filter({ hasText: 'Paused' }).waitFor();
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.getByText('Resumed: the campaign is now scheduled.').waitFor();

  await page.getByRole('button', { name: 'Cancel campaign…' }).click();
  await page.getByRole('button', { name: 'Cancel the campaign' }).click();
  await page.getByRole('alert').filter({ hasText: 'The campaign was not cancelled' }).waitFor();
  await expect(page.getByLabel('Reason for cancelling').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(title.textContent()).resolves.toContain('Scheduled');
  await page.getByLabel('Reason for cancelling').fill('Offer withdrawn');
  await page.getByRole('button', { name: 'Cancel the campaign' }).click();
  await page.getByText('Cancelled: the campaign is now cancelled.').waitFor();
  await page.getByText('Ended: Offer withdrawn').waitFor();
  await expect(page.getByRole('heading', { name: /^Stage 1: Target list/ }).textContent()).resolves.toContain('Cancelled');
  await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
  await saveScreenshot(page, 'campaign-phone');

  await page.getByRole('button', { name: 'Copy…' }).click();
  await page.getByLabel('Name of the copy').fill(`Controlled ${tag}, again`);
  await page.getByRole('button', { name: 'Create the copy' }).click();
  await page.getByText('Copied into this new draft.').waitFor();
  await title.filter({ hasText: `Controlled ${tag}, again` }).filter({ hasText: 'Draft' }).waitFor();
  await expect(page.getByRole('button', { name: 'Schedule', exact: true }).isVisible()).resolves.toBe(true);

  // The builder of that draft fits a phone screen too.
  await page.getByRole('link', { name: 'Edit stages' }).click();
  await page.getByRole('heading', { name: `Edit draft “Controlled ${tag}, again”` }).waitFor();
  await expect(page.getByLabel('Task title').inputValue()).resolves.toBe('Call about the offer');
  await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
});

test('a manager reads the campaigns but is offered no command; the campaign list filters by status', async () => {
  const tag = `read${Date.now()}`;
  const segment = await harness.app.request.post('/api/v1/segments').set(authAs(marketer)).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  const stages = [{ type: 'LIST', startAt: new Date(Date.now() + 3_600_000).toISOString(), settings: { segmentId: segment.body.id } }];
  const ended = await harness.app.request.post('/api/v1/campaigns').set(authAs(marketer)).send({ name: `Ended ${tag}`, stages });
  expect((await harness.app.request.post(`/api/v1/campaigns/${ended.body.id}/schedule`).set(authAs(marketer))).status).toBe(200);
  expect((await harness.app.request.post(`/api/v1/campaigns/${ended.body.id}/cancel`).set(authAs(marketer)).send({ reason: 'Not this year' })).status).toBe(200);
  expect((await harness.app.request.post('/api/v1/campaigns').set(authAs(marketer)).send({ name: `Draft ${tag}`, stages })).status).toBe(201);

  const manager = await harness.app.userWithKey('manager');
  const page = await harness.openPage({ key: manager.key, path: '/campaigns' });
  await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
  await expect(page.getByRole('link', { name: 'New campaign' }).count()).resolves.toBe(0);
  await page.getByLabel('Status').selectOption('CANCELLED');
  // The unfiltered list stays on screen until the filtered answer replaces it.
  await page.getByRole('table').getByRole('link', { name: `Draft ${tag}` }).waitFor({ state: 'detached' });
  const endedLink = page.getByRole('table').getByRole('link', { name: `Ended ${tag}` });
  await endedLink.waitFor();
  await endedLink.click();
  await page.getByText('Ended: Not this year').waitFor();
  await page.getByRole('heading', { name: 'History' }).waitFor();
  await expect(page.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Copy…' }).count()).resolves.toBe(0);
});
