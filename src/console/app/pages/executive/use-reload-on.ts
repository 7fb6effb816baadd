import { useEffect, useRef } from 'preact/hooks';

/** Reloads when `version` moves on (after a write elsewhere on the page), not on the first render. */
export function useReloadOn(version: number, reload: () => Promise<void>) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void reload();
  }, [version]);
}
