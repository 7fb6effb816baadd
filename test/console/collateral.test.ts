import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { samplePdf } from '../collateral/support/sample-files';
import { consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer adds a brochure (refused an unknown language, named at the field), uploads a real PDF through the page, approves and downloads it, writes a directive; the seller finds both', async () => {
  const db = harness.app.database.db;
  const [marketer, seller] = await Promise.all([harness.app.userWithKey('marketer'), harness.app.userWithKey('manager')]);
  const account = await db.account.create({ data: { name: 'Brochure Buyers Ltd', ownerId: seller.id, status: 'POTENTIAL' } });

  const page = await harness.openPage({ key: marketer.key, path: '/' });
  await page.getByRole('link', { name: 'Collateral' }).click();
  await page.getByRole('heading', { name: 'Collateral', level: 1 }).waitFor();
  await page.getByText('No item matches.').waitFor();

  const form = page.getByRole('form', { name: 'New item' });
  await form.getByLabel('Item name').fill('Widget Pro brochure');
  await form.getByLabel('Item kind').selectOption('BROCHURE');
  await form.getByLabel('Item product').fill('Widget Pro');
  await form.getByLabel('Item language').fill('zz');
  await form.getByRole('button', { name: 'Create the item' }).click();
  await form.getByText('must be a BCP 47 language tag of a known language, such as en, fr or de-CH', { exact: true }).waitFor();
  expect(await db.collateralItem.count()).toBe(0);
  await form.getByLabel('Item language').fill('en');
  await form.getByRole('button', { name: 'Create the item' }).click();
  await page.getByRole('heading', { name: 'Collateral: Widget Pro brochure' }).waitFor();

  // A real PDF, chosen in the file picker and sent as the request body.
  const pdf = samplePdf('Widget Pro: the brochure');
  const upload = page.getByRole('form', { name: 'Upload a new version' });
  await upload.getByLabel('File').setInputFiles({ name: 'widget-pro.pdf', mimeType: 'application/pdf', buffer: pdf });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await page.getByText('Version 1 uploaded.').waitFor();
  await page.getByRole('row', { name: /1 \(current\) widget-pro\.pdf application\/pdf/ }).waitFor();
  const stored = await db.collateralVersion.findFirstOrThrow();
  expect(stored).toMatchObject({ number: 1, fileName: 'widget-pro.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });

  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('Approved: sellers are offered its current version.').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'widget-pro.pdf' }).click()]);
  expect(download.suggestedFilename()).toBe('widget-pro.pdf');
  expect(fs.readFileSync((await download.path())!).equals(pdf)).toBe(true);
  await saveScreenshot(page, 'collateral-item');

  await page.goto('/console/#/directives');
  const directive = page.getByRole('form', { name: 'New directive' });
  await directive.getByLabel('Title').fill('Lead with the warranty');
  await directive.getByLabel('What to say').fill('Every Widget Pro comes with three years of warranty: say it first.');
  await directive.getByLabel('Directive product').fill('Widget Pro');
  await directive.getByLabel('Valid from').fill('2027-02-01');
  await directive.getByLabel('Valid until').fill('2027-01-01');
  await directive.getByRole('button', { name: 'Save the directive' }).click();
  await directive.getByText('must not be before validFrom', { exact: true }).waitFor();
  await directive.getByLabel('Valid from').fill('');
  await directive.getByLabel('Valid until').fill('');
  await directive.getByLabel('Title').fill('Say hello from the company');
  await directive.getByLabel('Directive product').fill('');
  await directive.getByRole('button', { name: 'Save the directive' }).click();
  await page.getByText('“Say hello from the company” saved.').waitFor();
  await page.getByRole('list', { name: 'Directives' }).getByRole('heading', { name: 'Say hello from the company' }).waitFor();

  // The seller: the approved brochure in the library, the directive on the account's page.
  const sellerPage = await harness.openPage({ key: seller.key, path: `/accounts/${account.id}` });
  const card = sellerPage.getByRole('region', { name: 'Messaging directives' });
  await card.getByRole('heading', { name: 'Say hello from the company' }).waitFor();
  await card.getByText('Applies: company-wide').waitFor();
  await saveScreenshot(sellerPage, 'account-directives');
  await sellerPage.goto('/console/#/collateral');
  await sellerPage.getByRole('link', { name: 'Widget Pro brochure' }).waitFor();
  await sellerPage.getByRole('button', { name: /^Download widget-pro\.pdf/ }).waitFor();
});
