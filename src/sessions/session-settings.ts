import type { Request } from 'express';

/** How long a console session lasts: `ttlMs` at most from sign-in, and `idleTimeoutMs` without a request. */
export interface SessionSettings {
  ttlMs: number;
  idleTimeoutMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { ttlMs: 12 * 3_600_000, idleTimeoutMs: 2 * 3_600_000 };

const LOCALS_KEY = 'sessionSettings';

/** Kept on the Express app (createApp), so that every route checking a session reads the same limits. */
export function useSessionSettings(locals: Record<string, unknown>, settings: SessionSettings): void {
  locals[LOCALS_KEY] = settings;
}

export function sessionSettingsOf(req: Request): SessionSettings {
  return (req.app?.locals?.[LOCALS_KEY] as SessionSettings | undefined) ?? DEFAULT_SESSION_SETTINGS;
}
