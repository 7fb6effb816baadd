/**
 * A JSON call to the API with an API key, for a benchmark's set-up and checks (not its timed load): any
 * status of 400 or more throws with the answer's text; a 204 answers undefined.
 */
export async function callApi<T = any>(baseUrl: string, key: string, method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}
