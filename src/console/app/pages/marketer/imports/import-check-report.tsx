import { useState } from 'preact/hooks';
import { Field } from '../../../components/field';
import { Notice } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { ImportCheckView, ImportRowCheckView } from './import-result';

type Filter = 'all' | 'rejected' | 'merged' | 'created';
const PAGE = 200;

const accountWords: Record<NonNullable<ImportRowCheckView['account']>, string> = {
  created: 'New account',
  existing: 'Adds to an existing account',
  'earlier-row': 'Adds to the account of an earlier row',
};
const contactWords: Record<NonNullable<ImportRowCheckView['contact']>, string> = {
  created: 'new contact',
  merged: 'contact already known: merged',
  none: 'no contact',
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
      <h2 id="check-heading">Dry run: what the import would do</h2>
      <Notice kind={rejected ? 'warning' : 'info'}>
        Nothing was written. {formatNumber(check.total - rejected)} of {formatNumber(check.total)} rows would be imported
        {rejected ? `; ${formatNumber(rejected)} would be rejected.` : '.'} New: {formatNumber(check.created.accounts)} accounts, {formatNumber(check.created.contacts)} contacts.
        Merged: {formatNumber(check.merged.contacts)} rows into contacts already known, rows added to {formatNumber(check.merged.accounts)} existing accounts.
      </Notice>
      <div class="row rows-filter">
        <Field label="Rows to show">
          {(props) => (
            <select {...props} value={filter} onChange={(event) => (setFilter(event.currentTarget.value as Filter), setShown(PAGE))}>
              <option value="all">Every row ({formatNumber(check.total)})</option>
              <option value="rejected">Rejected rows ({formatNumber(rejected)})</option>
              <option value="merged">Rows merged into existing records</option>
              <option value="created">Rows that create an account or a contact</option>
            </select>
          )}
        </Field>
      </div>
      <div class="table-wrap">
        <table class="check-table">
          <caption>Rows of the file (the header is row 1, as a spreadsheet numbers them)</caption>
          <thead>
            <tr>
              <th scope="col" class="number">Row</th>
              <th scope="col">Account</th>
              <th scope="col">Contact</th>
              <th scope="col">Outcome</th>
              <th scope="col">Problems</th>
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
                <td>{row.outcome === 'rejected' ? <strong>Rejected</strong> : `${accountWords[row.account!]}, ${contactWords[row.contact!]}`}</td>
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
      {rows.length === 0 && <p class="empty">No row of this kind.</p>}
      {rows.length > shown && (
        <p>
          <button type="button" onClick={() => setShown(shown + PAGE)}>
            Show {formatNumber(Math.min(PAGE, rows.length - shown))} more of {formatNumber(rows.length - shown)} rows
          </button>
        </p>
      )}
    </section>
  );
}
