import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const optionalString = z.string().trim().min(1).optional();

// "false" must mean false: z.coerce.boolean() would read any non-empty string as true.
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

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
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  MAIL_CATCHER_SMTP_PORT: port.default(1025),
  MAIL_CATCHER_HTTP_PORT: port.default(1080),
  RUN_MIGRATIONS: booleanFlag.default(true),
});

export type EnvInput = z.input<typeof envSchema>;
