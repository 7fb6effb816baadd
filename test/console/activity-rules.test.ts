import type { Page } from 'playwright-core';
import { publishRuleVersion } from '../support/rule-versions';
import { authAs, consoleHarnessForFile } from './support/console-browser';

const harness = consoleHarnessForFile();
let manager: { id: string; key: string };

beforeAll(async () => {
  manager = await harness.app.userWithKey('manager');
}, 90_000);

async function accountInWork(name: string): Promise<string> {
  const created = await harness.app.request.post('/api/v1/accounts').set(authAs(manager)).send({ name, timeZone: 'Europe/Paris', contacts: [{ name: 'Walk In' }] });
  expect(created.status).toBe(201);
  const id: string = created.body.account.id;
  expect((await harness.app.request.post(`/api/v1/accounts/${id}/take`).set(authAs(manager))).status).toBe(200);
  return id;
}

async function logContractSigned(page: Page) {
  await page.getByLabel('Type', { exact: true }).selectOption('MEETING');
  await page.getByLabel('Outcome').selectOption('CONTRACT_SIGNED');
  await page.getByRole('button', { name: 'Log activity' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Logged: Meeting' });
  await result.waitFor();
  return result;
}

test('when a manager logs a walk-in contract then the form says what the rules did and what they did not, and the timeline shows it under the activity', async () => {
  const name = `Walk-in Florist ${Date.now()}`;
  const id = await accountInWork(name);
  const page = await harness.openPage({ key: manager.key, path: `/accounts/${id}` });
  await page.getByRole('heading', { level: 1, name }).waitFor();

  const result = await logContractSigned(page);
  await result.getByText('Status: Potential → Contract signed').waitFor();
  const lines = result.getByRole('list', { name: 'Rules that matched the activity' });
  await lines.getByText('Applied: contract-signed v1: status POTENTIAL → CONTRACT_SIGNED').waitFor();
  await lines.getByText('Not applied: next-step-task v1: the activity planned no next step, needs one').waitFor();

  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  const entry = timeline.getByRole('listitem').filter({ hasText: 'Meeting: Contract signed' });
  await entry.getByRole('list', { name: 'Rules for this activity' }).getByText('Applied: contract-signed v1: status POTENTIAL → CONTRACT_SIGNED').waitFor();
});

test('when a rule would have moved the status but a condition failed then the form names the rule and the condition', async () => {
  const current = await harness.app.database.db.rule.findFirstOrThrow({ where: { key: 'contract-signed', isCurrent: true } });
  const old = await publishRuleVersion(harness.app.database.db, 'contract-signed', (definition) => ({ ...definition, conditions: [{ kind: 'status_in', statuses: ['CONTACT_ESTABLISHED', 'MEETING_HELD'] }] }));
  try {
    const name = `Early Signer ${Date.now()}`;
    const id = await accountInWork(name);
    const page = await harness.openPage({ key: manager.key, path: `/accounts/${id}` });
    await page.getByRole('heading', { level: 1, name }).waitFor();

    const result = await logContractSigned(page);
    await result.getByText('Status: still Potential').waitFor();
    const why = `contract-signed v${old.version}: status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD`;
    await result.getByText(`Not moved to Contract signed by rule contract-signed v${old.version}: status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD.`).waitFor();
    await result.getByRole('list', { name: 'Rules that matched the activity' }).getByText(`Not applied: ${why}`).waitFor();
    const entry = page.getByRole('list', { name: 'Timeline, newest first' }).getByRole('listitem').filter({ hasText: 'Meeting: Contract signed' });
    await entry.getByRole('list', { name: 'Rules for this activity' }).getByText(`Not applied: ${why}`).waitFor();
  } finally {
    await publishRuleVersion(harness.app.database.db, 'contract-signed', () => current.definition as Record<string, unknown>);
  }
});
