import type { EmbeddedServices } from './start-embedded-services';

/** Plain stdout, not the JSON log: this is for the person who typed `npm start`. */
export function printWhereEverythingIs(info: { apiUrl: string; services?: Partial<EmbeddedServices>; createdAdminKey?: string }): void {
  const lines = [
    '',
    'CRM workflow engine is running',
    `  Console       ${info.apiUrl}/console/  (sign in with an e-mailed link or an API key)`,
    `  API           ${info.apiUrl}/api/v1`,
    `  API docs      ${info.apiUrl}/docs`,
    `  Health        ${info.apiUrl}/health  ${info.apiUrl}/ready  ${info.apiUrl}/metrics`,
  ];
  if (info.services?.temporalUiUrl) lines.push(`  Temporal UI   ${info.services.temporalUiUrl}`);
  if (info.services?.mailCatcherUrl) lines.push(`  Mail catcher  ${info.services.mailCatcherUrl}`);
  if (info.createdAdminKey) {
    lines.push('', `  Admin API key (shown once, store it now): ${info.createdAdminKey}`);
    lines.push(`  Try: curl -H "Authorization: Bearer ${info.createdAdminKey}" ${info.apiUrl}/api/v1/me`);
  }
  console.log(lines.join('\n') + '\n');
}
