/** At most `limit` hits per client address in each fixed window of `windowMs`. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** What the API limits per client address (src/config: AUTH_FAILURE_*, UNSUBSCRIBE_RATE_*, EVENT_REGISTRATION_RATE_*). */
export interface RateLimitSettings {
  /** Refused credentials (unknown, revoked or expired keys, dead sessions). */
  authFailures: WindowLimit;
  /** Requests to the public unsubscribe pages, which need no credentials at all. */
  unsubscribe: WindowLimit;
  /** Requests to the public event registration and cancellation pages. */
  eventRegistration: WindowLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  authFailures: { limit: 20, windowMs: 15 * 60_000 },
  // High: mail providers send one-click unsubscribes (RFC 8058) from a few addresses of their own.
  unsubscribe: { limit: 300, windowMs: 60_000 },
  // A page and its form post are two requests; a company's visitors may share one address.
  eventRegistration: { limit: 60, windowMs: 60_000 },
};
