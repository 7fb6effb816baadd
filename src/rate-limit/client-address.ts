import { ipKeyGenerator } from 'express-rate-limit';
import type { Request } from 'express';

/**
 * The address limits are counted for: `req.ip`, which honours the app's `trust proxy` setting
 * (TRUST_PROXY), with an IPv6 address cut to its /56 network, since one client holds a whole
 * prefix and would otherwise get a fresh limit per address.
 */
export function clientAddress(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress;
  return ip ? ipKeyGenerator(ip, 56) : 'unknown';
}
