import { StatusBadge } from '../../../components/badge';
import { formatDateTime, formatNumber } from '../../../format';
import { href } from '../../../router';
import type { DryRunResult } from '../admin-types';

const change = ({ actual, proposed }: { actual: number; proposed: number }) => `${formatNumber(actual)} → ${formatNumber(proposed)}`;

/** What the proposed rules would have done over the window against what really happened: totals, then each differing account. */
export function DryRunResultView({ result }: { result: DryRunResult }) {
  const { totals, replayed } = result;
  return (
    <div class="dry-run-result">
      <p>
        Replayed {formatNumber(replayed.activities)} activities and {formatNumber(replayed.timerFirings)} timer firings of {formatNumber(replayed.accounts)} accounts, from{' '}
        {formatDateTime(result.window.from)} to {formatDateTime(result.window.to)}.
      </p>
      <dl class="figures">
        <div>
          <dt>Accounts that differ</dt>
          <dd>{formatNumber(totals.accountsDiffering)}</dd>
        </div>
        <div>
          <dt>Status differs</dt>
          <dd>{formatNumber(totals.statusDiffers)}</dd>
        </div>
        <div>
          <dt>Tasks (actual → proposed)</dt>
          <dd>{change(totals.tasks)}</dd>
        </div>
        <div>
          <dt>Timers (actual → proposed)</dt>
          <dd>{change(totals.timers)}</dd>
        </div>
        <div>
          <dt>E-mails (actual → proposed)</dt>
          <dd>{change(totals.emails)}</dd>
        </div>
      </dl>
      {result.accounts.length === 0 ? (
        <p>No account would end differently: the change makes no difference over this window.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>
              Accounts that would differ{result.truncated ? ` (the first ${result.accounts.length} of ${formatNumber(totals.accountsDiffering)})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Status (actual → proposed)</th>
                <th scope="col" class="number">
                  Tasks
                </th>
                <th scope="col" class="number">
                  Timers
                </th>
                <th scope="col" class="number">
                  E-mails
                </th>
                <th scope="col">What differs</th>
              </tr>
            </thead>
            <tbody>
              {result.accounts.map((account) => (
                <tr key={account.accountId}>
                  <th scope="row">
                    <a href={href(`/accounts/${account.accountId}`)}>{account.accountName}</a>
                  </th>
                  <td>
                    {account.actual.status ? <StatusBadge status={account.actual.status} /> : '—'} →{' '}
                    {account.proposed.status ? <StatusBadge status={account.proposed.status} /> : '—'}
                  </td>
                  <td class="number">{change({ actual: account.actual.tasks, proposed: account.proposed.tasks })}</td>
                  <td class="number">{change({ actual: account.actual.timers, proposed: account.proposed.timers })}</td>
                  <td class="number">{change({ actual: account.actual.emails, proposed: account.proposed.emails })}</td>
                  <td>
                    <ul class="plain">
                      {account.differences.map((difference, index) => (
                        <li key={index}>{difference}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
