import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { publishRuleVersion } from '../support/rule-versions';
import { authAs, consoleHarnessForFile, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
let manager: { id: string; key: string };
let marketer: { id: string; key: string };

beforeAll(async () => {
  [manager, marketer] = await Promise.all([harness.app.userWithKey('manager'), harness.app.userWithKey('marketer')]);
  // The default follow-up is due 2 business days later: due at once, it is overdue in My day now.
  await publishRuleVersion(harness.app.database.db, 'follow-up-without-next-step', (definition) => ({
    ...definition,
    actions: (definition.actions as { kind: string }[]).map((action) => (action.kind === 'create_task' ? { ...action, due: { after: 'PT1S' } } : action)),
  }));
}, 90_000);

/** A `datetime-local` value: Chromium and this process share the time zone. */
const localInput = (date: Date) => {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

async function createNewAccount(name: string): Promise<string> {
  const created = await harness.app.request
    .post('/api/v1/accounts')
    .set(authAs(marketer))
    .send({ name, segment: 'retail', timeZone: 'Europe/Paris', contacts: [{ name: 'Dana Buyer', email: 'dana@example.com', phone: '+33 1 23 45 67 89', isPrimary: true }] });
  expect(created.status).toBe(201);
  return created.body.account.id;
}

const accountPage = async (id: string) => (await harness.app.request.get(`/api/v1/accounts/${id}`).set(authAs(manager))).body;

/** Logs an activity with the keyboard: L focuses the type, Enter logs; answers the result notice. */
async function logActivity(page: Page, type: string, outcome: string) {
  await page.locator('body').press('l');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-keyshortcuts'))).resolves.toBe('L');
  await page.getByLabel('Type', { exact: true }).selectOption(type);
  await page.getByLabel('Outcome').selectOption(outcome);
  await page.getByLabel('Outcome').press('Enter');
  const result = page.getByRole('status').filter({ hasText: 'Logged:' });
  await result.waitFor();
  return result;
}

test('a manager takes a NEW account from the pool and works it to CLIENT, sees each new status and task, and handles timers and My day', async () => {
  const name = `Acme Bakery ${Date.now()}`;
  const id = await createNewAccount(name);
  const page = await harness.openPage({ key: manager.key });

  // The NEW pool, searched by name; the account is taken right in the list.
  await page.getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Show').selectOption('pool');
  await page.getByLabel('Search').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: `Take into work: ${name}` }).click();
  await page.getByText('into work: it is now Potential and yours').waitFor();
  await saveScreenshot(page, 'accounts');
  expect((await accountPage(id)).account).toMatchObject({ status: 'POTENTIAL', ownerId: manager.id });
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();

  // A call that reached the client: contact established, and a follow-up since no next step was planned.
  let result = await logActivity(page, 'CALL', 'CONTACT_MADE');
  await result.getByText('Status: Potential → Contact established').waitFor();
  await result.getByText('Follow up and plan the next step').waitFor();
  await result.getByText('Rule follow-up-without-next-step v2', { exact: false }).waitFor();

  // A next step in the past: the API's 400 is shown at the field, and nothing is logged.
  await page.getByLabel('Type', { exact: true }).selectOption('MEETING');
  await page.getByLabel('Outcome').selectOption('MEETING_HELD');
  await page.getByLabel('Next step', { exact: true }).selectOption('MEETING');
  await page.getByLabel('Next step due').fill('2020-01-01T10:00');
  await page.getByLabel('Next step title').fill('Present the offer');
  await page.getByLabel('Next step title').press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The activity was not logged' }).waitFor();
  const dueField = page.getByLabel('Next step due');
  await expect(dueField.getAttribute('aria-invalid')).resolves.toBe('true');
  const describedBy = (await dueField.getAttribute('aria-describedby'))!.split(' ').at(-1)!;
  await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toContain('must be in the future');
  const unchanged = await accountPage(id);
  expect(unchanged.account.status).toBe('CONTACT_ESTABLISHED');
  expect(unchanged.activities).toHaveLength(1);

  // Corrected, it logs: the meeting was held, with the contact chosen, and its next step is a task.
  await dueField.fill(localInput(new Date(Date.now() + 3 * 86_400_000)));
  await page.getByLabel('Contact (optional)').selectOption({ label: 'Dana Buyer' });
  await page.getByLabel('Notes').fill('Met the buyer; wants an offer.');
  await page.getByLabel('Notes').press('Control+Enter');
  result = page.getByRole('status').filter({ hasText: 'Logged: Meeting, Meeting held' });
  await result.waitFor();
  await result.getByText('Status: Contact established → Meeting held').waitFor();
  await result.getByText('Present the offer').waitFor();

  result = await logActivity(page, 'MEETING', 'CONTRACT_SIGNED');
  await result.getByText('Status: Meeting held → Contract signed').waitFor();
  result = await logActivity(page, 'FAX', 'PAYMENT_CONFIRMED');
  await result.getByText('Status: Contract signed → Client').waitFor();
  const client = await accountPage(id);
  expect(client.account.status).toBe('CLIENT');
  expect(client.statusHistory.map((change: { toStatus: string }) => change.toStatus)).toEqual(['NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT']);
  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  await timeline.getByText('Status: Contract signed → Client').waitFor();
  await timeline.getByText('Met the buyer; wants an offer.').waitFor();
  // The contact is stored on the activity, not written into its notes, and the timeline names it.
  await timeline.getByRole('listitem').filter({ hasText: 'Met the buyer; wants an offer.' }).getByText('Meeting: Meeting held with Dana Buyer').waitFor();
  const [dana] = client.contacts as { id: string; name: string }[];
  const meetingLogged = (client.activities as { outcome: string; notes: string | null; contactId: string | null; contactName: string | null }[]).find((activity) => activity.outcome === 'MEETING_HELD');
  expect(meetingLogged).toMatchObject({ notes: 'Met the buyer; wants an offer.', contactId: dana!.id, contactName: 'Dana Buyer' });
  expect(client.activities.filter((activity: { contactId: string | null }) => activity.contactId !== null)).toHaveLength(1);

  // Each open task has an escalation timer: one is moved, one is cancelled, each with a reason.
  const timers = page.getByRole('region', { name: /Pending timers/ });
  expect(client.pendingTimers.length).toBeGreaterThanOrEqual(2);
  const [moved, cancelled] = client.pendingTimers as { id: string; fireAt: string }[];
  const newTime = new Date(Date.now() + 5 * 86_400_000);
  newTime.setSeconds(0, 0);
  const secondTimerText = await timers.getByRole('listitem').filter({ hasNotText: 'nothing' }).nth(1).innerText();
  await timers.getByRole('listitem').first().getByRole('button', { name: 'Reschedule' }).click();
  await timers.getByLabel('New time').fill(localInput(newTime));
  await timers.getByLabel('Reason', { exact: true }).fill('the buyer is away next week');
  await timers.getByRole('button', { name: 'Save new time' }).click();
  await timers.getByText('rescheduled: it now fires').waitFor();
  const movedRow = await harness.app.database.db.timer.findUniqueOrThrow({ where: { id: moved!.id } });
  expect(movedRow.fireAt.toISOString()).toBe(newTime.toISOString());
  expect(movedRow.history).toEqual([expect.objectContaining({ event: 'rescheduled', reason: 'the buyer is away next week' })]);

  const cancelItem = timers.getByRole('listitem').filter({ hasNotText: 'nothing' }).first();
  // The notice shows before the list reloads; after the reload the moved timer fires later, so the other one is first.
  await eventually(async () => expect(await cancelItem.innerText()).toBe(secondTimerText));
  await cancelItem.getByRole('button', { name: 'Cancel timer' }).click();
  await timers.getByLabel('Reason for cancelling').fill('handled in person');
  await timers.getByRole('button', { name: 'Confirm cancel' }).click();
  await timers.getByText('cancelled: it will not fire').waitFor();
  const cancelledRow = await harness.app.database.db.timer.findUniqueOrThrow({ where: { id: cancelled!.id } });
  expect(cancelledRow.state).toBe('CANCELLED');
  await timeline.getByText('“handled in person”', { exact: false }).waitFor();
  await timeline.getByText('“the buyer is away next week”', { exact: false }).waitFor();
  await saveScreenshot(page, 'account');

  // My day: the follow-up is overdue, says why, links to the account, and is completed from there.
  await page.getByRole('link', { name: 'My day' }).click();
  const tasks = page.getByRole('list', { name: 'Tasks due today and overdue' });
  const followUp = tasks.getByRole('listitem').filter({ hasText: 'Follow up and plan the next step' });
  await followUp.waitFor();
  await followUp.getByText('Overdue').waitFor();
  await followUp.getByText('CALL activity', { exact: false }).waitFor();
  await followUp.getByRole('link', { name }).waitFor();
  await saveScreenshot(page, 'my-day');
  await followUp.getByRole('button', { name: 'Complete: Follow up and plan the next step' }).click();
  await page.getByText('Completed “Follow up and plan the next step”').waitFor();
  await followUp.waitFor({ state: 'detached' });
  const done = await harness.app.request.get('/api/v1/tasks').query({ state: 'done' }).set(authAs(manager));
  expect(done.body.items.map((task: { title: string; accountId: string }) => [task.title, task.accountId])).toContainEqual(['Follow up and plan the next step', id]);
});

test('on a phone-width screen the account page has no horizontal scroll', async () => {
  const name = `Phone Bakery ${Date.now()}`;
  const id = await createNewAccount(name);
  expect((await harness.app.request.post(`/api/v1/accounts/${id}/take`).set(authAs(manager))).status).toBe(200);
  const logged = await harness.app.request.post(`/api/v1/accounts/${id}/activities`).set(authAs(manager)).send({ type: 'CALL', outcome: 'REFUSED', notes: 'Not this year; call again after the summer when the new shop opens.' });
  expect(logged.status).toBe(201);
  const page = await harness.openPage({ key: manager.key, viewport: PHONE, path: `/accounts/${id}` });
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByRole('list', { name: 'Timeline, newest first' }).getByText('Recontact timer pending', { exact: false }).waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await saveScreenshot(page, 'account-phone');
});

test('the NEW pool pages by cursor: "Load more" adds the next page once, then disappears', async () => {
  const stamp = `Paging ${Date.now()}`;
  for (let batch = 0; batch < 3; batch++) {
    await Promise.all(Array.from({ length: 9 }, (_, index) => createNewAccount(`${stamp} #${batch * 9 + index + 1}`)));
  }
  const page = await harness.openPage({ key: manager.key, path: `/accounts?scope=pool&q=${encodeURIComponent(stamp)}` });
  await page.getByText('25 accounts shown, more to load').waitFor();
  await expect(page.getByLabel('Show').inputValue()).resolves.toBe('pool');
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByText('27 accounts shown').waitFor();
  await expect(page.getByRole('button', { name: 'Load more' }).count()).resolves.toBe(0);
  const names = await page.locator('tbody tr td:first-child').allTextContents();
  expect(new Set(names).size).toBe(27);
});
