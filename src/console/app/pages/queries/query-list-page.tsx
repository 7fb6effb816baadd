import type { SavedQueryView } from '../../../../saved-queries/saved-queries.schemas';
import { LoadMore } from '../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { formatDateTime } from '../../format';
import { t } from '../../i18n/i18n';
import { href } from '../../router';
import { usePagedList } from '../../use-paged-list';
import { entityLabels } from './query-model';
import './queries.css';

/** /queries: the user's saved queries and those their team shares, last changed first. */
export function QueryListPage() {
  const list = usePagedList<SavedQueryView>('/queries', { limit: 100 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Saved queries')}</h1>
        <a class="button-link" href={href('/queries/new')}>
          {t('New saved query')}
        </a>
      </div>
      <ErrorNotice error={first.error} title={t('The saved queries could not be loaded')} />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>{t('No saved query yet. A saved query lists accounts, contacts, deals, tasks or activities by your conditions, for you or your team.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Query name')}</th>
                <th scope="col">{t('List')}</th>
                <th scope="col">{t('Owner')}</th>
                <th scope="col">{t('Who sees it')}</th>
                <th scope="col">{t('Changed')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((query) => (
                <tr key={query.id}>
                  <td>
                    <a href={href(`/queries/${query.id}`)}>{query.name}</a>
                  </td>
                  <td>{t(entityLabels[query.entity])}</td>
                  <td>{query.mine ? t('You') : query.owner.name}</td>
                  <td>{query.visibility === 'team' ? t('Shared with the team') : t('Only the owner')}</td>
                  <td>{formatDateTime(query.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more saved queries')} errorTitle={t('More saved queries could not be loaded')} />
    </section>
  );
}
