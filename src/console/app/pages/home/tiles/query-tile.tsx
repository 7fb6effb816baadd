import type { QueryCount, QueryRows, QuerySum } from '../../../../../saved-queries/query-results.schemas';
import type { SavedQueryView } from '../../../../../saved-queries/saved-queries.schemas';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatMoney, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { useApi } from '../../../use-api';
import type { HomeTile } from '../home-tiles';
import { QueryRowsList } from './query-rows-list';
import { TileCard } from './tile-card';

type Settings = Extract<HomeTile, { kind: 'saved-query' }>['settings'];

/** A saved query as a list of its first rows, a count, or a sum of amounts per currency. */
export function QueryTile({ headingId, settings }: { headingId: string; settings: Settings }) {
  const path = `/queries/${settings.queryId}`;
  const query = useApi<SavedQueryView>(path);
  const rows = useApi<QueryRows>(settings.display === 'list' ? `${path}/rows` : null, { limit: settings.limit });
  const count = useApi<QueryCount>(settings.display === 'count' ? `${path}/count` : null);
  const sum = useApi<QuerySum>(settings.display === 'sum' ? `${path}/sum` : null, { field: 'amount' });
  const result = rows.data ?? count.data ?? sum.data;
  const error = rows.error ?? count.error ?? sum.error;

  // Deleted, or no longer shared with the user: the tile says so instead of an error.
  if (query.error?.status === 404 || error?.status === 404) {
    return (
      <TileCard headingId={headingId} title={t('Saved query')}>
        <Empty>{t('This saved query is not available any more: it was deleted or is no longer shared with you. Choose “Edit home” to pick another.')}</Empty>
      </TileCard>
    );
  }
  return (
    <TileCard headingId={headingId} title={query.data?.name ?? t('Saved query')} more={{ path: `/queries/${settings.queryId}`, label: t('Open the query') }}>
      <ErrorNotice error={query.error ?? error} title={t('Could not run the query')} />
      {!result && !error && <Loading />}
      {count.data && (
        <p>
          <span class="figure">{formatNumber(count.data.count)}</span> <span class="muted">{t('found now')}</span>
        </p>
      )}
      {sum.data && sum.data.sums.length === 0 && <Empty>{t('Nothing found: the sum is 0.')}</Empty>}
      {sum.data && sum.data.sums.length > 0 && (
        <ul class="tile-list" aria-label={t('Sum of amounts by currency')}>
          {sum.data.sums.map((entry) => (
            <li key={entry.currency}>
              <span class="figure">{formatMoney(entry.sum, entry.currency)}</span>
            </li>
          ))}
        </ul>
      )}
      {rows.data && <QueryRowsList rows={rows.data} />}
    </TileCard>
  );
}
