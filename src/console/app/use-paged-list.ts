import { useEffect, useRef, useState } from 'preact/hooks';
import { asApiError, get, type ApiError, type Query } from './api';
import { useApi, type Loaded } from './use-api';

/** One page of a list endpoint: GET /campaigns, /segments, /plans, /accounts… */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  /** The first page and the pages loaded after it, in order. */
  items: T[];
  /** The first page as useApi keeps it: its error, loading state and `reload`. */
  first: Loaded<ListPage<T>>;
  hasMore: boolean;
  loadMore(): Promise<void>;
  loadingMore: boolean;
  moreError: ApiError | undefined;
}

/**
 * A cursor-paged list: the first page of `path` with `query`, and a "show more" that appends the
 * next. Other filters or a reload start again from the first page, and a page still on its way for
 * the old filters is dropped, so the list never mixes two queries.
 */
export function usePagedList<T>(path: string, query: Query = {}): PagedList<T> {
  const first = useApi<ListPage<T>>(path, query);
  const queryKey = JSON.stringify(query);
  const [more, setMore] = useState<ListPage<T>>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError>();
  const generation = useRef(0);

  useEffect(() => {
    generation.current += 1;
    setMore(undefined);
    setLoadingMore(false);
    setMoreError(undefined);
  }, [path, queryKey, first.data]);

  const nextCursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    const call = generation.current;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await get<ListPage<T>>(path, { ...JSON.parse(queryKey), cursor: nextCursor });
      if (call === generation.current) setMore((earlier) => ({ items: [...(earlier?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (caught) {
      if (call === generation.current) setMoreError(asApiError(caught));
    } finally {
      if (call === generation.current) setLoadingMore(false);
    }
  }

  return { items: [...(first.data?.items ?? []), ...(more?.items ?? [])], first, hasMore: nextCursor !== null, loadMore, loadingMore, moreError };
}
