import type { QueryRows } from '../../../../../saved-queries/query-results.schemas';
import { Empty } from '../../../components/notices';
import { formatDate, formatDateTime, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { href } from '../../../router';

type Column = QueryRows['columns'][number];

/** A cell as the user reads it: times and days in their format, numbers in their language's. */
function cellText(column: Column, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number') return formatNumber(value);
  if (column.type === 'date') return formatDateTime(value);
  if (column.type === 'day') return formatDate(value);
  return value;
}

/** The first rows of a saved query: the first column names the row and links to its account, the others follow. */
export function QueryRowsList({ rows }: { rows: QueryRows }) {
  if (rows.items.length === 0) return <Empty>{t('Nothing found now.')}</Empty>;
  const [first, ...others] = rows.columns;
  return (
    <ul class="tile-list">
      {rows.items.map((row) => (
        <li key={row.id}>
          <a href={href(`/accounts/${row.accountId}`)}>{first ? cellText(first, row.cells[first.field]) : t('Open account')}</a>
          {others.length > 0 && <div class="muted">{others.map((column) => `${column.label}: ${cellText(column, row.cells[column.field])}`).join(' · ')}</div>}
        </li>
      ))}
    </ul>
  );
}
