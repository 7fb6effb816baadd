/** A failed API call: the route, its status and the answer's error, for the person running the seed. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    call: string,
  ) {
    super(`${call} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'ApiCallError';
  }
}

export interface ApiClient {
  /** The API's root, e.g. http://localhost:3000. */
  readonly baseUrl: string;
  /** Calls /api/v1`path` with `key`; answers the JSON body of a 2xx answer, throws ApiCallError otherwise. */
  call<T = unknown>(key: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<T>;
}

/** The seed works through the same HTTP API as users and scripts do. */
export function apiClient(baseUrl: string): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: root,
    async call<T>(key: string, method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${root}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const answer = parseAnswer(text);
      if (!response.ok) throw new ApiCallError(response.status, answer, `${method} /api/v1${path}`);
      return answer as T;
    },
  };
}

/** Throws a readable error when nothing answers at `baseUrl` (the seed needs the running system). */
export async function checkApiAnswers(baseUrl: string): Promise<void> {
  const url = `${baseUrl.replace(/\/+$/, '')}/health`;
  let status: number;
  try {
    status = (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
  } catch (error) {
    throw new Error(`The API does not answer at ${url} (${(error as Error).message}). Start the system first (npm start, in another terminal), then run the seed again.`);
  }
  if (status !== 200) throw new Error(`The API at ${url} answered ${status}: wait until it has started, then run the seed again.`);
}

function parseAnswer(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
