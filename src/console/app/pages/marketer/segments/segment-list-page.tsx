import type { SegmentView } from '../../../../../segments/segments.schemas';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { t } from '../../../i18n/i18n';

/** /segments: saved segments, newest first, with a link to each one's editor. */
export function SegmentListPage() {
  const list = usePagedList<SegmentView>('/segments', { limit: 50 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Segments')}</h1>
        <a class="button-link" href={href('/segments/new')}>
          {t('New segment')}</a>
      </div>
      <ErrorNotice error={first.error} title={t('The segments could not be loaded')} />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>{t('No segment yet. A segment is saved criteria over accounts and contacts; a campaign\'s list stage freezes one.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Description')}</th>
                <th scope="col">{t('Changed')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((segment) => (
                <tr key={segment.id}>
                  <td>
                    <a href={href(`/segments/${segment.id}`)}>{segment.name}</a>
                  </td>
                  <td>{segment.description ?? <span class="muted">—</span>}</td>
                  <td>{formatDateTime(segment.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more segments')} errorTitle={t('More segments could not be loaded')} />
    </section>
  );
}
