import { StatusBadge } from '../../../components/badge';
import { formatDateTime, formatNumber } from '../../../format';
import { href } from '../../../router';
import type { DryRunResult } from '../admin-types';
import { t } from '../../../i18n/i18n';
import { readableText } from '../../../field-errors';

const change = ({ actual, proposed }: { actual: number; proposed: number }) => `${formatNumber(actual)} → ${formatNumber(proposed)}`;

/** What the proposed rules would have done over the window against what really happened: totals, then each differing account. */
export function DryRunResultView({ result }: { result: DryRunResult }) {
  const { totals, replayed } = result;
  return (
    <div class="dry-run-result">
      <p>
        {t('Replayed {activities} activities and {timerFirings} timer firings of {accounts} accounts, from {from} to {to}.', { activities: formatNumber(replayed.activities), timerFirings: formatNumber(replayed.timerFirings), accounts: formatNumber(replayed.accounts), from: formatDateTime(result.window.from), to: formatDateTime(result.window.to) })}</p>
      <dl class="figures">
        <div>
          <dt>{t('Accounts that differ')}</dt>
          <dd>{formatNumber(totals.accountsDiffering)}</dd>
        </div>
        <div>
          <dt>{t('Status differs')}</dt>
          <dd>{formatNumber(totals.statusDiffers)}</dd>
        </div>
        <div>
          <dt>{t('Tasks (actual → proposed)')}</dt>
          <dd>{change(totals.tasks)}</dd>
        </div>
        <div>
          <dt>{t('Timers (actual → proposed)')}</dt>
          <dd>{change(totals.timers)}</dd>
        </div>
        <div>
          <dt>{t('E-mails (actual → proposed)')}</dt>
          <dd>{change(totals.emails)}</dd>
        </div>
      </dl>
      {result.accounts.length === 0 ? (
        <p>{t('No account would end differently: the change makes no difference over this window.')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>
              {t('Accounts that would differ')}{result.truncated ? (' ' + t('(the first {length} of {accountsDiffering})', { length: result.accounts.length, accountsDiffering: formatNumber(totals.accountsDiffering) })) : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Account')}</th>
                <th scope="col">{t('Status (actual → proposed)')}</th>
                <th scope="col" class="number">
                  {t('Tasks')}</th>
                <th scope="col" class="number">
                  {t('Timers')}</th>
                <th scope="col" class="number">
                  {t('E-mails')}</th>
                <th scope="col">{t('What differs')}</th>
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
                        <li key={index}>{readableText(difference)}</li>
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
