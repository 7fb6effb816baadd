import { isIP } from 'node:net';

/**
 * Express's `trust proxy`, as TRUST_PROXY sets it: false (the socket's address is the client's), a
 * number of proxies in front, or the proxies' addresses, subnets or ranges (loopback, linklocal,
 * uniquelocal). Never `true`: every client could then name any address in X-Forwarded-For and
 * escape the limits.
 */
export type TrustProxy = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !isIP(address)) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/** TRUST_PROXY's text as a setting, or an error message naming what is wrong. */
export function parseTrustProxy(text: string): TrustProxy | { error: string } {
  const value = text.trim();
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return { error: 'must not be true (anyone could then pick their address): give the number of proxies in front, e.g. 1, or their addresses' };
  if (/^\d+$/.test(value)) return Number(value) <= 10 ? Number(value) : { error: 'must be at most 10 proxies' };
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrSubnet(entry));
  if (bad.length) return { error: `must be false, a number of proxies, or addresses, subnets (10.0.0.0/8) and loopback, linklocal, uniquelocal, comma-separated: not ${bad.map((entry) => `"${entry}"`).join(', ')}` };
  return entries;
}
