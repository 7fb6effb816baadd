import { consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer adds a location, receives brochures, is refused a reservation over what is available (named at the copies), reserves for an event, ships to its venue and sees the usage on the event page', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const db = harness.app.database.db;
  await db.collateralItem.create({ data: { name: 'Spring brochure', kind: 'BROCHURE', language: 'en', status: 'APPROVED', createdById: marketer.id } });
  const event = await db.event.create({ data: { name: 'Lyon fair', kind: 'trade fair', ownerId: marketer.id, currency: 'EUR', venue: 'Hall 3, Eurexpo' } });

  const page = await harness.openPage({ key: marketer.key, path: '/' });
  await page.getByRole('link', { name: 'Stock' }).click();
  await page.getByRole('heading', { name: 'Stock', level: 1 }).waitFor();
  await page.getByText('No stock yet: receive copies of an item at a location.').waitFor();

  const locationForm = page.getByRole('form', { name: 'New location' });
  await locationForm.getByLabel('Location name').fill('Paris warehouse');
  await locationForm.getByRole('button', { name: 'Add the location' }).click();
  await page.getByText('Location “Paris warehouse” added.').waitFor();

  const receive = page.getByRole('form', { name: 'Receive copies' });
  await receive.getByLabel('Item').selectOption({ label: 'Spring brochure' });
  await receive.getByLabel('Location').selectOption({ label: 'Paris warehouse' });
  await receive.getByLabel('Copies received').fill('100');
  await receive.getByLabel('Unit cost').fill('0.35');
  await receive.getByRole('button', { name: 'Receive' }).click();
  await page.getByText('Received: Spring brochure at Paris warehouse has 100 on hand.').waitFor();
  const stockRow = page.getByRole('table', { name: 'Stock by item and location' }).getByRole('row', { name: /Spring brochure/ });
  await stockRow.getByText('35.00 EUR').waitFor();

  const reserve = page.getByRole('form', { name: 'Reserve copies' });
  await reserve.getByLabel('Item to reserve').selectOption({ label: 'Spring brochure' });
  await reserve.getByLabel('From location').selectOption({ label: 'Paris warehouse' });
  await reserve.getByLabel('Event').selectOption({ label: 'Lyon fair' });
  await reserve.getByLabel('Copies').fill('150');
  await reserve.getByRole('button', { name: 'Reserve' }).click();
  await reserve.getByText('"Spring brochure" at "Paris warehouse" has 100 available: 150 is 50 over').waitFor();
  await reserve.getByText('50 over what is available: send waitlist: true to wait for stock', { exact: true }).waitFor();
  expect(await db.collateralReservation.count()).toBe(0);
  await reserve.getByLabel('Copies').fill('80');
  await reserve.getByRole('button', { name: 'Reserve' }).click();
  await page.getByText('Reserved 80 × Spring brochure for Lyon fair.').waitFor();
  await stockRow.locator('td').nth(3).filter({ hasText: /^20$/ }).waitFor();
  await saveScreenshot(page, 'collateral-stock');

  await page.getByRole('button', { name: 'Ship 80 Spring brochure for Lyon fair' }).click();
  await page.getByRole('form', { name: 'Ship the reservation for Lyon fair' }).getByRole('button', { name: 'Ship it' }).click();
  await page.getByText('Shipped 80 × Spring brochure to Hall 3, Eurexpo (28.00 EUR).').waitFor();
  await page.getByText('No copies reserved or waiting.').waitFor();
  await stockRow.getByText('7.00 EUR').waitFor();

  await page.goto(`/console/#/events/${event.id}`);
  const usage = page.getByRole('region', { name: 'Collateral used' });
  await usage.getByText('Printed collateral: 28.00 EUR').waitFor();
  await usage.getByRole('row', { name: /Spring brochure/ }).getByText('28.00 EUR').waitFor();
});
