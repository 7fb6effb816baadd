import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  test('when nothing is set then every default points at the embedded services', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      smtpUrl: undefined,
      port: 3000,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      dataDir: path.resolve('.data'),
      runMigrations: true,
      temporal: { address: undefined, namespace: 'default', taskQueue: 'crm' },
      embedded: { postgresPort: 5433, temporalPort: 7233, temporalUiPort: 8233, mailSmtpPort: 1025, mailHttpPort: 1080 },
    });
  });

  test('when service URLs are set then they are used as given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db:5432/crm',
      TEMPORAL_ADDRESS: 'temporal:7233',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_URL: 'https://crm.example.com/',
    });
    expect(config.databaseUrl).toBe('postgresql://u:p@db:5432/crm');
    expect(config.temporal.address).toBe('temporal:7233');
    expect(config.smtpUrl).toBe('smtp://mail:25');
    expect(config.publicUrl).toBe('https://crm.example.com');
  });

  test('when a value is empty then it counts as not set', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl).toBeUndefined();
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/crm'],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233'],
    ['SMTP_URL', 'localhost:25'],
    ['PUBLIC_URL', 'ftp://x'],
    ['ADMIN_API_KEY', 'short'],
    ['LOG_LEVEL', 'verbose'],
    ['RUN_MIGRATIONS', 'yes'],
    ['TEMPORAL_TLS', 'on'],
    ['MAIL_FROM', 'CRM'],
    ['MAIL_FROM', 'a@example.com, b@example.com'],
    ['DATABASE_POOL_SIZE', '0'],
    ['WORKER_HEALTH_PORT', 'health'],
    ['WORKER_METRICS_PORT', '0'],
    ['WORKER_SHUTDOWN_GRACE_TIME', '30 seconds'],
    ['WORKER_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS', '1.5'],
    ['WORKER_MAX_CONCURRENT_WORKFLOW_TASK_EXECUTIONS', '1'],
    ['WORKER_MAX_CONCURRENT_LOCAL_ACTIVITY_EXECUTIONS', 'many'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'proxy.example.com'],
    ['AUTH_FAILURE_LIMIT', '0'],
    ['AUTH_FAILURE_WINDOW', '500ms'],
    ['UNSUBSCRIBE_RATE_LIMIT', 'lots'],
    ['UNSUBSCRIBE_RATE_WINDOW', '1 minute'],
  ])('when %s is %p then start-up stops with a message naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^\\s+${name}:`, 'm'));
  });

  test('when a Temporal API key is set then TLS is on unless turned off', () => {
    expect(loadConfig({}).temporal).toMatchObject({ apiKey: undefined, tls: false });
    expect(loadConfig({ TEMPORAL_API_KEY: 'k' }).temporal).toMatchObject({ apiKey: 'k', tls: true });
    expect(loadConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporal.tls).toBe(false);
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporal.tls).toBe(true);
  });

  test('when nothing is set then the worker serves no health or metrics endpoint and keeps the Temporal SDK defaults', () => {
    expect(loadConfig({})).toMatchObject({
      databasePoolSize: 10,
      worker: {
        healthPort: undefined,
        metricsPort: undefined,
        tuning: { shutdownGraceTime: 0, maxConcurrentActivityTaskExecutions: 100, maxConcurrentWorkflowTaskExecutions: 40, maxConcurrentLocalActivityExecutions: 100 },
      },
    });
  });

  test('when the worker settings are set then they are read, durations in milliseconds', () => {
    const config = loadConfig({
      DATABASE_POOL_SIZE: '25',
      WORKER_HEALTH_PORT: '8081',
      WORKER_METRICS_PORT: '9464',
      WORKER_SHUTDOWN_GRACE_TIME: '2m',
      WORKER_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS: '20',
      WORKER_MAX_CONCURRENT_WORKFLOW_TASK_EXECUTIONS: '8',
      WORKER_MAX_CONCURRENT_LOCAL_ACTIVITY_EXECUTIONS: '5',
    });
    expect(config.databasePoolSize).toBe(25);
    expect(config.worker).toEqual({
      healthPort: 8081,
      metricsPort: 9464,
      tuning: { shutdownGraceTime: 120_000, maxConcurrentActivityTaskExecutions: 20, maxConcurrentWorkflowTaskExecutions: 8, maxConcurrentLocalActivityExecutions: 5 },
    });
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE_TIME: '1500' }).worker.tuning.shutdownGraceTime).toBe(1500);
    expect(loadConfig({ WORKER_SHUTDOWN_GRACE_TIME: '250ms' }).worker.tuning.shutdownGraceTime).toBe(250);
  });

  test('when nothing is set then no proxy is trusted and the rate limits suit production; when set they are read', () => {
    expect(loadConfig({})).toMatchObject({
      trustProxy: false,
      rateLimits: { authFailures: { limit: 20, windowMs: 900_000 }, unsubscribe: { limit: 300, windowMs: 60_000 }, eventRegistration: { limit: 60, windowMs: 60_000 } },
    });
    const config = loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1', AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW: '1h', UNSUBSCRIBE_RATE_LIMIT: '50', UNSUBSCRIBE_RATE_WINDOW: '30s' });
    expect(config.trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    expect(config.rateLimits).toEqual({ authFailures: { limit: 5, windowMs: 3_600_000 }, unsubscribe: { limit: 50, windowMs: 30_000 }, eventRegistration: { limit: 60, windowMs: 60_000 } });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  test('when a boolean flag is "false" then it is false', () => {
    expect(loadConfig({ RUN_MIGRATIONS: 'false' }).runMigrations).toBe(false);
    expect(loadConfig({ RUN_MIGRATIONS: '0' }).runMigrations).toBe(false);
    expect(loadConfig({ RUN_MIGRATIONS: 'true' }).runMigrations).toBe(true);
  });

  test('when nothing is set then mailings attach up to 5 MB of files and their links work 30 days; when set they are read, and a bad size is named', () => {
    expect(loadConfig({}).mailCollateral).toEqual({ attachmentsMaxBytes: 5 * 1024 * 1024, linkTtlMs: 30 * 24 * 3_600_000 });
    expect(loadConfig({ MAIL_ATTACHMENTS_MAX_SIZE: '512KB', COLLATERAL_LINK_TTL: '48h' }).mailCollateral).toEqual({ attachmentsMaxBytes: 512 * 1024, linkTtlMs: 48 * 3_600_000 });
    expect(() => loadConfig({ MAIL_ATTACHMENTS_MAX_SIZE: '1GB' })).toThrow(/MAIL_ATTACHMENTS_MAX_SIZE: must be a size from 1 byte to 50MB/);
  });
});
