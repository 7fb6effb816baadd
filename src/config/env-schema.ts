import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/rate-limit-settings';
import { parseTrustProxy } from '../rate-limit/trust-proxy';
import { IsoDuration } from '../rules/duration.schemas';
import { parseFileSize } from '../collateral/file-size';

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z.string().trim().min(1).optional();

// "false" must mean false: z.coerce.boolean() would read any non-empty string as true.
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const millisecondsPer = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
// Written as the Temporal SDK writes durations; a bare number is milliseconds, as in the SDK.
const duration = z
  .string()
  .trim()
  .regex(/^\d+(ms|s|m|h)?$/, 'must be a duration such as 30s, 2m or 500ms (a bare number is milliseconds)')
  .transform((text) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h)?$/.exec(text)!;
    return Number(amount) * millisecondsPer[(unit ?? 'ms') as keyof typeof millisecondsPer];
  });

const atLeastOneSecond = (schema: typeof duration) => schema.refine((milliseconds) => milliseconds >= 1_000, 'must be 1s or more');

export const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:/\s]+:\d{1,5}$/, 'must be host:port, for example localhost:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('crm'),
  TEMPORAL_CLI_PATH: optionalString,
  /** Temporal Cloud (or any server with API-key auth); implies TLS unless TEMPORAL_TLS=false. */
  TEMPORAL_API_KEY: optionalString,
  TEMPORAL_TLS: booleanFlag.optional(),
  /** Where admins open the Temporal UI; the console links each account, campaign and plan to its workflow there. */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, for example http://localhost:8233' }).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  // Exactly one address: it is every campaign message's envelope sender.
  MAIL_FROM: z
    .string()
    .refine((from) => {
      const parsed = addressparser(from, { flatten: true });
      return parsed.length === 1 && /^[^\s@]+@[^\s@]+$/.test(parsed[0].address);
    }, 'must be one e-mail address, for example "CRM <crm@example.com>"')
    .default('CRM <crm@localhost>'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  ADMIN_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Console sessions: how long one lasts at most, and how long it may go unused. */
  SESSION_TTL: atLeastOneSecond(duration).default(12 * 3_600_000),
  SESSION_IDLE_TIMEOUT: atLeastOneSecond(duration).default(2 * 3_600_000),
  /** How long an e-mailed sign-in link stays valid. */
  SIGN_IN_LINK_TTL: atLeastOneSecond(duration).default(15 * 60_000),
  /** Sign-in link requests per client address in each window. */
  SIGN_IN_LINK_RATE_LIMIT: wholeNumber(1, 1_000_000).default(10),
  SIGN_IN_LINK_RATE_WINDOW: atLeastOneSecond(duration).default(15 * 60_000),
  /** Sign-in with the organization's OpenID Connect provider: all three, or none. */
  OIDC_ISSUER_URL: z.url({ protocol: /^https?$/, error: 'must be the https:// URL of the provider (http:// only for localhost)' }).optional(),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  /** The provider's name on the console's sign-in button. */
  OIDC_LABEL: z.string().trim().min(1).max(60).default('your organization'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  MAIL_CATCHER_SMTP_PORT: port.default(1025),
  MAIL_CATCHER_HTTP_PORT: port.default(1080),
  RUN_MIGRATIONS: booleanFlag.default(true),
  /** Which proxies' X-Forwarded-For names the client address that rate limits count (src/rate-limit/trust-proxy.ts). */
  TRUST_PROXY: z
    .string()
    .transform((text, ctx) => {
      const parsed = parseTrustProxy(text);
      if (typeof parsed === 'object' && !Array.isArray(parsed)) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    })
    .default(false),
  /** Refused credentials one client address may send per window before its requests answer 429. */
  AUTH_FAILURE_LIMIT: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.authFailures.limit),
  AUTH_FAILURE_WINDOW: duration.refine((milliseconds) => milliseconds >= 1_000, 'must be 1s or more').default(DEFAULT_RATE_LIMITS.authFailures.windowMs),
  /** Requests to the public unsubscribe pages one client address may send per window. */
  UNSUBSCRIBE_RATE_LIMIT: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.unsubscribe.limit),
  UNSUBSCRIBE_RATE_WINDOW: duration.refine((milliseconds) => milliseconds >= 1_000, 'must be 1s or more').default(DEFAULT_RATE_LIMITS.unsubscribe.windowMs),
  /** Requests to the public event registration pages one client address may send per window. */
  EVENT_REGISTRATION_RATE_LIMIT: wholeNumber(1, 1_000_000).default(DEFAULT_RATE_LIMITS.eventRegistration.limit),
  EVENT_REGISTRATION_RATE_WINDOW: duration.refine((milliseconds) => milliseconds >= 1_000, 'must be 1s or more').default(DEFAULT_RATE_LIMITS.eventRegistration.windowMs),
  /** Connections each API or worker process may open to PostgreSQL. */
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).default(10),
  /** The worker's GET /health (200 while it runs, 503 otherwise); unset: not served. */
  WORKER_HEALTH_PORT: port.optional(),
  /** The Temporal SDK's Prometheus metrics (GET /metrics); unset: not served. */
  WORKER_METRICS_PORT: port.optional(),
  /** After SIGTERM, how long activities in flight may finish before they are cancelled (the SDK's default: 0). */
  WORKER_SHUTDOWN_GRACE_TIME: duration.default(0),
  // The worker's slots, defaults as in the Temporal SDK. Workflow tasks need 2 at least: the SDK refuses fewer.
  WORKER_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS: wholeNumber(1, 10_000).default(100),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASK_EXECUTIONS: wholeNumber(2, 10_000).default(40),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITY_EXECUTIONS: wholeNumber(1, 10_000).default(100),
  /** How soon a campaign stage waiting for N responses is planned again (the response that meets the count also wakes it). ISO 8601. */
  CAMPAIGN_RESPONSE_RECHECK: IsoDuration.default('PT5M'),
  /** The shortest interval an evergreen campaign may enroll at. ISO 8601. */
  EVERGREEN_MIN_INTERVAL: IsoDuration.default('PT1H'),
  /** How long an event's OPEN task may be overdue before its workflow escalates it. ISO 8601. */
  EVENT_TASK_ESCALATE_AFTER: IsoDuration.default('P1D'),
  /** Where the collateral library keeps its files: a directory (COLLATERAL_DIR, default <DATA_DIR>/collateral) or an S3-compatible bucket. */
  COLLATERAL_STORE: z.enum(['directory', 's3'], { error: 'must be directory or s3' }).default('directory'),
  COLLATERAL_DIR: optionalString,
  /** The largest file the library takes: 20MB, 512KB, or bytes; at most 1GB. */
  COLLATERAL_MAX_FILE_SIZE: z
    .string()
    .transform((text, ctx) => {
      const bytes = parseFileSize(text);
      if (bytes === undefined || bytes < 1 || bytes > 1024 ** 3) {
        ctx.addIssue({ code: 'custom', message: 'must be a size from 1 byte to 1GB, such as 20MB, 512KB or 1048576' });
        return z.NEVER;
      }
      return bytes;
    })
    .default(20 * 1024 * 1024),
  /** What the files a MAILING stage attaches (rather than links) may add up to: 5MB, 512KB, or bytes; at most 50MB. */
  MAIL_ATTACHMENTS_MAX_SIZE: z
    .string()
    .transform((text, ctx) => {
      const bytes = parseFileSize(text);
      if (bytes === undefined || bytes < 1 || bytes > 50 * 1024 ** 2) {
        ctx.addIssue({ code: 'custom', message: 'must be a size from 1 byte to 50MB, such as 5MB, 512KB or 1048576' });
        return z.NEVER;
      }
      return bytes;
    })
    .default(5 * 1024 * 1024),
  /** How long a collateral download link in a campaign message works, from the message's sending (720h: 30 days). */
  COLLATERAL_LINK_TTL: atLeastOneSecond(duration).default(30 * 24 * 3_600_000),
  /** With COLLATERAL_STORE=s3: the bucket (required), an S3-compatible endpoint (unset: AWS), and how to reach it. */
  COLLATERAL_S3_BUCKET: optionalString,
  COLLATERAL_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL, for example http://minio:9000' }).optional(),
  COLLATERAL_S3_REGION: z.string().trim().min(1).default('us-east-1'),
  COLLATERAL_S3_PREFIX: z.string().max(200, 'must be at most 200 characters').default('collateral/'),
  COLLATERAL_S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  /** Both or neither; neither: the AWS SDK's default credentials (environment, profile, instance role). */
  COLLATERAL_S3_ACCESS_KEY_ID: optionalString,
  COLLATERAL_S3_SECRET_ACCESS_KEY: optionalString,
});

export type EnvInput = z.input<typeof envSchema>;
