import { useState } from 'preact/hooks';
import { Field } from '../../../components/field';
import { Notice } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { ImportCheckView, ImportRowCheckView } from './import-result';
import { msg, t } from '../../../i18n/i18n';

type Filter = 'all' | 'rejected' | 'merged' | 'created';
const PAGE = 200;

const accountWords: Record<NonNullable<ImportRowCheckView['account']>, string> = {
  created: msg('New account'),
  existing: msg('Adds to an existing account'),
  'earlier-row': msg('Adds to the account of an earlier row'),
};
const contactWords: Record<NonNullable<ImportRowCheckView['contact']>, string> = {
  created: msg('new contact'),
  merged: msg('contact already known: merged'),
  none: msg('no contact'),
};

const matches = (filter: Filter) => (row: ImportRowCheckView) =>
  filter === 'all' ||
  (filter === 'rejected' && row.outcome === 'rejected') ||
  (filter === 'merged' && (row.account === 'existing' || row.contact === 'merged')) ||
  (filter === 'created' && (row.account === 'created' || row.contact === 'created'));

/** The dry run: what each row of the file would do, so the marketer fixes the file before importing it. */
export function ImportCheckReport({ check }: { check: ImportCheckView }) {
  const [filter, setFilter] = useState<Filter>(check.rows.some((row) => row.outcome === 'rejected') ? 'rejected' : 'all');
  const [shown, setShown] = useState(PAGE);
  const rejected = check.rows.filter((row) => row.outcome === 'rejected').length;
  const rows = check.rows.filter(matches(filter));
  return (
    <section class="card" aria-labelledby="check-heading">
      <h2 id="check-heading">{t('Dry run: what the import would do')}</h2>
      <Notice kind={rejected ? 'warning' : 'info'}>
        {t('Nothing was written. {value} of {total} rows would be imported', { value: formatNumber(check.total - rejected), total: formatNumber(check.total) })}{rejected ? t('; {rejected} would be rejected.', { rejected: formatNumber(rejected) }) : '.'}{' '}{t('New: {accounts} accounts, {contacts} contacts. Merged: {contacts2} rows into contacts already known, rows added to {accounts2} existing accounts.', { accounts: formatNumber(check.created.accounts), contacts: formatNumber(check.created.contacts), contacts2: formatNumber(check.merged.contacts), accounts2: formatNumber(check.merged.accounts) })}</Notice>
      <div class="row rows-filter">
        <Field label={t('Rows to show')}>
          {(props) => (
            <select {...props} value={filter} onChange={(event) => (setFilter(event.currentTarget.value as Filter), setShown(PAGE))}>
              <option value="all">{t('Every row ({total})', { total: formatNumber(check.total) })}</option>
              <option value="rejected">{t('Rejected rows ({rejected})', { rejected: formatNumber(rejected) })}</option>
              <option value="merged">{t('Rows merged into existing records')}</option>
              <option value="created">{t('Rows that create an account or a contact')}</option>
            </select>
          )}
        </Field>
      </div>
      <div class="table-wrap">
        <table class="check-table">
          <caption>{t('Rows of the file (the header is row 1, as a spreadsheet numbers them)')}</caption>
          <thead>
            <tr>
              <th scope="col" class="number">{t('Row')}</th>
              <th scope="col">{t('Account')}</th>
              <th scope="col">{t('Contact')}</th>
              <th scope="col">{t('Outcome')}</th>
              <th scope="col">{t('Problems')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row) => (
              <tr key={row.row} class={row.outcome === 'rejected' ? 'row-rejected' : undefined}>
                <td class="number">{row.row}</td>
                <td>{row.accountName ?? '—'}</td>
                <td>
                  {row.contactName ?? (row.email ? '' : '—')}
                  {row.email && <span class="muted"> {row.email}</span>}
                </td>
                <td>{row.outcome === 'rejected' ? <strong>{t('Rejected')}</strong> : `${t(accountWords[row.account!])}, ${t(contactWords[row.contact!])}`}</td>
                <td>
                  {row.reasons.map((reason, index) => (
                    <div key={index}>
                      <code>{reason.field}</code>: {reason.message}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p class="empty">{t('No row of this kind.')}</p>}
      {rows.length > shown && (
        <p>
          <button type="button" onClick={() => setShown(shown + PAGE)}>
            {t('Show {PAGE} more of {value} rows', { PAGE: formatNumber(Math.min(PAGE, rows.length - shown)), value: formatNumber(rows.length - shown) })}</button>
        </p>
      )}
    </section>
  );
}
