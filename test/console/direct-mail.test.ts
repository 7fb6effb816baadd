import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer starts a direct-mail run for a segment on the Direct mail page, watches it finish with the skipped contact explained, and downloads the merged PDF', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const db = harness.app.database.db;
  const { request } = harness.app;
  const template = await request.post('/api/v1/collateral').set(authAs(marketer)).send({ name: 'Spring letter', kind: 'LETTER_TEMPLATE', language: 'en' });
  await request.post(`/api/v1/collateral/${template.body.id}/letter-template`).set(authAs(marketer)).send({ text: '{{account.fields.address}}\n\nDear {{contact.name}},\n\nSpring is here.' });
  expect((await request.post(`/api/v1/collateral/${template.body.id}/approve`).set(authAs(marketer))).status).toBe(200);
  const withAddress = await db.account.create({ data: { name: 'Printers Ltd', segment: 'spring-mail', fields: { address: '3 Mill Lane, Leeds' } } });
  const without = await db.account.create({ data: { name: 'No Address Ltd', segment: 'spring-mail' } });
  await db.contact.createMany({ data: [{ accountId: withAddress.id, name: 'Ada Lovelace' }, { accountId: withAddress.id, name: 'Zoë Łukasiewicz' }, { accountId: without.id, name: 'Nobody Known' }] });
  await db.segment.create({ data: { name: 'Spring mail', criteria: { field: 'account.segment', op: 'eq', value: 'spring-mail' } } });

  const page = await harness.openPage({ key: marketer.key, path: '/' });
  await page.getByRole('link', { name: 'Direct mail' }).click();
  await page.getByRole('heading', { name: 'Direct mail', level: 1 }).waitFor();
  await page.getByText('No run yet.').waitFor();
  const form = page.getByRole('form', { name: 'Start a run' });
  await form.getByLabel('Letter template').selectOption({ label: 'Spring letter' });
  await form.getByLabel('Recipients').selectOption({ label: 'Spring mail' });
  await form.getByLabel('Output').selectOption('MERGED');
  await form.getByRole('button', { name: 'Start the run' }).click();

  await page.getByRole('heading', { name: 'Direct mail: Spring letter' }).waitFor();
  await page.getByText('2 of 3 rendered, 1 skipped').waitFor();
  await page.getByText('no postal address: {{account.fields.address}} is empty: 1').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the merged PDF' }).click()]);
  expect(download.suggestedFilename()).toBe('Spring letter - merged.pdf');
  const pdf = await PDFDocument.load(fs.readFileSync((await download.path())!));
  expect(pdf.getPageCount()).toBe(2);
  await saveScreenshot(page, 'direct-mail-run');
});
