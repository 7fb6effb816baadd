import { useEffect, useState } from 'preact/hooks';

/** `value` once it has stopped changing for `delayMs`: a search asks the API after a pause in typing. */
export function useDebounced(value: string, delayMs = 300): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
