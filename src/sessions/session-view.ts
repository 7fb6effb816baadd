import type { SessionResponse } from './sessions.schemas';
import { sessionEndsAt } from './session-lifetime';
import type { SessionSettings } from './session-settings';

export const sessionViewSelect = {
  id: true,
  tokenHash: true,
  method: true,
  userAgent: true,
  ipAddress: true,
  createdAt: true,
  lastSeenAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export interface SessionRow {
  id: string;
  tokenHash: string;
  method: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A session as users and admins see it: never its token's hash nor its CSRF token. */
export function toSessionView(row: SessionRow, settings: SessionSettings, currentHash: string | undefined): SessionResponse {
  return {
    id: row.id,
    method: row.method as SessionResponse['method'],
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: sessionEndsAt(row, settings).toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    current: currentHash !== undefined && row.tokenHash === currentHash,
  };
}
