import { useEffect, useRef, useState } from 'preact/hooks';
import { api, asApiError, type ApiError } from '../../api';
import { useDebounced } from '../../use-debounced';

export const COUNT_DEBOUNCE_MS = 400;

export interface LiveCount {
  count: number | undefined;
  error: ApiError | undefined;
  counting: boolean;
}

/**
 * Counts what the definition finds, again each time it has settled for COUNT_DEBOUNCE_MS (typing a
 * value would otherwise send a request per key). An answer to an older definition is dropped.
 */
export function useLiveCount(definition: unknown): LiveCount {
  const body = JSON.stringify(definition);
  const settled = useDebounced(body, COUNT_DEBOUNCE_MS);
  const [state, setState] = useState<LiveCount>({ count: undefined, error: undefined, counting: true });
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setState((previous) => ({ ...previous, counting: true }));
    api<{ count: number }>('POST', '/queries/count', JSON.parse(settled))
      .then((answer) => call === latest.current && setState({ count: answer.count, error: undefined, counting: false }))
      .catch((caught) => call === latest.current && setState((previous) => ({ count: previous.count, error: asApiError(caught), counting: false })));
  }, [settled]);
  return { ...state, counting: state.counting || settled !== body };
}
