/** What global setup started, handed to every test file through the environment. */
export const testEnv = {
  databaseAdminUrl: 'TEST_DATABASE_ADMIN_URL',
  templateDatabase: 'TEST_TEMPLATE_DATABASE',
  temporalAddress: 'TEST_TEMPORAL_ADDRESS',
  smtpUrl: 'TEST_SMTP_URL',
  mailCatcherUrl: 'TEST_MAIL_CATCHER_URL',
} as const;

export function testService(name: keyof typeof testEnv): string {
  const value = process.env[testEnv[name]];
  if (!value) throw new Error(`${testEnv[name]} is not set: run the tests with jest's global setup (npm test)`);
  return value;
}
