import { signal, useSignal } from './signal';

export interface Location {
  path: string;
  query: URLSearchParams;
}

function readLocation(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = hash.split('?');
  return { path, query: new URLSearchParams(query) };
}

const location = signal<Location>(readLocation());
window.addEventListener('hashchange', () => location.set(readLocation()));

export const useLocation = () => useSignal(location);

/** Goes to a console path such as `/accounts/42?tab=timeline`. */
export function navigate(path: string): void {
  window.location.hash = path;
}

/**
 * Moves the address from `from` to `to` without a new page (a draft that now has an id), unless the user
 * has already gone elsewhere while it was saved: their page stays theirs.
 */
export function replacePath(from: string, to: string): void {
  if (readLocation().path === from) window.history.replaceState(null, '', href(to));
}

/** `href` for a console path, for plain links (keyboard and middle click keep working). */
export const href = (path: string) => `#${path}`;

/** Matches `/accounts/:id` against `/accounts/42`: `{ id: '42' }`, or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}
