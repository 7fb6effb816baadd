import type { RequestContext } from '../auth/request-context';
import { maxDryRunAccounts, type DryRunAccount, type RuleDryRunRequest, type RuleDryRunResult } from '../rule-store/dry-run.schemas';
import { loadAllRuleVersions, loadBusinessCalendar } from '../rule-store/rule-store';
import type { AccountHistory, ReplayWindow } from './account-history';
import { actualOutcome } from './actual-outcome';
import { loadHistoryPage, openAccountCursor } from './history-queries';
import { outcomeDifferences } from './outcome-differences';
import { proposedRuleSet } from './proposed-rules';
import { inReadOnlySnapshot } from './read-only-snapshot';
import { replayAccount, type ReplayRules } from './replay-account';
import type { WindowOutcome } from './window-outcome';

const DAY_MS = 86_400_000;
/** Accounts read per page: six queries each, whatever their number of activities. */
const PAGE_SIZE = 500;

const counts = (outcome: WindowOutcome) => ({ status: outcome.status, tasks: outcome.tasks.length, timers: outcome.timers.length, emails: outcome.emails.length });

/**
 * What the proposed rules would have done over the last `days` days, next to what the current ones
 * did: every account with an activity logged or a timer fired in the window is replayed (see
 * replayAccount) and compared. Writes nothing: the history is read in one read-only snapshot, a
 * page of accounts at a time (a cursor over their ids), while the previous page is being replayed.
 */
export async function dryRunRules({ db }: RequestContext, request: RuleDryRunRequest): Promise<RuleDryRunResult> {
  const proposed = await proposedRuleSet(db, request.rules);
  const [version, calendar] = await Promise.all([loadAllRuleVersions(db), loadBusinessCalendar(db)]);
  const rules: ReplayRules = { proposed, version, calendar };

  return inReadOnlySnapshot(db, async (client) => {
    const { rows } = await client.query<{ now: Date }>('SELECT now() AS now');
    const to = rows[0].now;
    const window: ReplayWindow = { from: new Date(to.getTime() - request.days * DAY_MS), to };
    const result: RuleDryRunResult = {
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      replayed: { accounts: 0, activities: 0, timerFirings: 0 },
      totals: { accountsDiffering: 0, statusDiffers: 0, tasks: { actual: 0, proposed: 0 }, timers: { actual: 0, proposed: 0 }, emails: { actual: 0, proposed: 0 } },
      accounts: [],
      truncated: false,
    };
    const compare = (history: AccountHistory) => {
      const actual = actualOutcome(history, window);
      const replayed = replayAccount(history, window, rules);
      const { replayed: seen, totals } = result;
      seen.accounts += 1;
      seen.activities += history.activities.length;
      seen.timerFirings += history.timers.filter((timer) => timer.state === 'FIRED' && timer.settledAt && timer.settledAt >= window.from).length;
      for (const effect of ['tasks', 'timers', 'emails'] as const) {
        totals[effect].actual += actual[effect].length;
        totals[effect].proposed += replayed[effect].length;
      }
      const differences = outcomeDifferences(actual, replayed, history.account.timeZone);
      if (!differences.length) return;
      totals.accountsDiffering += 1;
      if (actual.status !== replayed.status) totals.statusDiffers += 1;
      const account: DryRunAccount = { accountId: history.account.id, accountName: history.account.name, actual: counts(actual), proposed: counts(replayed), differences };
      if (result.accounts.length < maxDryRunAccounts) result.accounts.push(account);
      else result.truncated = true;
    };

    await openAccountCursor(client, window);
    let next = loadHistoryPage(client, PAGE_SIZE);
    for (;;) {
      const page = await next;
      if (!page.length) break;
      // The next page is read while this one is replayed.
      next = page.length < PAGE_SIZE ? Promise.resolve([]) : loadHistoryPage(client, PAGE_SIZE);
      next.catch(() => undefined);
      for (const [index, history] of page.entries()) {
        compare(history);
        // Now and then, let the driver take the next page's answers off the socket.
        if (index % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return result;
  });
}
