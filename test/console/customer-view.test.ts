import { buildCustomer } from '../accounts/customer-view/customer-view-fixture';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
let customer: Awaited<ReturnType<typeof buildCustomer>>;
let owner: { id: string; key: string };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

beforeAll(async () => {
  const marketer = await harness.app.userWithKey('marketer');
  owner = await harness.app.userWithKey('manager');
  customer = await buildCustomer(harness.app, { marketer, owner });
}, 120_000);

test('when the owner opens the account then the customer view reads like one: key contacts, campaigns, mails with what became of them, responses and events, in words and linked', async () => {
  const page = await harness.openPage({ key: owner.key, path: `/accounts/${customer.account.id}` });
  await page.getByRole('heading', { level: 1, name: customer.account.name }).waitFor();

  const keyContacts = page.getByRole('region', { name: 'Key contacts' });
  await keyContacts.getByRole('listitem').first().getByText('Anna Primary').waitFor();
  await expect(keyContacts.getByRole('listitem').allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/^Anna Primary\s*Primary — Head buyer/),
    expect.stringMatching(/^Dmitri Leaves\s*Unsubscribed/),
    expect.stringMatching(/^Boris Bounce\s*Bounced/),
    expect.stringMatching(/^Carla Optout\s*Unsubscribed[\s\S]*no interaction yet/),
  ]);

  const campaigns = page.getByRole('region', { name: 'Campaigns' });
  await campaigns.getByRole('link', { name: customer.spring.name }).waitFor();
  await expect(campaigns.getByRole('link', { name: customer.spring.name }).getAttribute('href')).resolves.toBe(`#/campaigns/${customer.spring.campaignId}`);
  await campaigns.getByText('Anna Primary (test cell, not mailed)').waitFor();
  await campaigns.getByRole('list', { name: `Stages of “${customer.spring.name}”` }).getByText('Spring mailing (Mailing) — Running').waitFor();

  const mails = page.getByRole('region', { name: 'Mails' });
  const mailTo = (name: string) => mails.getByRole('listitem').filter({ hasText: `Spring offer to ${name}` });
  await mailTo('Anna Primary').getByText('Sent', { exact: true }).waitFor();
  await mailTo('Boris Bounce').getByText('Bounced', { exact: true }).waitFor();
  await mailTo('Boris Bounce').getByText(/^Why: the mail server refused the address \(550/).waitFor();
  await mailTo('Carla Optout').getByText('Not sent', { exact: true }).waitFor();
  await mailTo('Carla Optout').getByText('Why: the contact had unsubscribed').waitFor();
  await mailTo('Dmitri Leaves').getByText(/^Unsubscribed with this campaign’s link on /).waitFor();
  await mails.getByRole('link', { name: customer.event.name }).waitFor();

  const responses = page.getByRole('region', { name: 'Responses' });
  await responses.getByRole('listitem').filter({ hasText: 'Replied — Boris Bounce' }).getByText('through Le Monde (press)').waitFor();
  await responses.getByRole('listitem').filter({ hasText: 'Attended an event — Anna Primary' }).waitFor();

  const events = page.getByRole('region', { name: 'Events' });
  const registration = events.getByRole('listitem').filter({ hasText: customer.event.name });
  await registration.getByText('Attended', { exact: true }).waitFor();
  await expect(registration.getByRole('link', { name: customer.event.name }).getAttribute('href')).resolves.toBe(`#/events/${customer.event.id}`);

  // No raw id or ISO timestamp where a name or a readable date exists.
  for (const section of [keyContacts, campaigns, mails, responses, events]) {
    const text = await section.innerText();
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(ISO);
  }
  await saveScreenshot(page, 'customer-view');
});

test('when a task comes from a logged call then the open tasks say which call it was, on which day, with whom, and take the reader to it in the timeline, never its id', async () => {
  const page = await harness.openPage({ key: owner.key, path: `/accounts/${customer.account.id}` });
  const tasks = page.getByRole('region', { name: /^Open tasks/ });
  const why = tasks.getByRole('listitem').filter({ hasText: 'Next step: CALL' }).locator('.why-summary');
  const callButton = why.getByRole('button', { name: /^Call on / });
  await callButton.waitFor();
  await why.getByText(/outcome Contact made with Dmitri Leaves/).waitFor();
  expect(await why.innerText()).not.toMatch(UUID);
  const call = await harness.app.database.db.activity.findFirstOrThrow({ where: { accountId: customer.account.id, contactId: customer.dmitri.id } });
  await callButton.click();
  // It brings the call's entry of the timeline into view.
  const entry = page.locator(`#activity-${call.id}`);
  await entry.getByText('Call: Contact made').waitFor();
  await expect(entry.evaluate((element) => { const box = element.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).resolves.toBe(true);
});

test('when an account has more contacts than a page holds then "Show more" adds the rest once, and the button goes', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const contacts = Array.from({ length: 12 }, (_, index) => ({ name: `Person ${String(index + 1).padStart(2, '0')}` }));
  const created = await harness.app.request.post('/api/v1/accounts').set(authAs(marketer)).send({ name: `Crowded ${Date.now()}`, contacts });
  expect(created.status).toBe(201);
  const page = await harness.openPage({ key: marketer.key, path: `/accounts/${created.body.account.id}` });
  const section = page.getByRole('region', { name: 'Key contacts' });
  await section.getByText('Person 10').waitFor();
  await expect(section.getByRole('listitem').count()).resolves.toBe(10);
  await section.getByRole('button', { name: 'Show more' }).click();
  await section.getByText('Person 12').waitFor();
  await expect(section.getByRole('listitem').allInnerTexts()).resolves.toEqual(contacts.map((contact) => expect.stringContaining(contact.name)));
  await expect(section.getByRole('button', { name: 'Show more' }).count()).resolves.toBe(0);
});

test('when the owner reads the page in Russian then the customer view is in Russian', async () => {
  const saved = await harness.app.request.put('/api/v1/me/preferences').set(authAs(owner)).send({ language: 'ru', timeZone: 'Europe/Moscow', dateFormat: 'dmy', currency: 'EUR' });
  expect(saved.status).toBe(200);
  try {
    // Signed in, the console switches to the saved language (the sign-in helper waits for English).
    const page = await harness.openPage({ path: `/accounts/${customer.account.id}` });
    await page.getByLabel('API key').fill(owner.key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('region', { name: 'Ключевые контакты' }).getByText('Основной', { exact: true }).waitFor();
    const mails = page.getByRole('region', { name: 'Письма' });
    await mails.getByText('Причина: контакт отписался от рассылок').waitFor();
    await page.getByRole('region', { name: 'Мероприятия' }).getByText('Пришли', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Отклики' }).getByText('Ответил на письмо — Boris Bounce').waitFor();
  } finally {
    await harness.app.request.put('/api/v1/me/preferences').set(authAs(owner)).send({ language: 'en', timeZone: 'UTC', dateFormat: 'locale', currency: 'EUR' });
  }
});
