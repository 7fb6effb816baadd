import path from 'node:path';
import { z } from 'zod';
import { envSchema } from './env-schema';
import type { SignInSettings } from '../sign-in/sign-in-settings';
import type { CollateralStoreConfig } from '../collateral/store-from-config';

export type Config = ReturnType<typeof toConfig>;

export class ConfigError extends Error {}

/** Parses the environment once; every other module receives the result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
}

function toConfig(env: z.output<typeof envSchema>) {
  const dataDir = path.resolve(env.DATA_DIR);
  return {
    databaseUrl: env.DATABASE_URL,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      cliPath: env.TEMPORAL_CLI_PATH,
      apiKey: env.TEMPORAL_API_KEY,
      tls: env.TEMPORAL_TLS ?? Boolean(env.TEMPORAL_API_KEY),
      // Unset with embedded services: the dev server's own UI.
      uiUrl: (env.TEMPORAL_UI_URL ?? (env.TEMPORAL_ADDRESS ? undefined : `http://localhost:${env.TEMPORAL_UI_PORT}`))?.replace(/\/+$/, ''),
    },
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    port: env.PORT,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    adminApiKey: env.ADMIN_API_KEY,
    signIn: signInSettings(env),
    logLevel: env.LOG_LEVEL,
    dataDir,
    runMigrations: env.RUN_MIGRATIONS,
    trustProxy: env.TRUST_PROXY,
    rateLimits: {
      authFailures: { limit: env.AUTH_FAILURE_LIMIT, windowMs: env.AUTH_FAILURE_WINDOW },
      unsubscribe: { limit: env.UNSUBSCRIBE_RATE_LIMIT, windowMs: env.UNSUBSCRIBE_RATE_WINDOW },
      eventRegistration: { limit: env.EVENT_REGISTRATION_RATE_LIMIT, windowMs: env.EVENT_REGISTRATION_RATE_WINDOW },
    },
    databasePoolSize: env.DATABASE_POOL_SIZE,
    campaigns: {
      /** ISO duration (CAMPAIGN_RESPONSE_RECHECK): the worker's journey activities plan a stage waiting for responses again this soon. */
      responseRecheck: env.CAMPAIGN_RESPONSE_RECHECK,
      /** ISO duration (EVERGREEN_MIN_INTERVAL): an evergreen schedule's shortest interval. */
      evergreenMinInterval: env.EVERGREEN_MIN_INTERVAL,
    },
    collateral: { store: collateralStore(env, dataDir), maxFileBytes: env.COLLATERAL_MAX_FILE_SIZE },
    /** Collateral in campaign messages (docs/collateral.md#kits-and-attachments). */
    mailCollateral: {
      /** MAIL_ATTACHMENTS_MAX_SIZE: what a MAILING stage's attached files may add up to. */
      attachmentsMaxBytes: env.MAIL_ATTACHMENTS_MAX_SIZE,
      /** COLLATERAL_LINK_TTL: how long a download link in a campaign message works. */
      linkTtlMs: env.COLLATERAL_LINK_TTL,
    },
    events: {
      /** ISO duration (EVENT_TASK_ESCALATE_AFTER): an event's OPEN task overdue this long is escalated by the event's workflow. */
      taskEscalateAfter: env.EVENT_TASK_ESCALATE_AFTER,
    },
    worker: {
      healthPort: env.WORKER_HEALTH_PORT,
      metricsPort: env.WORKER_METRICS_PORT,
      tuning: {
        shutdownGraceTime: env.WORKER_SHUTDOWN_GRACE_TIME,
        maxConcurrentActivityTaskExecutions: env.WORKER_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS,
        maxConcurrentWorkflowTaskExecutions: env.WORKER_MAX_CONCURRENT_WORKFLOW_TASK_EXECUTIONS,
        maxConcurrentLocalActivityExecutions: env.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITY_EXECUTIONS,
      },
    },
    embedded: {
      postgresPort: env.EMBEDDED_POSTGRES_PORT,
      postgresDir: path.join(dataDir, 'postgres'),
      temporalPort: env.TEMPORAL_PORT,
      temporalUiPort: env.TEMPORAL_UI_PORT,
      temporalDbFile: path.join(dataDir, 'temporal.db'),
      mailSmtpPort: env.MAIL_CATCHER_SMTP_PORT,
      mailHttpPort: env.MAIL_CATCHER_HTTP_PORT,
      mailDir: path.join(dataDir, 'mail'),
    },
  };
}

function signInSettings(env: z.output<typeof envSchema>): SignInSettings {
  const oidc = { OIDC_ISSUER_URL: env.OIDC_ISSUER_URL, OIDC_CLIENT_ID: env.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET };
  const missing = Object.entries(oidc).filter(([, value]) => value === undefined).map(([name]) => name);
  if (missing.length && missing.length < 3) {
    throw new ConfigError(`Invalid configuration:\n${missing.map((name) => `  ${name}: must be set with the other OIDC_ variables (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)`).join('\n')}`);
  }
  // The provider's answers carry the keys that sign its ID tokens: plain HTTP only on this machine.
  if (env.OIDC_ISSUER_URL && new URL(env.OIDC_ISSUER_URL).protocol === 'http:' && !isLoopback(new URL(env.OIDC_ISSUER_URL).hostname)) {
    throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER_URL: must be an https:// URL (http:// only for localhost)');
  }
  return {
    sessions: { ttlMs: env.SESSION_TTL, idleTimeoutMs: env.SESSION_IDLE_TIMEOUT },
    linkTtlMs: env.SIGN_IN_LINK_TTL,
    linkRequests: { limit: env.SIGN_IN_LINK_RATE_LIMIT, windowMs: env.SIGN_IN_LINK_RATE_WINDOW },
    oidc:
      env.OIDC_ISSUER_URL && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
        ? { issuerUrl: env.OIDC_ISSUER_URL, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, label: env.OIDC_LABEL }
        : undefined,
  };
}

function collateralStore(env: z.output<typeof envSchema>, dataDir: string): CollateralStoreConfig {
  if (env.COLLATERAL_STORE === 'directory') return { kind: 'directory', dir: path.resolve(env.COLLATERAL_DIR ?? path.join(dataDir, 'collateral')) };
  const problems: string[] = [];
  if (!env.COLLATERAL_S3_BUCKET) problems.push('  COLLATERAL_S3_BUCKET: must be set when COLLATERAL_STORE=s3');
  if (Boolean(env.COLLATERAL_S3_ACCESS_KEY_ID) !== Boolean(env.COLLATERAL_S3_SECRET_ACCESS_KEY)) {
    problems.push('  COLLATERAL_S3_ACCESS_KEY_ID, COLLATERAL_S3_SECRET_ACCESS_KEY: set both, or neither for the AWS SDK\'s default credentials');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    kind: 's3',
    bucket: env.COLLATERAL_S3_BUCKET!,
    prefix: env.COLLATERAL_S3_PREFIX,
    region: env.COLLATERAL_S3_REGION,
    endpoint: env.COLLATERAL_S3_ENDPOINT,
    forcePathStyle: env.COLLATERAL_S3_FORCE_PATH_STYLE,
    credentials: env.COLLATERAL_S3_ACCESS_KEY_ID && env.COLLATERAL_S3_SECRET_ACCESS_KEY ? { accessKeyId: env.COLLATERAL_S3_ACCESS_KEY_ID, secretAccessKey: env.COLLATERAL_S3_SECRET_ACCESS_KEY } : undefined,
  };
}

const isLoopback = (hostname: string) => hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
