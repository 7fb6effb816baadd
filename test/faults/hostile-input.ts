import { z } from 'zod';
import type { RouteDefinition } from '../../src/api/route';

/** A small seeded generator, so that a failing fuzz case can be run again exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nested(depth: number, leaf: unknown, key = 'all'): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = { [key]: [value] };
  return value;
}

/** Strings that have broken web apps: injections, traversal, control characters, odd Unicode, huge. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\t\n',
  "'; DROP TABLE accounts; --",
  '" OR 1=1 --',
  "1' UNION SELECT key_hash FROM api_keys --",
  '$1',
  '{{constructor.constructor("return process")().exit()}}',
  '{{#each this}}{{/each}}',
  '{{ account.__proto__ }}',
  '${process.exit(1)}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'nul\u0000inside',
  '\u0000',
  '\ud800',
  '\u202eevil',
  '😀'.repeat(300),
  'x'.repeat(5_000),
  'y'.repeat(60_000),
  '2026-13-45T25:61:00Z',
  '0000-00-00',
  '-1',
  '1e309',
  'NaN',
  'null',
  'undefined',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'Europe/Nowhere',
  'a@b',
  '%00',
  '\r\nX-Injected: 1',
];

/** Values of every other JSON type, with the numbers JavaScript and PostgreSQL disagree on. */
export const hostileValues: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  1e308,
  -1e308,
  2 ** 53 + 2,
  2 ** 31,
  [],
  [null],
  ['a', 1, null, {}],
  Array.from({ length: 2_000 }, (_, index) => index),
  {},
  { $gt: '' },
  JSON.parse('{"__proto__": {"role": "admin"}}'),
  { constructor: { prototype: { admin: true } } },
  nested(40, { field: 'account.name', op: 'eq', value: 'x' }),
];

/** JSON text nested `depth` levels deep (too deep for JSON.stringify to write, not for a parser to read). */
const deepJson = (depth: number) => '{"all":['.repeat(depth) + '1' + ']}'.repeat(depth);

const everyValue: readonly unknown[] = [...hostileStrings, ...hostileValues];

/** Path parameters: traversal, encoded separators and NUL, injections, over-long and wrong-type ids. */
export const hostileParams: readonly string[] = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  'a%00b',
  "'%20OR%20'1'%3D'1",
  '1%3BDROP%20TABLE%20users',
  'x'.repeat(3_000),
  '-1',
  '0',
  '1e309',
  'null',
  '%7B%7Bx%7D%7D',
  '%E2%80%AE',
  '%F0%9F%98%80',
  '00000000-0000-0000-0000-00000000000g',
  '00000000-0000-0000-0000-0000000000000',
];

/** The top-level field names a body or query schema knows, looking through wrappers and unions. */
export function schemaKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const keys = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!node || depth > 6) return;
    if (node instanceof z.ZodObject) {
      for (const key of Object.keys(node.shape)) keys.add(key);
      return;
    }
    const def = (node as { def?: Record<string, unknown> }).def;
    if (!def) return;
    for (const option of (def.options as unknown[] | undefined) ?? []) visit(option, depth + 1);
    visit(def.innerType, depth + 1);
    visit(def.in, depth + 1);
    visit(def.left, depth + 1);
    visit(def.right, depth + 1);
  };
  visit(schema, 0);
  return [...keys];
}

export interface FuzzRequest {
  method: RouteDefinition['method'];
  /** The path below the server's root, query included. */
  url: string;
  /** A JSON value to send, or a raw text with its content type. */
  body?: { json: unknown } | { raw: string; contentType: string };
  why: string;
}

/** A query value as a browser would send it; a lone surrogate becomes the invalid UTF-8 it would be. */
function queryValue(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)];

/** `path` with each `:param` replaced: by `value` for the one named `target`, by `fill(name)` for the others. */
function fillPath(path: string, fill: (name: string) => string, target?: string, value?: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (name === target ? value! : fill(name)));
}

/**
 * About `perRoute` hostile requests for one route: every body field and every query field with each
 * hostile value, bodies of the wrong shape, unknown fields, malformed JSON, wrong content types, and
 * each path parameter hostile; sampled with `random` when there are more.
 */
export function hostileRequests(route: RouteDefinition, fill: (name: string) => string, random: () => number, perRoute: number): FuzzRequest[] {
  const base = `/api/v1${route.path}`;
  const url = fillPath(base, fill);
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const out: FuzzRequest[] = [];
  const bodyKeys = schemaKeys(route.body);
  const queryKeys = [...schemaKeys(route.query), 'format', 'limit', 'cursor'];

  if (hasBody) {
    for (const key of bodyKeys) for (const value of everyValue) out.push({ method: route.method, url, body: { json: { [key]: value } }, why: `body.${key} hostile` });
    for (let n = 0; n < 40; n++) {
      const body = Object.fromEntries(bodyKeys.map((key) => [key, pick(random, everyValue)]));
      out.push({ method: route.method, url, body: { json: body }, why: 'every body field hostile' });
    }
    for (const value of everyValue) out.push({ method: route.method, url, body: { json: value }, why: 'body of the wrong shape' });
    out.push({ method: route.method, url, body: { json: { unknownField: 1, [bodyKeys[0] ?? 'x']: 'x' } }, why: 'unknown field' });
    for (const key of bodyKeys) out.push({ method: route.method, url, body: { raw: `{"${key}":${deepJson(3_000)}}`, contentType: 'application/json' }, why: `body.${key} nested 3,000 levels` });
    for (const raw of [deepJson(5_000), '{"a":', "{'a': 1}", '{"a": 1}}', '[1,2', '\u0000', 'nul', '{"a":1e999999}', '"\\ud800"']) {
      out.push({ method: route.method, url, body: { raw, contentType: 'application/json' }, why: 'malformed JSON' });
    }
    for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-7', 'text/csv']) {
      out.push({ method: route.method, url, body: { raw: route.csvBody && contentType === 'text/csv' ? 'a,b\n"unclosed' : 'name=x&role=admin', contentType }, why: `content type ${contentType}` });
    }
    out.push({ method: route.method, url, body: { raw: JSON.stringify({ name: 'z'.repeat(150_000) }), contentType: 'application/json' }, why: 'body over the limit' });
  }
  for (const key of queryKeys) {
    for (const value of hostileStrings.filter((text) => text.length <= 5_000)) out.push({ method: route.method, url: `${url}?${key}=${queryValue(value)}`, why: `query.${key} hostile` });
    out.push({ method: route.method, url: `${url}?${key}=1&${key}=2`, why: `query.${key} repeated` });
    out.push({ method: route.method, url: `${url}?${key}[a]=1`, why: `query.${key} nested` });
  }
  out.push({ method: route.method, url: `${url}?unknownFilter=1`, why: 'unknown query field' });
  for (const param of [...base.matchAll(/:(\w+)/g)].map((match) => match[1])) {
    for (const value of hostileParams) out.push({ method: route.method, url: fillPath(base, fill, param, value), body: hasBody ? { json: {} } : undefined, why: `path.${param} hostile` });
  }
  // A fixed share of every route's cases, the same ones on each run.
  while (out.length > perRoute) out.splice(Math.floor(random() * out.length), 1);
  return out;
}

/** Sends one hostile request to the API at `baseUrl` as the key's user; answers its status and text. */
export async function sendHostile(baseUrl: string, request: FuzzRequest, key: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}` };
  let body: string | undefined;
  if (request.body && 'json' in request.body) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.body.json);
  } else if (request.body) {
    headers['Content-Type'] = request.body.contentType;
    body = request.body.raw;
  }
  const response = await fetch(`${baseUrl}${request.url}`, { method: request.method.toUpperCase(), headers, body, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, text: await response.text() };
}
