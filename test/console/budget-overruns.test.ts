import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile } from './support/console-browser';

const harness = consoleHarnessForFile();
type User = { id: string; key: string };
// Mia asks; the "Fairs 2027" budget is Olivia's, a manager whose own manager is Bob.
let marketer: User, olivia: User, bob: User;
let budgetId: string;

async function apiOk<T = any>(response: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function named(role: 'marketer' | 'manager', name: string): Promise<User> {
  const user = await harness.app.userWithKey(role);
  await harness.app.database.db.user.update({ where: { id: user.id }, data: { name } });
  return user;
}

beforeAll(async () => {
  [marketer, olivia, bob] = await Promise.all([named('marketer', 'Mia Marketing'), named('manager', 'Olivia Owner'), named('manager', 'Bob Boss')]);
  await harness.app.database.db.user.update({ where: { id: olivia.id }, data: { managerId: bob.id } });
  const budget = harness.app.request
    .post('/api/v1/budgets')
    .set(authAs(marketer))
    .send({ name: 'Fairs 2027', ownerId: olivia.id, currency: 'EUR', periodStart: '2026-01-01', periodEnd: '2030-12-31', amount: 50_000 });
  budgetId = (await apiOk<{ id: string }>(budget, 201)).id;
});

/** A DRAFT event with planned cost lines, funded by "Fairs 2027" with `funds` through the API. */
async function fundedEvent(name: string, planned: number[], funds: number) {
  const event = await harness.app.database.db.event.create({
    data: {
      name, kind: 'fair', ownerId: marketer.id, currency: 'EUR',
      startsAt: new Date(Date.now() + 7 * 86_400_000), endsAt: new Date(Date.now() + 8 * 86_400_000),
      costs: { create: planned.map((amount, position) => ({ label: `Line ${position + 1}`, planned: amount.toFixed(2), position })) },
    },
  });
  await apiOk(harness.app.request.post(`/api/v1/budgets/${budgetId}/allocations`).set(authAs(marketer)).send({ eventId: event.id, amount: funds }));
  return event;
}

const openEvent = async (user: User, id: string, name: string) => {
  const page = await harness.openPage({ key: user.key, path: `/events/${id}` });
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  return page;
};

const card = (page: Page) => page.getByRole('region', { name: 'Budget funding' });

/** Waits until a figure of the Budget funding card ("Planned cost", "Over its funding") reads `text`. */
const figureReads = (page: Page, label: string, text: string) =>
  eventually(async () => expect(await card(page).locator('dl[aria-label="Budget funding figures"]').locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent()).toBe(text));

test('a marketer refused Schedule over the funding asks for approval on the event page; the budget owner approves in the inbox and the event is scheduled', async () => {
  const db = harness.app.database.db;
  const event = await fundedEvent('Spring fair', [1_000], 1_200);
  const page = await openEvent(marketer, event.id, 'Spring fair');
  await card(page).getByRole('link', { name: 'Fairs 2027' }).waitFor();
  await figureReads(page, 'Planned cost', '1,000.00 EUR');
  await figureReads(page, 'Funds given', '1,200.00 EUR');
  await figureReads(page, 'Over its funding', '0.00 EUR');
  await card(page).getByText('Within its funding from budget "Fairs 2027".').waitFor();
  const form = page.getByRole('form', { name: 'Ask to go over budget' });
  await expect(form.count()).resolves.toBe(0);

  // The catering is added meanwhile (another tab): the refusal reloads the card, which then offers to ask.
  await db.eventCost.create({ data: { eventId: event.id, label: 'Catering', planned: '1300.50', position: 1 } });
  const explanation = `Event "Spring fair" plans 2300.50 EUR of costs; budget "Fairs 2027" gives it 1200.00 EUR: 1100.50 EUR over: ask the budget's owner to approve the overrun, or raise its funding.`;
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: `The event was not scheduled: ${explanation}` }).waitFor();
  await figureReads(page, 'Over its funding', '1,100.50 EUR');
  await figureReads(page, 'Planned cost', '2,300.50 EUR');
  await card(page).getByText(explanation, { exact: true }).waitFor();
  await expect(card(page).locator('.funding-over').count()).resolves.toBe(1);

  // The reason is required before anything is sent.
  await form.getByRole('button', { name: 'Ask for approval' }).click();
  await form.getByText('Give a reason: the approvers read it', { exact: true }).waitFor();
  await expect(form.getByLabel('Reason').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await db.budgetOverrun.count()).toBe(0);

  await form.getByLabel('Reason').fill('The caterer costs more this year');
  await form.getByLabel('Remind the approvers').selectOption({ label: 'After 3 days' });
  await form.getByRole('button', { name: 'Ask for approval' }).click();
  await card(page).getByRole('status').filter({ hasText: 'Approval asked: it waits for Olivia Owner or Bob Boss.' }).waitFor();
  const waiting = card(page).getByRole('article', { name: 'Waiting for approval: 1,100.50 EUR over' });
  await waiting.waitFor();
  await expect(waiting.textContent()).resolves.toMatch(/Asked byMia Marketing, .*ReasonThe caterer costs more this year.*May approveOlivia Owner or Bob Boss.*ReminderAfter 3 days without an answer/);
  await waiting.getByRole('button', { name: 'Withdraw the overrun request' }).waitFor();
  await card(page).getByText("its overrun request waits for the budget owner's approval.", { exact: false }).waitFor();
  await expect(form.count()).resolves.toBe(0);
  // Dates read as dates, people and budgets by name: no ISO timestamp, duration or id on show.
  expect((await card(page).textContent()) ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}T|[0-9a-f]{8}-[0-9a-f]{4}-|\bP\d+D\b/);
  expect(await db.budgetOverrun.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({ status: 'PENDING', reason: 'The caterer costs more this year', remindAfter: 'P3D', requestedById: marketer.id });

  const inbox = await harness.openPage({ key: olivia.key, path: '/approvals' });
  const item = inbox.getByRole('article', { name: 'Spring fair: 1,100.50 EUR over its funding' });
  await item.waitFor();
  await expect(item.textContent()).resolves.toContain('Mia Marketing');
  await item.getByRole('button', { name: 'Approve event "Spring fair", 1,100.50 EUR over its funding' }).click();
  await inbox.getByRole('status').filter({ hasText: 'Approved event "Spring fair", 1,100.50 EUR over its funding: it may be scheduled now, up to 2,300.50 EUR.' }).waitFor();
  await item.waitFor({ state: 'detached' });

  const again = await openEvent(marketer, event.id, 'Spring fair');
  await figureReads(again, 'Approved up to', '2,300.50 EUR');
  await card(again).getByText("approved by the budget's owner up to 2300.50 EUR.", { exact: false }).waitFor();
  await expect(card(again).getByRole('article').count()).resolves.toBe(0);
  await again.getByRole('button', { name: 'Schedule', exact: true }).click();
  await again.getByRole('status').filter({ hasText: 'Scheduled: the event is now scheduled.' }).waitFor();
  await again.getByRole('heading', { level: 1 }).filter({ hasText: 'Scheduled' }).waitFor();
  // Only a draft is held back by its budget: the card is gone once scheduled.
  await card(again).waitFor({ state: 'detached' });
  expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).status).toBe('SCHEDULED');
});

test('who asked withdraws the waiting request from the event page and may ask again; the budget owner reads it but neither withdraws nor asks', async () => {
  const db = harness.app.database.db;
  const event = await fundedEvent('Autumn fair', [900], 600);
  const asked = harness.app.request.post('/api/v1/budget-overruns').set(authAs(marketer)).send({ eventId: event.id, reason: 'Bigger stand' });
  await apiOk(asked, 201);

  const owner = await openEvent(olivia, event.id, 'Autumn fair');
  const seen = card(owner).getByRole('article', { name: 'Waiting for approval: 300.00 EUR over' });
  await seen.getByText('Bigger stand', { exact: true }).waitFor();
  await expect(seen.getByRole('button').count()).resolves.toBe(0);
  await expect(owner.getByRole('form', { name: 'Ask to go over budget' }).count()).resolves.toBe(0);

  const page = await openEvent(marketer, event.id, 'Autumn fair');
  const waiting = card(page).getByRole('article', { name: 'Waiting for approval: 300.00 EUR over' });
  await waiting.getByRole('button', { name: 'Withdraw the overrun request' }).click();
  await waiting.getByLabel('Comment (optional)').fill('Found a smaller stand');
  await waiting.getByRole('button', { name: 'Withdraw the request' }).click();
  await card(page).getByRole('status').filter({ hasText: 'Request withdrawn: the approvers are told.' }).waitFor();
  await waiting.waitFor({ state: 'detached' });
  await page.getByRole('form', { name: 'Ask to go over budget' }).waitFor();
  expect(await db.budgetOverrun.findFirstOrThrow({ where: { eventId: event.id } })).toMatchObject({ status: 'CANCELLED', comment: 'Found a smaller stand' });
});

test('a draft campaign over its funding is refused Schedule on its page, which offers to ask; approved, it is scheduled', async () => {
  const db = harness.app.database.db;
  const campaign = await db.campaign.create({ data: { name: 'Poster drive', currency: 'EUR', sources: { create: [{ code: 'POSTERS', name: 'Posters', cost: '750.00' }] } } });
  await apiOk(harness.app.request.post(`/api/v1/budgets/${budgetId}/allocations`).set(authAs(marketer)).send({ campaignId: campaign.id, amount: 500 }));

  const page = await harness.openPage({ key: marketer.key, path: `/campaigns/${campaign.id}` });
  await page.getByRole('heading', { name: 'Poster drive', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: `The campaign did not change: Campaign "Poster drive" plans 750.00 EUR of costs; budget "Fairs 2027" gives it 500.00 EUR: 250.00 EUR over` }).waitFor();
  await figureReads(page, 'Over its funding', '250.00 EUR');
  const form = page.getByRole('form', { name: 'Ask to go over budget' });
  await form.getByLabel('Reason').fill('Printing went up');
  await form.getByRole('button', { name: 'Ask for approval' }).click();
  await card(page).getByRole('article', { name: 'Waiting for approval: 250.00 EUR over' }).waitFor();

  const overrun = await db.budgetOverrun.findFirstOrThrow({ where: { campaignId: campaign.id } });
  await apiOk(harness.app.request.post(`/api/v1/budget-overruns/${overrun.id}/approve`).set(authAs(bob)).send({}));
  await page.reload();
  await figureReads(page, 'Approved up to', '750.00 EUR');
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Scheduled' }).waitFor();
  await card(page).waitFor({ state: 'detached' });
});
