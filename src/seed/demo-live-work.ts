import type { ApiClient } from './api-client';
import type { DemoAccount } from './demo-accounts';
import type { SeededPeople, SeededUser } from './demo-people';

const HOUR = 3_600_000;

const firstName = (account: DemoAccount) => account.contacts[0].name.split(' ')[0];

const QUARTER_HOUR = 15 * 60_000;

/** Later today (UTC) on a quarter hour when the day leaves room, otherwise a quarter of an hour from now. */
function laterToday(now: Date): Date {
  const endOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  const later = now.getTime() + Math.max(2 * QUARTER_HOUR, Math.min(3 * HOUR, (endOfDay - now.getTime()) / 2));
  return new Date(later - (later % QUARTER_HOUR));
}

/**
 * What managers do now, through the API: take NEW accounts into work and log their refusals (each
 * leaves a re-contact timer running 90 days in its account's workflow), and call accounts taken
 * lately, planning a call-back due today.
 */
export async function doLiveWork(api: ApiClient, accounts: DemoAccount[], people: SeededPeople): Promise<void> {
  const owners = new Map<string, SeededUser>(Object.values(people).map((user) => [user.id, user]));
  const refusals = accounts.filter((account) => account.live === 'refusal');
  const managers = [people.north, people.south];
  await Promise.all(
    refusals.map(async (account, index) => {
      const manager = managers[index % managers.length];
      await api.call(manager.apiKey, 'POST', `/accounts/${account.id}/take`);
      await api.call(manager.apiKey, 'POST', `/accounts/${account.id}/activities`, {
        type: 'CALL',
        outcome: 'REFUSED',
        contactId: account.contacts[0].id,
        notes: `${firstName(account)} is not interested this year: they renewed with their current supplier.`,
      });
      account.ownerId = manager.id;
    }),
  );
  await Promise.all(
    accounts
      .filter((account) => account.live === 'callToday')
      .map((account) =>
        api.call(owners.get(account.ownerId!)!.apiKey, 'POST', `/accounts/${account.id}/activities`, {
          type: 'CALL',
          outcome: 'NO_ANSWER',
          contactId: account.contacts[0].id,
          notes: 'No answer; the receptionist said to call back later today.',
          nextStep: { type: 'CALL', dueAt: laterToday(new Date()).toISOString(), title: `Call ${firstName(account)} back` },
        }),
      ),
  );
}
