import type { SeedResult } from './seed-demo-data';

export interface WhereToLook {
  consoleUrl: string;
  temporalUiUrl?: string;
  mailCatcherUrl?: string;
}

const pad = (text: string, width: number) => text.padEnd(width);

/** What `npm run seed` prints: one key per person (shown once), what there is, and where to look. */
export function formatSeedResult(result: SeedResult, where: WhereToLook): string {
  const { users, campaigns } = result;
  const nameWidth = Math.max(...users.map((user) => user.name.length)) + 2;
  const emailWidth = Math.max(...users.map((user) => user.email.length)) + 2;
  const byHandle = Object.fromEntries(users.map((user) => [user.handle, user]));
  const lines = [
    '',
    `Demo organization "${result.organization.name}" seeded in ${result.seconds.toFixed(1)} s.`,
    '',
    'People and their API keys (shown once: store them now; sign in to the console with one):',
    ...users.flatMap((user) => [`  ${pad(user.name, nameWidth)}${pad(user.role, 10)}${pad(user.email, emailWidth)}${user.apiKey}`, `  ${' '.repeat(nameWidth)}${user.job}`]),
    '',
    'What there is:',
    `  ${result.accounts} accounts in every status, with their history over the last months`,
    `  ${result.accountWorkflows} account workflows running, with their timers (re-contacts after refusals, escalations of overdue tasks)`,
    `  tasks due today and overdue in the "My day" of ${byHandle.north.name} and ${byHandle.south.name}`,
    `  2 segments, 2 templates, 3 campaigns: one completed with ${campaigns.responses} responses by sub-source,`,
    `    one waiting for the approval of ${byHandle.director.name}, one waiting for its list date`,
    `  an annual sales plan and its 4 quarters, waiting for the approval of ${byHandle.admin.name}`,
    '',
    'Where to look:',
    `  Console       ${where.consoleUrl}`,
    ...(where.temporalUiUrl ? [`  Temporal UI   ${where.temporalUiUrl}  (running account, campaign and plan workflows and their timers)`] : []),
    ...(where.mailCatcherUrl ? [`  Mail catcher  ${where.mailCatcherUrl}  (welcome e-mails, the newsletter, approval requests, escalations)`] : []),
    '',
  ];
  return lines.join('\n');
}
