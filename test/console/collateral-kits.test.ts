import fs from 'node:fs';
import { seedRecipients } from '../campaigns/workflow/helpers';
import { libraryItem } from '../collateral/support/library-items';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer makes a kit on the Kits page (refused without a target, named at the field), orders its items, archives it, and attaches an item to a mailing in the campaign builder', async () => {
  const db = harness.app.database.db;
  const marketer = await harness.app.userWithKey('marketer');
  const as = { Authorization: `Bearer ${marketer.key}` };
  const brochure = await libraryItem(harness.app, marketer, { name: 'Console brochure' });
  const datasheet = await libraryItem(harness.app, marketer, { name: 'Console datasheet', kind: 'DATASHEET' });
  await libraryItem(harness.app, marketer, { name: 'Console draft', status: 'DRAFT' });

  const page = await harness.openPage({ key: marketer.key, path: '/collateral' });
  await page.getByRole('link', { name: 'Kits' }).click();
  await page.getByRole('heading', { name: 'Kits', level: 1 }).waitFor();
  await page.getByText('No kit.').waitFor();

  const form = page.getByRole('form', { name: 'New kit' });
  await form.getByLabel('Kit name').fill('Phone kit');
  // Only approved items are offered.
  await expect(form.getByLabel('Approved item').locator('option').allTextContents()).resolves.toEqual(['Choose an item…', expect.stringContaining('Console datasheet'), expect.stringContaining('Console brochure')]);
  await form.getByLabel('Approved item').selectOption(brochure.id);
  await form.getByRole('button', { name: 'Add the item' }).click();
  await form.getByLabel('Approved item').selectOption(datasheet.id);
  await form.getByRole('button', { name: 'Add the item' }).click();
  await form.getByRole('button', { name: 'Move Console datasheet up' }).click();
  await form.getByRole('button', { name: 'Save the kit' }).click();
  await form.getByText('a kit is for a segment, a channel or both: give segmentId or channel', { exact: true }).waitFor();
  expect(await db.collateralKit.count()).toBe(0);

  await form.getByLabel('Channel').selectOption('PHONE');
  await form.getByRole('button', { name: 'Save the kit' }).click();
  await page.getByText('“Phone kit” saved.').waitFor();
  const kits = page.getByRole('list', { name: 'Kits' });
  await kits.getByRole('heading', { name: 'Phone kit' }).waitFor();
  await expect(kits.getByRole('list', { name: 'Items of Phone kit' }).getByRole('listitem').allTextContents()).resolves.toEqual([expect.stringContaining('Console datasheet'), expect.stringContaining('Console brochure')]);
  const kit = await db.collateralKit.findFirstOrThrow({ include: { items: { orderBy: { position: 'asc' } } } });
  expect(kit.items.map((entry) => entry.itemId)).toEqual([datasheet.id, brochure.id]);

  await kits.getByRole('button', { name: 'Archive “Phone kit”' }).click();
  await page.getByText('“Phone kit” archived.').waitFor();
  expect((await db.collateralKit.findUniqueOrThrow({ where: { id: kit.id } })).status).toBe('ARCHIVED');

  // The campaign builder: a mailing attaches the brochure as a file; a row left empty is named.
  const segment = await harness.app.request.post('/api/v1/segments').set(as).send({ name: 'Kit console segment', criteria: { field: 'account.segment', op: 'eq', value: 'kits' } });
  await harness.app.request.post('/api/v1/templates').set(as).send({ key: 'kit-console', name: 'Kit console', subject: 'Hello', text: 'Hello. {{ unsubscribeUrl }}' });
  await page.goto('/console/#/campaigns/new');
  await page.getByRole('heading', { name: 'New campaign' }).waitFor();
  await page.getByLabel('Campaign name').fill('Campaign with a brochure');
  await page.getByLabel('Segment', { exact: true }).selectOption(segment.body.id);
  await page.getByLabel('Template').selectOption('kit-console');
  await page.getByRole('button', { name: 'Add an attachment' }).click();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('give exactly one of itemId and kitId', { exact: true }).waitFor();
  await page.getByLabel('Attachment 1').selectOption(`item:${brochure.id}`);
  await page.getByLabel('Sent as').selectOption('file');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft “Campaign with a brochure” saved with 2 stages (status draft).').waitFor();
  const campaign = await db.campaign.findFirstOrThrow({ where: { name: 'Campaign with a brochure' }, include: { stages: { orderBy: { position: 'asc' } } } });
  expect(campaign.stages[1].settings).toMatchObject({ attachments: [{ itemId: brochure.id, as: 'file' }] });
});

test('a seller’s call task made by a campaign shows its call script and kit on the account page, and the script downloads', async () => {
  const db = harness.app.database.db;
  const [marketer, seller] = await Promise.all([harness.app.userWithKey('marketer'), harness.app.userWithKey('manager')]);
  const as = authAs(marketer);
  const tag = `kitcall${Date.now()}`;
  await seedRecipients(harness.app, tag, 1, 'kits.test');
  const account = await db.account.findFirstOrThrow({ where: { segment: tag } });
  await db.account.update({ where: { id: account.id }, data: { ownerId: seller.id } });
  const script = await libraryItem(harness.app, marketer, { name: 'Console call script', kind: 'CALL_SCRIPT', fileName: 'call-script.pdf' });
  const flyer = await libraryItem(harness.app, marketer, { name: 'Console flyer', kind: 'FLYER' });
  const kit = await harness.app.request.post('/api/v1/collateral-kits').set(as).send({ name: 'Console phone kit', channel: 'PHONE', itemIds: [flyer.id] });
  const segment = await harness.app.request.post('/api/v1/segments').set(as).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  const campaign = await harness.app.request
    .post('/api/v1/campaigns')
    .set(as)
    .send({
      name: `Calls ${tag}`,
      stages: [
        { type: 'LIST', startAt: new Date(Date.now() + 2000).toISOString(), settings: { segmentId: segment.body.id } },
        { type: 'CALL_TASKS', settings: { title: 'Call with the script', callScriptItemId: script.id, kitId: kit.body.id } },
      ],
    });
  expect((await harness.app.request.post(`/api/v1/campaigns/${campaign.body.id}/schedule`).set(as)).status).toBe(200);
  await eventually(async () => expect((await harness.app.request.get(`/api/v1/campaigns/${campaign.body.id}`).set(as)).body.status).toBe('COMPLETED'));

  const page = await harness.openPage({ key: seller.key, path: `/accounts/${account.id}` });
  const task = page.getByRole('region', { name: /^Open tasks/ }).getByRole('listitem').filter({ hasText: 'Call with the script' });
  await task.getByText('Kit: Console phone kit').waitFor();
  await task.getByRole('button', { name: 'Download Console flyer' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), task.getByRole('button', { name: 'Download Console call script' }).click()]);
  expect(download.suggestedFilename()).toBe('call-script.pdf');
  expect(fs.readFileSync((await download.path())!).equals(script.bytes)).toBe(true);
});
