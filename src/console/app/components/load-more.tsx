import type { PagedList } from '../use-paged-list';
import { ErrorNotice } from './notices';
import { t } from '../i18n/i18n';

/** The "show more" button under a paged list, with the error of the last try. */
export function LoadMore({ list, label, errorTitle }: { list: Pick<PagedList<unknown>, 'hasMore' | 'loadMore' | 'loadingMore' | 'moreError'>; label: string; errorTitle: string }) {
  return (
    <>
      <ErrorNotice error={list.moreError} title={errorTitle} />
      {list.hasMore && (
        <p>
          <button type="button" onClick={() => void list.loadMore()} disabled={list.loadingMore}>
            {list.loadingMore ? t('Loading…') : label}
          </button>
        </p>
      )}
    </>
  );
}
