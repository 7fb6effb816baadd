import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, asApiError, get, type Query } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * GETs `path` (with `query`) and keeps the answer; `pollMs` re-reads it while the page is open (a
 * running campaign's counts). A null path waits (nothing to load yet).
 */
export function useApi<T>(path: string | null, query?: Query, options: { pollMs?: number } = {}): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const queryKey = JSON.stringify(query ?? {});
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (path === null) return;
    const call = ++latest.current;
    setLoading(true);
    try {
      const answer = await get<T>(path, JSON.parse(queryKey));
      if (call === latest.current) {
        setData(answer);
        setError(undefined);
      }
    } catch (caught) {
      if (call === latest.current) setError(asApiError(caught));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, [path, queryKey]);

  useEffect(() => {
    void reload();
    if (!options.pollMs) return;
    const timer = window.setInterval(() => void reload(), options.pollMs);
    return () => window.clearInterval(timer);
  }, [reload, options.pollMs]);

  return { data, error, loading, reload };
}

/** Runs a write (approve, schedule, log an activity) and keeps its error and busy state for the form. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (caught) {
        setError(asApiError(caught));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
