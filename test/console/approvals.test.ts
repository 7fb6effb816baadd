import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { planSeeds } from '../plans/progress/plan-seeds';
import { authAs, consoleHarnessForFile, DESKTOP, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
type User = { id: string; key: string };
let marketer: User, author: User, executive: User;
const year = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  [marketer, author, executive] = await Promise.all([harness.app.userWithKey('marketer'), harness.app.userWithKey('manager'), harness.app.userWithKey('manager')]);
  const db = harness.app.database.db;
  await db.user.update({ where: { id: executive.id }, data: { name: 'Erin Executive' } });
  await db.user.update({ where: { id: author.id }, data: { name: 'Sam Sales' } });
  await db.user.update({ where: { id: marketer.id }, data: { name: 'Mia Marketing' } });
});

async function apiOk<T = any>(response: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** An annual plan with quarters and an objective, some won deals and visits, submitted to the executive. */
async function submittedPlan(name: string) {
  const { request } = harness.app;
  const plan = await apiOk(
    request.post('/api/v1/plans').set(authAs(author)).send({ name, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, revenueTarget: 400_000, currency: 'EUR', goals: ['enable sampling'], approverIds: [executive.id], quarterlyChildren: true }),
    201,
  );
  const objective = await apiOk(request.post(`/api/v1/plans/${plan.id}/objectives`).set(authAs(author)).send({ name: 'Two visits per key account', kind: 'VISITS', target: 12, unit: 'visits' }), 201);
  const seeds = planSeeds(harness.app);
  const accounts = await Promise.all(['Acme Foods', 'Borealis Pharma', 'Cobalt Retail'].map((accountName) => seeds.ownedAccount(author.id, `${accountName} ${name}`)));
  await seeds.applyObjective(objective.id, accounts.map((account) => account.id));
  for (const [index, account] of accounts.entries()) await seeds.appliedActivities(account.id, author.id, 3 - index, { objectiveId: objective.id });
  for (const [index, amount] of [60_000, 45_000].entries()) {
    await apiOk(request.post('/api/v1/opportunities').set(authAs(author)).send({ accountId: accounts[index].id, name: `Deal ${index}`, amount, currency: 'EUR', stage: 'WON', planId: plan.children[index].id }), 201);
  }
  await apiOk(request.post('/api/v1/opportunities').set(authAs(author)).send({ accountId: accounts[2].id, name: 'Deal open', amount: 80_000, currency: 'EUR', stage: 'PROPOSAL', planId: plan.children[1].id }), 201);
  await apiOk(request.post(`/api/v1/plans/${plan.id}/submit`).set(authAs(author)));
  return { plan, objective, accounts };
}

/** A campaign whose first stage, an APPROVAL starting in a second, waits for the executive. */
async function campaignAwaitingApproval(name: string) {
  const { request } = harness.app;
  const created = await apiOk(
    request.post('/api/v1/campaigns').set(authAs(marketer)).send({
      name,
      stages: [
        { type: 'APPROVAL', name: 'Budget sign-off', startAt: new Date(Date.now() + 1000).toISOString(), settings: { approverIds: [executive.id] } },
        { type: 'WAIT', settings: { duration: 'PT1H' } },
      ],
    }),
    201,
  );
  await apiOk(request.post(`/api/v1/campaigns/${created.id}/schedule`).set(authAs(marketer)));
  await eventually(async () => expect((await apiOk(request.get(`/api/v1/campaigns/${created.id}`).set(authAs(marketer)))).stages[0].status).toBe('RUNNING'));
  return created.id as string;
}

/** Signs in straight onto a console page: the role's home page is not what these tests are about. */
const openAt = (user: User, path: string, viewport = DESKTOP) => harness.openPage({ key: user.key, viewport, path });

const noHorizontalScroll = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

test('an executive approves a plan and rejects a campaign stage from the inbox; both leave it and the API shows the outcome', async () => {
  const planName = `Key accounts ${year}`;
  const campaignName = `Spring mailing ${year}`;
  const { plan } = await submittedPlan(planName);
  const campaignId = await campaignAwaitingApproval(campaignName);

  const page = await openAt(executive, '/plans');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Approvals (2 waiting)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Approvals' }).waitFor();
  const planCard = page.getByRole('article', { name: planName });
  const stageCard = page.getByRole('article', { name: `${campaignName}: Budget sign-off` });
  await planCard.waitFor();
  await stageCard.waitFor();
  await expect(planCard.textContent()).resolves.toContain('Sam Sales');
  await expect(stageCard.textContent()).resolves.toContain('Mia Marketing');
  await saveScreenshot(page, 'approvals-inbox');

  // By keyboard: from the comment, Tab reaches Approve and Enter sends it.
  await planCard.getByLabel('Comment or reason').fill('Ambitious but fair');
  await page.keyboard.press('Tab');
  await expect(planCard.getByRole('button', { name: `Approve plan "${planName}"` }).evaluate((button) => button === document.activeElement)).resolves.toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `Approved plan "${planName}": the plan is now Approved.` }).waitFor();
  await planCard.waitFor({ state: 'detached' });

  // A rejection needs a reason: without one the form says so and sends nothing.
  const reject = stageCard.getByRole('button', { name: `Reject campaign "${campaignName}", stage "Budget sign-off"` });
  await reject.click();
  await stageCard.getByText('Give a reason to reject').waitFor();
  await expect(stageCard.getByLabel('Comment or reason').getAttribute('aria-invalid')).resolves.toBe('true');
  await stageCard.getByLabel('Comment or reason').fill('Budget not signed yet');
  await reject.click();
  await page.getByRole('status').filter({ hasText: `Rejected campaign "${campaignName}"` }).waitFor();
  await page.getByText('Nothing waits for your decision.').waitFor();
  await nav.getByRole('link', { name: 'Approvals', exact: true }).waitFor();

  const { request } = harness.app;
  expect(await apiOk(request.get(`/api/v1/plans/${plan.id}`).set(authAs(author)))).toMatchObject({ status: 'APPROVED', decidedById: executive.id });
  await eventually(async () => expect(await apiOk(request.get(`/api/v1/campaigns/${campaignId}`).set(authAs(marketer)))).toMatchObject({ status: 'REJECTED', endReason: 'Budget not signed yet' }));
  expect((await apiOk(request.get('/api/v1/approvals').set(authAs(executive)))).counts.total).toBe(0);
});

test('the plan page shows its quarters and progress charts, and applying it to all accounts shows its progress until done', async () => {
  const planName = `Growth ${year}`;
  const { plan } = await submittedPlan(planName);
  const page = await openAt(author, `/plans/${plan.id}`);
  await page.getByRole('heading', { level: 1, name: planName }).waitFor();

  const quarters = page.getByRole('table', { name: 'Child plans' });
  await quarters.getByRole('link', { name: `${planName} Q4` }).waitFor();
  await expect(quarters.getByRole('row').count()).resolves.toBe(5);
  const revenueChart = page.getByRole('img', { name: /^Revenue against target in EUR/ });
  await revenueChart.waitFor();
  // Chart.js drew on the canvas: it has a size and pixels that are not blank.
  await expect(revenueChart.evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.toDataURL() !== document.createElement('canvas').toDataURL())).resolves.toBe(true);
  const revenueTable = page.getByRole('table', { name: 'Revenue of the plan and its quarters' });
  await expect(revenueTable.getByRole('row', { name: new RegExp(`${planName} Q1`) }).textContent()).resolves.toContain('60,000');
  await page.getByRole('img', { name: /^Two visits per key account: done per account/ }).waitFor();
  await expect(page.getByRole('table', { name: 'Two visits per key account: done per account' }).getByRole('row').count()).resolves.toBe(4);
  await saveScreenshot(page, 'plan');

  const accountCount = await harness.app.database.db.account.count({ where: { archivedAt: null } });
  await page.getByRole('radio', { name: 'All accounts' }).check();
  // The console names the application itself, so it can follow its progress while the POST runs.
  const applyRequest = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/apply'));
  const firstPoll = page.waitForRequest((request) => request.method() === 'GET' && request.url().includes('/plan-applications/'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  const { applicationId } = (await applyRequest).postDataJSON() as { applicationId: string };
  expect((await firstPoll).url()).toContain(`/plan-applications/${applicationId}`);
  const done = page.getByRole('status').filter({ hasText: `Done: ${accountCount} accounts matched, ${accountCount} newly applied, 0 already applied.` });
  await done.waitFor();
  await expect(page.getByRole('progressbar', { name: 'Accounts matched' }).getAttribute('value')).resolves.toBe(String(accountCount));
  expect(await harness.app.database.db.planApplication.findUniqueOrThrow({ where: { id: applicationId } })).toMatchObject({ state: 'COMPLETED', matched: accountCount });
  await page.getByText(`Accounts applied${accountCount}`).waitFor();
  await saveScreenshot(page, 'plan-progress');

  // An objective to chosen accounts, found by name: one it already applied to, one new.
  await planSeeds(harness.app).ownedAccount(author.id, `Extra ${planName}`);
  const alreadyApplied = `Acme Foods ${planName}`;
  await page.getByLabel('What to apply').selectOption({ label: 'Objective "Two visits per key account"' });
  await page.getByRole('radio', { name: 'Chosen accounts' }).check();
  await page.getByLabel('Find accounts').fill(alreadyApplied);
  await page.getByRole('checkbox', { name: alreadyApplied }).check();
  await page.getByLabel('Find accounts').fill(`Extra ${planName}`);
  await page.getByRole('checkbox', { name: `Extra ${planName}` }).check();
  await page.getByText('2 accounts chosen').waitFor();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Done: 2 accounts matched, 1 newly applied, 1 already applied.' }).waitFor();
  await page.getByText('applied to 4 accounts').waitFor();
  expect((await apiOk(harness.app.request.get(`/api/v1/plans/${plan.id}`).set(authAs(author)))).accountsApplied).toBe(accountCount);

  // The list: top-level plans by default, filtered by status.
  await page.getByRole('link', { name: 'All plans' }).click();
  await page.getByRole('heading', { level: 1, name: 'Business plans' }).waitFor();
  await page.getByLabel('Status').selectOption('SUBMITTED');
  await page.getByRole('link', { name: planName, exact: true }).waitFor();
  await expect(page.getByRole('link', { name: `${planName} Q1` }).count()).resolves.toBe(0);
  await saveScreenshot(page, 'plans');
  await page.getByLabel('Status').selectOption('APPROVED');
  await page.getByRole('link', { name: planName, exact: true }).waitFor({ state: 'detached' });
});

test('an approver rejects a plan on its page with a reason; the page shows the new status and the reason in its history', async () => {
  const planName = `Expansion ${year}`;
  const { plan } = await submittedPlan(planName);
  const page = await openAt(executive, `/plans/${plan.id}`);
  const approval = page.getByRole('region', { name: 'Approval' });
  await approval.getByLabel('Comment or reason').fill('Targets too low for Q3');
  await approval.getByRole('button', { name: `Reject plan "${planName}"` }).click();
  await approval.getByText('Rejected: the plan is Rejected and goes back to its author.').waitFor();
  await page.locator('dd', { hasText: 'Targets too low for Q3' }).waitFor();
  await page.getByRole('region', { name: 'History' }).getByText(/Targets too low for Q3/).waitFor();
  expect(await apiOk(harness.app.request.get(`/api/v1/plans/${plan.id}`).set(authAs(author)))).toMatchObject({ status: 'REJECTED', rejectionReason: 'Targets too low for Q3' });
});

test('a manager creates an annual plan with quarters and an objective from the console and submits it; bad input is named', async () => {
  const page = await openAt(author, '/plans', PHONE);
  await page.getByRole('heading', { level: 1, name: 'Business plans' }).waitFor();
  await page.getByRole('link', { name: 'New plan' }).click();
  const planName = `Sampling ${year}`;
  await page.getByLabel('Name', { exact: true }).fill(planName);
  await page.getByLabel('Period start').fill(`${year}-12-31`);
  await page.getByLabel('Period end').fill(`${year}-01-01`);
  await page.getByLabel('Revenue target').fill('120000');
  await page.getByLabel('Qualitative goals').fill('enable sampling\ntwo visits per key account');
  await page.getByRole('group', { name: 'Approvers' }).getByLabel(/Erin Executive/).check();
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.getByRole('alert').filter({ hasText: 'The plan was not created' }).waitFor();
  await expect(page.getByLabel('Period end').getAttribute('aria-invalid')).resolves.toBe('true');

  await page.getByLabel('Period start').fill(`${year}-01-01`);
  await page.getByLabel('Period end').fill(`${year}-12-31`);
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.getByRole('heading', { level: 1, name: planName }).waitFor();
  await page.getByText('Plan created as a draft, with 4 quarterly plans').waitFor();

  await page.getByLabel('Objective name').fill('Enable sampling');
  await page.getByLabel('What is counted').fill('SAMPLING');
  await page.getByLabel('Target', { exact: true }).fill('0');
  await page.getByLabel('Unit').fill('samples');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByRole('alert').filter({ hasText: 'The objective was not added' }).waitFor();
  await expect(page.getByLabel('Target', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
  await page.getByLabel('Target', { exact: true }).fill('50');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByRole('heading', { level: 3, name: 'Enable sampling' }).waitFor();

  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await page.getByText('Submitted for approval: the plan is Submitted.').waitFor();
  await noHorizontalScroll(page);
  await saveScreenshot(page, 'plan-phone');

  const created = (await apiOk(harness.app.request.get('/api/v1/plans?parentId=none&limit=200').set(authAs(author)))).items.find((item: { name: string }) => item.name === planName);
  expect(created).toMatchObject({ status: 'SUBMITTED', revenueTarget: 120_000, approverIds: [executive.id], goals: ['enable sampling', 'two visits per key account'] });
  const inbox = await apiOk(harness.app.request.get('/api/v1/approvals').set(authAs(executive)));
  expect(inbox.items.map((item: { planName?: string }) => item.planName)).toContain(planName);
});

test('when another approver decided first then the inbox says so and the item leaves it', async () => {
  const { request } = harness.app;
  const other = await harness.app.userWithKey('admin');
  const planName = `Partners ${year}`;
  const plan = await apiOk(request.post('/api/v1/plans').set(authAs(author)).send({ name: planName, periodStart: `${year}-01-01`, periodEnd: `${year}-06-30`, approverIds: [executive.id, other.id] }), 201);
  await apiOk(request.post(`/api/v1/plans/${plan.id}/submit`).set(authAs(author)));
  const page = await openAt(executive, '/approvals');
  const card = page.getByRole('article', { name: planName });
  await card.waitFor();
  await apiOk(request.post(`/api/v1/plans/${plan.id}/approve`).set(authAs(other)).send({}));
  await card.getByRole('button', { name: `Approve plan "${planName}"` }).click();
  await page.getByRole('status').filter({ hasText: `Not recorded for plan "${planName}"` }).waitFor();
  await card.waitFor({ state: 'detached' });
});
