import { z } from 'zod';

export const SessionMethod = z.enum(['EMAIL_LINK', 'OIDC']).meta({ id: 'SessionMethod' });
export type SessionMethod = z.output<typeof SessionMethod>;

export const SessionResponse = z
  .object({
    id: z.uuid(),
    method: SessionMethod,
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime().meta({ description: 'The last request, to the minute' }),
    expiresAt: z.iso.datetime().meta({ description: 'When it ends unless used again: its absolute expiry (SESSION_TTL after sign-in), or SESSION_IDLE_TIMEOUT after its last request if sooner' }),
    revokedAt: z.iso.datetime().nullable(),
    current: z.boolean().meta({ description: 'The session this request was made with' }),
  })
  .meta({ id: 'Session' });
export type SessionResponse = z.output<typeof SessionResponse>;

export const SessionListResponse = z.object({ items: z.array(SessionResponse) }).meta({ id: 'SessionList' });

export const SessionListQuery = z.strictObject({
  status: z.enum(['active', 'all']).default('active').meta({ description: 'active (default): the sessions that still work; all: also the ended ones of the last 30 days' }),
});
export type SessionListQuery = z.output<typeof SessionListQuery>;

export const OwnSessionParams = z.strictObject({ sessionId: z.uuid() });
export const UserIdParams = z.strictObject({ id: z.uuid() });
export const UserSessionParams = z.strictObject({ id: z.uuid(), sessionId: z.uuid() });
