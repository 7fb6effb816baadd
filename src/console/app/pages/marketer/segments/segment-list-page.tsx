import { useEffect, useState } from 'preact/hooks';
import type { SegmentView } from '../../../../../segments/segments.schemas';
import { get } from '../../../api';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';

interface SegmentPage {
  items: SegmentView[];
  nextCursor: string | null;
}

/** /segments: saved segments, newest first, with a link to each one's editor. */
export function SegmentListPage() {
  const first = useApi<SegmentPage>('/segments', { limit: 50 });
  const [more, setMore] = useState<SegmentView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setMore([]);
    setCursor(first.data?.nextCursor ?? null);
  }, [first.data]);
  const loadMore = useAction(async () => {
    if (!cursor) return;
    const page = await get<SegmentPage>('/segments', { limit: 50, cursor });
    setMore((items) => [...items, ...page.items]);
    setCursor(page.nextCursor);
  });
  const items = [...(first.data?.items ?? []), ...more];
  return (
    <section>
      <div class="page-head">
        <h1>Segments</h1>
        <a class="button-link" href={href('/segments/new')}>
          New segment
        </a>
      </div>
      <ErrorNotice error={first.error} title="The segments could not be loaded" />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>No segment yet. A segment is saved criteria over accounts and contacts; a campaign's list stage freezes one.</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Description</th>
                <th scope="col">Changed</th>
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
      <ErrorNotice error={loadMore.error} title="More segments could not be loaded" />
      {cursor && (
        <p>
          <button type="button" onClick={() => void loadMore.run()} disabled={loadMore.busy}>
            {loadMore.busy ? 'Loading…' : 'Show more segments'}
          </button>
        </p>
      )}
    </section>
  );
}
