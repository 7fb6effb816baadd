import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../../../src/api/app';
import { createLogger, type Logger } from '../../../src/logger';
import { createSession } from '../../../src/sessions/create-session';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../../../src/sessions/session-settings';
import { DEFAULT_SIGN_IN_SETTINGS, type SignInSettings } from '../../../src/sign-in/sign-in-settings';
import { TEST_PUBLIC_URL, type TestApp } from '../../support/test-app';

/**
 * Another app on the test app's database, worker and Temporal, configured as a test needs it: short
 * lifetimes, a small rate limit, an OIDC provider. Cheap: no database nor worker of its own.
 */
export function appWithSignIn(testApp: TestApp, signIn: Partial<SignInSettings>, publicUrl = TEST_PUBLIC_URL, logger: Logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent')): Express {
  return createApp(
    { db: testApp.database.db, temporal: { client: testApp.temporal.client, taskQueue: testApp.temporal.taskQueue }, logger },
    { publicUrl, signIn: { ...DEFAULT_SIGN_IN_SETTINGS, ...signIn } },
  );
}

export interface TestSession {
  id: string;
  /** The Cookie header that carries it. */
  cookie: string;
  csrfToken: string;
}

/** A session made straight in the database, as a sign-in makes it, for the tests of what sessions do once they exist. */
export async function sessionOf(testApp: TestApp, userId: string, settings: SessionSettings = DEFAULT_SESSION_SETTINGS): Promise<TestSession> {
  const { token } = await createSession(testApp.database.db, settings, { userId, method: 'EMAIL_LINK', userAgent: 'jest', ipAddress: '127.0.0.1' });
  const row = await testApp.database.db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' }, select: { id: true, csrfToken: true } });
  return { id: row.id, cookie: `crm_session=${token}`, csrfToken: row.csrfToken };
}

/** The crm_session cookie a response sets, or undefined. */
export function sessionCookieSet(setCookie: string[] | string | undefined): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return headers.find((header) => header.startsWith('crm_session=') && !header.startsWith('crm_session=;'));
}

/** A logger that keeps its JSON lines, for tests that wait for what the app did after answering. */
export function recordingLogger(): { logger: Logger; lines: () => { msg: string; [field: string]: unknown }[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  return { logger, lines: () => lines.map((line) => JSON.parse(line) as { msg: string }) };
}
