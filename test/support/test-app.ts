import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { createMailer, type Mailer } from '../../src/mail/mailer';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '../../src/users/api-keys';
import type { Role } from '../../src/auth/caller';
import { installDefaultRules } from '../../src/rule-store/rule-store';
import { createPrismaClient } from '../../src/db/prisma';
import { createTestDatabase, type TestDatabase } from './test-database';
import { startTestWorker, type TestWorker } from './temporal-worker';
import { testService } from './test-services';
import type { RateLimitSettings } from '../../src/rate-limit/rate-limit-settings';
import type { TrustProxy } from '../../src/rate-limit/trust-proxy';
import { DEFAULT_MAX_FILE_BYTES, type CollateralSettings } from '../../src/collateral/collateral-store';
import { createDirectoryStore } from '../../src/collateral/directory-store';

export const TEST_PUBLIC_URL = 'http://crm.test';
/** Limits no suite reaches (the access-control and fuzz suites send thousands of refused requests from one address). */
export const UNLIMITED_FOR_TESTS: RateLimitSettings = { authFailures: { limit: 1_000_000, windowMs: 3_600_000 }, unsubscribe: { limit: 1_000_000, windowMs: 3_600_000 }, eventRegistration: { limit: 1_000_000, windowMs: 3_600_000 } };
/** TEMPORAL_UI_URL as the test app is configured: the console links admins there. */
export const TEST_TEMPORAL_UI_URL = 'http://temporal-ui.test';

export interface TestApp {
  app: Express;
  request: ReturnType<typeof supertest>;
  database: TestDatabase;
  temporal: TestWorker;
  mailer: Mailer;
  /** Stops the worker (pending timers stay in Temporal) and starts a new one on the same task queue, with `bundle` (another release's workflow code) or the current code. */
  restartWorker(bundle?: { code: string }): Promise<void>;
  /** Creates a user straight in the database and answers their API key. */
  userWithKey(role: Role, email?: string): Promise<{ id: string; key: string }>;
  close(): Promise<void>;
}

/**
 * The real app on a database of its own, with a real worker and SMTP behind it; both talk to the
 * run's Temporal server, or to `temporalAddress` (a test's own server).
 */
export async function startTestApp({
  temporalAddress = testService('temporalAddress'),
  databaseUrl,
  smtpUrl = testService('smtpUrl'),
  workflowBundle,
  rateLimits = UNLIMITED_FOR_TESTS,
  trustProxy,
  collateral,
  mailAttachmentsMaxBytes,
}: {
  temporalAddress?: string;
  /** A migrated database the caller owns (on a server of its own) instead of a clone on the run's server; close() only disconnects. */
  databaseUrl?: string;
  /** An SMTP server of the test's own (its own catcher) instead of the run's. */
  smtpUrl?: string;
  /** The first worker runs this release's workflow code instead of the current one (upgrade tests). */
  workflowBundle?: { code: string };
  /** The rate limits; by default too high to reach, since suites send thousands of refused keys from 127.0.0.1. */
  rateLimits?: RateLimitSettings;
  /** TRUST_PROXY, for tests that name client addresses in X-Forwarded-For. */
  trustProxy?: TrustProxy;
  /** The collateral library's store and limit; by default a directory store in a temp folder of its own (removed by close()) and the 20 MB limit. */
  collateral?: CollateralSettings;
  /** MAIL_ATTACHMENTS_MAX_SIZE for the API and the worker; by default the production default (5 MB). */
  mailAttachmentsMaxBytes?: number;
} = {}): Promise<TestApp> {
  const database = databaseUrl ? ownedDatabase(databaseUrl) : await createTestDatabase();
  await installDefaultRules(database.db);
  const mailer = createMailer(smtpUrl, 'CRM test <crm@test>');
  // A stage waiting for responses is planned again every 2 s (CAMPAIGN_RESPONSE_RECHECK, 5 minutes in production).
  // An overdue event task is escalated after 1 s (EVENT_TASK_ESCALATE_AFTER, a day in production).
  const collateralDir = collateral ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-collateral-'));
  const collateralSettings = collateral ?? { store: createDirectoryStore(collateralDir!), maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  // The worker reads the same store: MAILING stages attach its files.
  const dependencies = { db: database.db, mailer, publicUrl: TEST_PUBLIC_URL, responseRecheck: 'PT2S', eventTaskEscalateAfter: 'PT1S', collateralStore: collateralSettings.store, mailAttachmentsMaxBytes };
  let temporal = await startTestWorker(dependencies, undefined, temporalAddress, workflowBundle);
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  // The app's own connection, as in production: it outlives worker restarts.
  const apiConnection = await Connection.connect({ address: temporalAddress });
  const apiClient = new Client({ connection: apiConnection, namespace: 'default' });
  // Evergreen campaigns in tests enroll every few seconds.
  const campaignLimits = { evergreenMinInterval: 'PT1S', mailAttachmentsMaxBytes };
  const app = createApp({ db: database.db, temporal: { client: apiClient, taskQueue: temporal.taskQueue }, logger, campaignLimits, collateral: collateralSettings }, { publicUrl: TEST_PUBLIC_URL, temporalUi: { url: TEST_TEMPORAL_UI_URL, namespace: 'default' }, rateLimits, trustProxy });
  let users = 0;
  return {
    app,
    request: supertest(app),
    database,
    get temporal() {
      return temporal;
    },
    mailer,
    async restartWorker(bundle) {
      await temporal.stop();
      temporal = await startTestWorker(dependencies, temporal.taskQueue, temporalAddress, bundle);
    },
    async userWithKey(role, email) {
      const key = generateApiKey();
      const user = await database.db.user.create({
        data: { email: email ?? `${role}-${++users}-${Date.now()}@example.com`, name: `Test ${role}`, role, apiKeys: { create: { keyHash: hashApiKey(key), prefix: apiKeyPrefix(key) } } },
        select: { id: true },
      });
      return { id: user.id, key };
    },
    async close() {
      await temporal.stop();
      await apiConnection.close();
      mailer.close();
      await database.drop();
      if (collateralDir) fs.rmSync(collateralDir, { recursive: true, force: true });
    },
  };
}

function ownedDatabase(url: string): TestDatabase {
  const db = createPrismaClient(url);
  return { url, db, drop: () => db.$disconnect() };
}
