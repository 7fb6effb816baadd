import type { QueryRows } from '../../../../saved-queries/query-results.schemas';
import type { SavedQueryView } from '../../../../saved-queries/saved-queries.schemas';
import { LoadMore } from '../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { downloadFile } from '../../download-file';
import { formatDate, formatDateTime, formatMoney, humanize } from '../../format';
import { t, tp } from '../../i18n/i18n';
import type { PageProps } from '../../page-route';
import { href } from '../../router';
import { useAction, useApi } from '../../use-api';
import { usePagedList } from '../../use-paged-list';
import { entityLabels } from './query-model';
import './queries.css';

type Row = QueryRows['items'][number];
type Column = QueryRows['columns'][number];

/** A cell as people read it: dates in their format and zone, amounts with the row's currency, codes in words. */
function shown(column: Column, row: Row): string {
  const value = row.cells[column.field];
  if (value === null || value === undefined || value === '') return '—';
  if (column.type === 'date') return formatDateTime(String(value));
  if (column.type === 'day') return formatDate(String(value));
  if (column.type === 'money') return formatMoney(Number(value), row.currency);
  if (column.type === 'enum') return humanize(String(value));
  return String(value);
}

/** Where a row leads: its account's page (a contact, deal, task or activity is read there). */
const rowLink = (row: Row) => href(`/accounts/${row.accountId}`);

/** /queries/:id: a saved query run now, as a paged table, with its CSV. */
export function QueryRunPage({ params }: PageProps) {
  const query = useApi<SavedQueryView>(`/queries/${params.id}`);
  const count = useApi<{ count: number }>(`/queries/${params.id}/count`);
  const list = usePagedList<Row>(`/queries/${params.id}/rows`, { limit: 50 });
  const download = useAction(() => downloadFile(`/api/v1/queries/${params.id}/rows.csv`, `${query.data?.name ?? 'query'}.csv`));
  if (query.error) return <ErrorNotice error={query.error} title={t('The saved query could not be loaded')} />;
  if (!query.data) return <Loading />;
  const columns = (list.first.data as { columns?: Column[] } | undefined)?.columns ?? [];
  const saved = query.data;
  return (
    <section>
      <div class="page-head">
        <h1>{saved.name}</h1>
        <div class="actions">
          <a href={href('/queries')}>{t('All saved queries')}</a>
          {saved.mine && <a href={href(`/queries/${saved.id}/edit`)}>{t('Edit query')}</a>}
          <button type="button" onClick={() => download.run()} disabled={download.busy}>
            {download.busy ? t('Preparing the file…') : t('Download CSV')}
          </button>
        </div>
      </div>
      <p class="muted">
        {t(entityLabels[saved.entity])}
        {count.data ? ` · ${tp(count.data.count, '{count} row', '{count} rows', { count: count.data.count })}` : ''}
        {saved.mine ? '' : ` · ${t('Shared by {name}', { name: saved.owner.name })}`}
      </p>
      <ErrorNotice error={download.error} title={t('The CSV file could not be downloaded')} />
      <ErrorNotice error={list.first.error} title={t('The rows could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Empty>{t('Nothing matches these conditions today.')}</Empty>}
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="query-rows">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th scope="col" key={column.field}>
                    {t(column.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.items.map((row) => (
                <tr key={row.id}>
                  {columns.map((column, index) => (
                    <td key={column.field}>{index === 0 ? <a href={rowLink(row)}>{shown(column, row)}</a> : shown(column, row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more rows')} errorTitle={t('More rows could not be loaded')} />
    </section>
  );
}
