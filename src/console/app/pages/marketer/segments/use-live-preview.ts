import { useEffect, useRef, useState } from 'preact/hooks';
import type { SegmentPreview } from '../../../../../segments/segments.schemas';
import { api, ApiError, asApiError, withQuery } from '../../../api';

export const PREVIEW_DEBOUNCE_MS = 400;
export const PREVIEW_SAMPLE = 10;

export interface LivePreview {
  preview: SegmentPreview | undefined;
  error: ApiError | undefined;
  counting: boolean;
}

/**
 * Counts what the criteria select, again each time they settle for PREVIEW_DEBOUNCE_MS (typing a
 * value would otherwise send a query per key). An answer to older criteria is dropped.
 */
export function useLivePreview(criteria: unknown): LivePreview {
  const [state, setState] = useState<LivePreview>({ preview: undefined, error: undefined, counting: true });
  const latest = useRef(0);
  const body = JSON.stringify({ criteria });
  useEffect(() => {
    const call = ++latest.current;
    setState((previous) => ({ ...previous, counting: true }));
    const timer = window.setTimeout(async () => {
      try {
        const preview = await api<SegmentPreview>('POST', withQuery('/segments/preview', { sample: PREVIEW_SAMPLE }), JSON.parse(body));
        if (call === latest.current) setState({ preview, error: undefined, counting: false });
      } catch (caught) {
        const error = asApiError(caught);
        if (call === latest.current) setState((previous) => ({ preview: previous.preview, error, counting: false }));
      }
    }, PREVIEW_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [body]);
  return state;
}
