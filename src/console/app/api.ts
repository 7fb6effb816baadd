import { session } from './session';
import { t } from './i18n/i18n';

export interface ErrorDetail {
  path?: string;
  message: string;
}

/** An error answer of the API: its code, message and the fields it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** The message for one field of the body, e.g. `detailFor('body.name')`. */
  detailFor(path: string): string | undefined {
    return this.details.find((detail) => detail.path === path || detail.path?.startsWith(`${path}.`))?.message;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Calls /api/v1 with the signed-in user's key, or else with the session cookie (and its CSRF token
 * on changes). `body` is sent as JSON, or as-is with `contentType` (CSV imports, a file's bytes). A 401 signs the
 * user out: their key was revoked or mistyped, or their session ended.
 */
export async function api<T>(method: string, path: string, body?: unknown, options: { contentType?: string; key?: string } = {}): Promise<T> {
  const key = options.key ?? session.key();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  else Object.assign(headers, session.csrfHeader(method));
  let payload: string | Blob | undefined;
  if (body !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    payload = body instanceof Blob ? body : options.contentType ? String(body) : JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', t('The server could not be reached. Check your connection and try again.'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const answer: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (answer as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    if (response.status === 401 && !options.key) session.signOut();
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? t('The server answered {status}', { status: response.status }), error?.details ?? []);
  }
  return answer as T;
}

/** Whatever a call threw, as the ApiError the error notices show (a bug in the page becomes a CLIENT error). */
export const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'CLIENT', String(caught)));

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
