import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { authAs, consoleHarnessForFile, DESKTOP, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
let marketer: { id: string; key: string };
beforeAll(async () => {
  marketer = await harness.app.userWithKey('marketer');
});
const open = (path: string, viewport = DESKTOP) => harness.openPage({ key: marketer.key, viewport, path });

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test('import: a dry run names the bad row and its column and writes nothing; the real import adds the other rows', async () => {
  const db = harness.app.database.db;
  const page = await open('/import');
  await page.getByRole('heading', { name: 'Import accounts' }).waitFor();

  // Errors the server or the page refuse before any row is read: a broken header, a file over the limit.
  await page.getByLabel('Paste the text').check();
  await page.getByLabel('CSV text', { exact: true }).fill('company,email\nAcme,dana@acme.example\n');
  await page.getByRole('button', { name: 'Check rows (dry run)' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'The import was refused' });
  // Named in words, not by the API's path.
  await expect(refused.textContent()).resolves.toContain('Account name: The header row has no account_name column');
  await expect(refused.textContent()).resolves.not.toContain('body.');
  await page.getByLabel('Upload a file').check();
  await page.getByLabel('CSV file').setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(6 * 1024 * 1024, 'a') });
  await page.getByRole('button', { name: 'Check rows (dry run)' }).click();
  await expect(refused.textContent()).resolves.toContain('at most 5.0 MB');
  const tooMany = ['account_name', ...Array.from({ length: 10_001 }, (_, index) => `Row ${index}`)].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'many.csv', mimeType: 'text/csv', buffer: Buffer.from(tooMany) });
  await page.getByRole('button', { name: 'Check rows (dry run)' }).click();
  await refused.filter({ hasText: 'Rows: has too many — keep at most 10000' }).waitFor();

  const csv = [
    'account_name,segment,contact_name,email,field.city',
    'Import Alpha,retail,Ann Alpha,ann@alpha.example,Lyon',
    'Import Beta,retail,Ben Beta,not-an-address,Paris',
    'Import Gamma,retail,Gia Gamma,gia@gamma.example,Nantes',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('button', { name: /^Import/ }).isDisabled()).resolves.toBe(true);
  await page.getByRole('button', { name: 'Check rows (dry run)' }).click();
  await page.getByRole('heading', { name: 'Dry run: what the import would do' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'Nothing was written' }).textContent()).resolves.toContain('2 of 3 rows would be imported; 1 would be rejected');
  // The rejected rows come first, with the spreadsheet row (the header is row 1) and the CSV column.
  const rows = page.getByRole('table', { name: /Rows of the file/ }).getByRole('row');
  await expect(rows.count()).resolves.toBe(2);
  await expect(rows.nth(1).getByRole('cell').allTextContents()).resolves.toEqual(['3', 'Import Beta', 'Ben Beta not-an-address', 'Rejected', 'email: Invalid email address']);
  await page.getByLabel('Rows to show').selectOption('all');
  await expect(rows.count()).resolves.toBe(4);
  await expect(rows.nth(1).getByRole('cell').allTextContents()).resolves.toEqual(['2', 'Import Alpha', 'Ann Alpha ann@alpha.example', 'New account, new contact', '']);
  await saveScreenshot(page, 'import-dry-run');
  expect(await db.account.count({ where: { name: { startsWith: 'Import ' } } })).toBe(0);

  // The real import is held on its way to the server until the page has shown its progress.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/v1/accounts/import', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await page.getByRole('status').filter({ hasText: /^Importing/ }).first().waitFor();
  await expect(page.getByRole('button', { name: 'Check rows (dry run)' }).isDisabled()).resolves.toBe(true);
  await saveScreenshot(page, 'import-progress');
  release();
  await page.getByRole('heading', { name: 'Import done' }).waitFor();
  await expect(page.getByRole('status').filter({ hasText: 'rows imported' }).textContent()).resolves.toContain('2 of 3 rows imported; 1 rejected');
  const created = page.getByRole('row', { name: /^Created/ });
  await expect(created.getByRole('cell').allTextContents()).resolves.toEqual(['2', '2']);
  const accounts = await db.account.findMany({ where: { name: { startsWith: 'Import ' } }, orderBy: { name: 'asc' } });
  expect(accounts.map((account) => [account.name, account.status, account.segment, account.fields])).toEqual([
    ['Import Alpha', 'NEW', 'retail', { city: 'Lyon' }],
    ['Import Gamma', 'NEW', 'retail', { city: 'Nantes' }],
  ]);
  const contacts = await db.contact.findMany({ where: { accountId: { in: accounts.map((account) => account.id) } }, orderBy: { email: 'asc' } });
  expect(contacts.map((contact) => [contact.name, contact.email])).toEqual([
    ['Ann Alpha', 'ann@alpha.example'],
    ['Gia Gamma', 'gia@gamma.example'],
  ]);
  expect(await noHorizontalScroll(page)).toBe(true);
  await saveScreenshot(page, 'import-report');

  const phone = await open('/import', PHONE);
  await phone.getByLabel('CSV file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await phone.getByRole('button', { name: 'Check rows (dry run)' }).click();
  // Imported a moment ago: now the same rows would only merge.
  await phone.getByLabel('Rows to show').selectOption('all');
  await expect(phone.getByRole('row', { name: /^2 Import Alpha/ }).textContent()).resolves.toContain('Adds to an existing account, contact already known: merged');
  expect(await noHorizontalScroll(phone)).toBe(true);
  await saveScreenshot(phone, 'import-phone');
});

test('templates: a bad variable is refused on its field; the created template previews for a real contact, HTML in a sandboxed frame', async () => {
  const account = await harness.app.request
    .post('/api/v1/accounts')
    .set(authAs(marketer))
    .send({ name: 'Preview Bakery', contacts: [{ name: 'Dana Preview', email: 'dana.preview@example.com' }] });
  expect(account.status).toBe(201);

  const page = await open('/templates');
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Key', { exact: true }).fill('spring-offer');
  await page.getByLabel('Name', { exact: true }).fill('Spring offer');
  await page.getByLabel('Subject').fill('Spring at {{ account.name }}');
  await page.getByLabel('Text body').fill('Hello {{ contact.nme }},\n\nOur spring offer is here.');
  await page.getByRole('button', { name: 'Create template' }).click();
  // The message sits under the field it concerns, linked to it for screen readers.
  const textBody = page.getByLabel('Text body');
  await textBody.and(page.locator('[aria-invalid="true"]')).waitFor();
  const errorId = (await textBody.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
  await expect(page.locator(`[id="${errorId}"]`).textContent()).resolves.toContain('unknown variable "contact.nme"');
  expect(await harness.app.database.db.emailTemplate.count({ where: { key: 'spring-offer' } })).toBe(0);

  await textBody.fill('Hello {{ contact.name }},\n\nOur spring offer is here.');
  await page.getByLabel('HTML body (optional)').fill('<p>Hello <strong>{{ contact.name }}</strong>, from {{ account.name }}</p><script>parent.document.title = "hacked"</script>');
  await page.getByRole('button', { name: 'Create template' }).click();
  await page.getByText('Template created.').waitFor();
  expect(page.url()).toContain('#/templates/spring-offer');

  await page.getByLabel('Find a recipient').fill('Preview Bakery');
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByLabel('Dana Preview <dana.preview@example.com> · Preview Bakery').check();
  await page.getByRole('button', { name: 'Preview for Dana Preview' }).click();
  const message = page.getByRole('region', { name: 'Rendered message' });
  await message.waitFor();
  await expect(message.textContent()).resolves.toContain('Spring at Preview Bakery');
  await expect(message.locator('pre').textContent()).resolves.toContain('Hello Dana Preview,');
  const frame = message.locator('iframe');
  await expect(frame.getAttribute('sandbox')).resolves.toBe('');
  await expect(page.frameLocator('iframe[title="HTML body as the recipient sees it"]').locator('strong').textContent()).resolves.toBe('Dana Preview');
  await expect(page.title()).resolves.not.toBe('hacked');
  expect(await noHorizontalScroll(page)).toBe(true);
  // A full-page capture leaves out-of-process frames blank: the window is made as tall as the page instead.
  await page.setViewportSize({ width: DESKTOP.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await saveScreenshot(page, 'template-preview');

  // An edit: the preview warns it shows the saved version until the change is saved, then the list shows it.
  await page.getByLabel('Subject').fill('Spring offers at {{ account.name }}');
  await page.getByText('You have unsaved changes').waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText(/^Saved at /).waitFor();
  await expect(page.getByText('You have unsaved changes').count()).resolves.toBe(0);
  expect((await harness.app.database.db.emailTemplate.findUniqueOrThrow({ where: { key: 'spring-offer' } })).subject).toBe('Spring offers at {{ account.name }}');
  await page.getByRole('link', { name: '← All templates' }).click();
  await expect(page.getByRole('row', { name: /spring-offer/ }).textContent()).resolves.toContain('Spring offers at {{ account.name }}');
});

test('the campaign return report shows the responses recorded through the API per sub-source, as a table, a chart and a CSV', async () => {
  const campaign = await harness.app.request
    .post('/api/v1/campaigns')
    .set(authAs(marketer))
    .send({
      name: 'Spring press',
      budget: { amount: 5000, currency: 'EUR' },
      sources: [
        { code: 'PRESS-A', name: 'Daily A', channel: 'press', cost: 1200 },
        { code: 'WEB-B', name: 'Web B', channel: 'web', cost: 300 },
      ],
      stages: [{ type: 'WAIT', settings: { duration: 'P1D' } }],
    });
  expect(campaign.status).toBe(201);
  const campaignId: string = campaign.body.id;
  const responses: [string, string, string][] = [
    ['PRESS-A', 'Ann Reader', 'ann@reader.example'],
    ['PRESS-A', 'Bob Reader', 'bob@reader.example'],
    ['PRESS-A', 'Cyd Reader', 'cyd@reader.example'],
    ['WEB-B', 'Wes Visitor', 'wes@visitor.example'],
  ];
  for (const [sourceCode, name, email] of responses) {
    const answer = await harness.app.request
      .post('/api/v1/responses')
      .set(authAs(marketer))
      .send({ campaignId, sourceCode, type: 'WEB_FORM', contact: { name, email, accountName: `${name} Ltd` } });
    expect(answer.status).toBe(201);
  }

  const page = await open(`/campaigns/${campaignId}/report`);
  await page.getByRole('heading', { name: 'Campaign return: Spring press' }).waitFor();
  const table = page.getByRole('table', { name: /Return by sub-source/ });
  const cells = (row: string) => table.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').allTextContents();
  // Channel, responses, accounts, new accounts, contracts, won deals, then money: revenue, pipeline, cost, cost per response, return on spend.
  const pressA = await cells('PRESS-A');
  expect(pressA.slice(0, 6)).toEqual(['press', '3', '3', '3', '0', '0']);
  expect(pressA[8]).toMatch(/1,200\.00/);
  expect(pressA[9]).toMatch(/400\.00/);
  expect(pressA[10]).toBe('0.00 ×');
  const webB = await cells('WEB-B');
  expect(webB.slice(0, 6)).toEqual(['web', '1', '1', '1', '0', '0']);
  expect(webB[9]).toMatch(/300\.00/);
  const total = await cells('Total');
  expect(total.slice(0, 5)).toEqual(['4', '4', '4', '0', '0']);
  expect(total[7]).toMatch(/1,500\.00/);

  // Chart.js drew on the canvas: some pixels are no longer transparent.
  const painted = await page.locator('canvas[role="img"]').first().evaluate((canvas: HTMLCanvasElement) => {
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let index = 3; index < pixels.length; index += 4) if (pixels[index] !== 0) count += 1;
    return count;
  });
  expect(painted).toBeGreaterThan(1000);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`campaign-return-${campaignId}.csv`);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toMatch(/^level,campaign_id,campaign,source_code,source,responses,/);
  expect(csv).toContain('PRESS-A');
  await saveScreenshot(page, 'campaign-return');

  const phone = await open(`/campaigns/${campaignId}/report`, PHONE);
  await phone.getByRole('heading', { name: 'Campaign return: Spring press' }).waitFor();
  expect(await noHorizontalScroll(phone)).toBe(true);
  await saveScreenshot(phone, 'campaign-return-phone');

  const unknown = await open('/campaigns/00000000-0000-4000-8000-000000000000/report');
  await expect(unknown.getByRole('alert').textContent()).resolves.toContain('The report could not be loaded');
});

test('the campaign return compares the target cell with the test cell (lift, interval, caveat) and lists an evergreen campaign’s enrollments', async () => {
  const db = harness.app.database.db;
  const listedAt = new Date(Date.now() - 20 * 86_400_000);
  const after = (days: number) => new Date(listedAt.getTime() + days * 86_400_000);
  const seedList = async (name: string, evergreen: boolean) => {
    const campaign = await db.campaign.create({
      data: {
        name, currency: 'EUR', status: 'RUNNING',
        ...(evergreen ? { evergreen: { segmentId: '00000000-0000-4000-8000-000000000000', schedule: { every: 'P1D' } } } : {}),
        sources: { create: [{ code: 'MAIL', name: 'Mailing' }] },
        stages: { create: [{ position: 0, type: evergreen ? 'MAILING' : 'LIST', status: 'COMPLETED', startedAt: listedAt }] },
      },
      include: { sources: true, stages: true },
    });
    return { ...campaign, sourceId: campaign.sources[0].id, stageId: campaign.stages[0].id };
  };
  /** `count` accounts of one contact each, listed in `cell`; the first `responding` respond by name after the listing. */
  const listed = async (campaign: { id: string; sourceId: string; stageId: string }, prefix: string, cell: 'TARGET' | 'TEST', count: number, responding: number, enrollmentId: string | null = null) => {
    const ids = Array.from({ length: count }, () => ({ accountId: crypto.randomUUID(), contactId: crypto.randomUUID() }));
    await db.account.createMany({ data: ids.map(({ accountId }, index) => ({ id: accountId, name: `${prefix} ${index + 1}` })) });
    await db.contact.createMany({ data: ids.map(({ accountId, contactId }, index) => ({ id: contactId, accountId, name: `${prefix} contact ${index + 1}` })) });
    await db.campaignRecipient.createMany({ data: ids.map(({ accountId, contactId }) => ({ campaignId: campaign.id, accountId, contactId, cell, listStageId: campaign.stageId, enrollmentId })) });
    await db.response.createMany({
      data: ids.slice(0, responding).map(({ accountId, contactId }) => ({ campaignId: campaign.id, sourceId: campaign.sourceId, accountId, contactId, type: 'REPLY' as const, occurredAt: after(2), createdById: marketer.id })),
    });
    return ids;
  };

  // 12 of 40 target contacts responded (30%), 5 of 30 test contacts (16.7%): the test cell has fewer than 10 responses.
  const mailed = await seedList('Autumn mailing', false);
  const target = await listed(mailed, 'Lift target', 'TARGET', 40, 12);
  await listed(mailed, 'Lift test', 'TEST', 30, 5);
  await db.opportunity.create({ data: { accountId: target[0].accountId, name: 'Autumn deal', amount: 4000, currency: 'EUR', stage: 'WON', campaignSourceId: mailed.sourceId, createdById: marketer.id } });

  const page = await open(`/campaigns/${mailed.id}/report`);
  await page.getByRole('heading', { name: 'Lift: target cell against test cell' }).waitFor();
  const cell = (name: string) => page.getByRole('group', { name });
  await expect(cell('Target cell (mailed, called)').textContent()).resolves.toMatch(/Contacts listed40.*Contacts that responded12.*Response rate \(per contact\)30\.0 %/);
  await expect(cell('Test cell (kept apart)').textContent()).resolves.toMatch(/Contacts listed30.*Contacts that responded5.*Response rate \(per contact\)16\.7 %/);
  await expect(cell('Target cell (mailed, called)').textContent()).resolves.toMatch(/Revenue per contact€100\.00/);
  const liftTable = page.getByRole('table', { name: /The lift: target minus test/ });
  // 0.3 - 0.166667 = +13.3 pts, relative +80 %; Wald interval 0.133333 ± 1.96 · sqrt(0.3·0.7/40 + 0.1667·0.8333/30) = −6.1 to +32.8 pts; z = 1.287, p = 0.1980.
  await expect(liftTable.getByRole('row', { name: /^Response rate/ }).getByRole('cell').allTextContents()).resolves.toEqual(['30.0 %', '16.7 %', '+13.3 pts', '+80.0 %', '−6.1 pts to +32.8 pts', '0.1980']);
  await expect(liftTable.getByRole('row', { name: /^Response rate/ }).textContent()).resolves.toContain('small sample');
  await expect(page.getByRole('note', { name: 'Caveats' }).textContent()).resolves.toContain("The cells are too small for the response rate's interval and p-value to be trusted");
  await expect(page.getByRole('heading', { name: 'By enrollment' }).count()).resolves.toBe(0);
  await page.getByRole('heading', { name: 'Lift: target cell against test cell' }).scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'campaign-lift');
  const phone = await open(`/campaigns/${mailed.id}/report`, PHONE);
  await phone.getByRole('heading', { name: 'Lift: target cell against test cell' }).waitFor();
  expect(await noHorizontalScroll(phone)).toBe(true);

  // An evergreen campaign: one line per enrollment, newest first.
  const evergreen = await seedList('Welcome journey', true);
  const enroll = (number: number, days: number) =>
    db.campaignEnrollment.create({ data: { campaignId: evergreen.id, number, scheduledFor: after(days), enrolledAt: after(days), status: 'COMPLETED', counts: { matched: 7, listed: 6, target: 4, testCell: 2 } } });
  const first = await enroll(1, 0);
  const second = await enroll(2, 1);
  await listed(evergreen, 'Enrolled one', 'TARGET', 4, 2, first.id);
  await listed(evergreen, 'Enrolled one test', 'TEST', 2, 0, first.id);
  await listed(evergreen, 'Enrolled two', 'TARGET', 3, 0, second.id);
  const enrolledPage = await open(`/campaigns/${evergreen.id}/report`);
  const enrollments = enrolledPage.getByRole('table', { name: /Enrollments, newest first/ });
  await enrollments.waitFor();
  const rows = enrollments.getByRole('row');
  await expect(rows.count()).resolves.toBe(3);
  await expect(rows.nth(1).getByRole('rowheader').textContent()).resolves.toMatch(/^#2/);
  // Status, matched, then target contacts, responded, rate, contracts, then the test cell's.
  await expect(rows.nth(2).getByRole('cell').allTextContents()).resolves.toEqual(['Completed', '7', '4', '2', '50.0 %', '0', '2', '0', '0.0 %', '0']);
  await expect(enrolledPage.getByRole('note', { name: 'Caveats' }).textContent()).resolves.toContain('too small');
});

test('the funnel: table and chart, filters kept in the address, a bad period named on its field', async () => {
  const page = await open('/reports');
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
  await page.getByRole('heading', { name: /accounts by status$/ }).waitFor();
  const everyone = await harness.app.database.db.account.count({ where: { archivedAt: null } });
  await expect(page.getByRole('heading', { name: /accounts by status$/ }).textContent()).resolves.toBe(`${everyone} accounts by status`);

  await page.getByLabel('Segment').fill('retail');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('heading', { name: '2 accounts by status' }).waitFor();
  expect(page.url()).toContain('#/reports?segment=retail');
  const newRow = page.getByRole('row', { name: /^New/ });
  await expect(newRow.getByRole('cell').allTextContents()).resolves.toEqual(['2', '2', '—', '—', '0']);
  await expect(page.locator('canvas[role="img"]').count()).resolves.toBe(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the funnel as CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toMatch(/^status,/);
  expect(csv[1]).toMatch(/^NEW,2,2,/);
  await saveScreenshot(page, 'funnel');

  await page.getByLabel('Created from').fill('2026-06-30');
  await page.getByLabel('Created to').fill('2026-01-01');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const to = page.getByLabel('Created to');
  await to.and(page.locator('[aria-invalid="true"]')).waitFor();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('ends (2026-01-01) before it starts (2026-06-30)');

  // The campaign returns are reached from here.
  await page.getByRole('link', { name: 'Return of Spring press' }).click();
  await page.getByRole('heading', { name: 'Campaign return: Spring press' }).waitFor();

  const phone = await open('/reports?segment=retail', PHONE);
  await phone.getByRole('heading', { name: '2 accounts by status' }).waitFor();
  expect(await noHorizontalScroll(phone)).toBe(true);
});
