import type { ComponentChildren } from 'preact';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { t } from '../../../i18n/i18n';
import { usePagedList, type PagedList } from '../../../use-paged-list';
import { SECTION_PAGE } from './customer-view-types';

/** One paged section of the customer view: GET /accounts/:id/<section>, a page at a time. */
export function useAccountSection<T>(accountId: string, section: string): PagedList<T> {
  return usePagedList<T>(`/accounts/${accountId}/${section}`, { limit: SECTION_PAGE });
}

/** The frame every section shares: its heading, loading and error states, an empty text, and "Show more". */
export function SectionCard<T>({ id, title, list, empty, errorTitle, children }: { id: string; title: string; list: PagedList<T>; empty: string; errorTitle: string; children: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-heading`} data-section={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <ErrorNotice error={list.first.error} title={errorTitle} />
      {list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Empty>{empty}</Empty>}
      {list.items.length > 0 && children}
      <LoadMore list={list} label={t('Show more')} errorTitle={errorTitle} />
    </section>
  );
}
