import type { SessionSettings } from './session-settings';

/** When a session ends unless it is used again: its absolute expiry, or its idle timeout after its last request, whichever is first. */
export function sessionEndsAt(session: { expiresAt: Date; lastSeenAt: Date }, settings: SessionSettings): Date {
  return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + settings.idleTimeoutMs));
}
