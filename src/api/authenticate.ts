import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/prisma';
import { hashApiKey } from '../users/api-keys';
import type { Caller } from '../auth/caller';
import { sessionCaller } from '../sessions/session-auth';

/** Resolves the caller from `Authorization: Bearer <key>`, or else the console's session cookie; a revoked or unknown key is refused. */
export async function authenticate(db: Db, req: Request): Promise<Caller> {
  const header = req.get('authorization');
  if (!header) {
    const caller = await sessionCaller(db, req);
    if (caller) return caller;
  }
  if (!header) throw new AppError('UNAUTHENTICATED', 'Missing API key: send the header "Authorization: Bearer <key>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'Malformed Authorization header: expected "Bearer <key>"');
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(match[1]) },
    select: { revokedAt: true, user: { select: { id: true, email: true, name: true, role: true } } },
  });
  if (!key || key.revokedAt) throw new AppError('UNAUTHENTICATED', 'Invalid or revoked API key');
  return key.user;
}
