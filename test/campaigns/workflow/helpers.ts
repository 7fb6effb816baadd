import { eventually } from '../../support/eventually';
import type { TestApp } from '../../support/test-app';

export interface Marketing {
  marketer: { id: string; key: string };
  approver: { id: string; key: string };
  as(user: { key: string }): { Authorization: string };
}

export async function marketingTeam(t: TestApp): Promise<Marketing> {
  const marketer = await t.userWithKey('marketer');
  const approver = await t.userWithKey('manager');
  return { marketer, approver, as: (user) => ({ Authorization: `Bearer ${user.key}` }) };
}

/**
 * A segment over accounts tagged `tag`, imported through the API: `mailable` distinct addresses,
 * one duplicate of the first address (other case, another account), one do-not-contact contact and
 * one unsubscribed contact. Answers the segment id and the addresses that must receive mail.
 */
export async function audience(t: TestApp, team: Marketing, tag: string, mailable = 5) {
  const emails = Array.from({ length: mailable }, (_, index) => `${tag}-${index}@clients.test`);
  const rows = [
    ...emails.map((email, index) => ({ accountName: `${tag} account ${index}`, segment: tag, contact: { name: `Contact ${index}`, email } })),
    { accountName: `${tag} do not contact`, segment: tag, contact: { name: 'Do not contact', email: `${tag}-dnc@clients.test` } },
    { accountName: `${tag} unsubscribed`, segment: tag, contact: { name: 'Unsubscribed', email: `${tag}-unsub@clients.test` } },
  ];
  const imported = await t.request.post('/api/v1/accounts/import').set(team.as(team.marketer)).send({ rows });
  if (imported.status !== 200) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
  // The import merges a repeated address into one contact; a duplicate made by hand is the list's to merge.
  const other = await t.database.db.account.findFirstOrThrow({ where: { name: `${tag} do not contact` }, select: { id: true } });
  await t.database.db.contact.create({ data: { accountId: other.id, name: 'Same person', email: emails[0].toUpperCase(), emailNormalized: emails[0] } });
  await t.database.db.contact.updateMany({ where: { emailNormalized: `${tag}-dnc@clients.test` }, data: { doNotContact: true } });
  await t.database.db.contact.updateMany({ where: { emailNormalized: `${tag}-unsub@clients.test` }, data: { unsubscribedAt: new Date() } });
  const segment = await t.request
    .post('/api/v1/segments')
    .set(team.as(team.marketer))
    .send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  if (segment.status !== 201) throw new Error(`segment failed: ${JSON.stringify(segment.body)}`);
  return { segmentId: segment.body.id as string, emails };
}

export async function template(t: TestApp, team: Marketing, key: string) {
  const created = await t.request
    .post('/api/v1/templates')
    .set(team.as(team.marketer))
    .send({ key, name: key, subject: 'Offer for {{ account.name }}', text: 'Hello {{ contact.name }}, see {{ campaign.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  if (created.status !== 201) throw new Error(`template failed: ${JSON.stringify(created.body)}`);
  return key;
}

export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

export async function createCampaign(t: TestApp, team: Marketing, body: object): Promise<{ id: string; stages: { id: string; type: string }[] }> {
  const created = await t.request.post('/api/v1/campaigns').set(team.as(team.marketer)).send(body);
  if (created.status !== 201) throw new Error(`campaign failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export async function getCampaign(t: TestApp, team: Marketing, id: string) {
  const response = await t.request.get(`/api/v1/campaigns/${id}`).set(team.as(team.marketer));
  if (response.status !== 200) throw new Error(`get failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Waits until the campaign's view satisfies `check` (an expect-throwing function). */
export async function campaignWhen(t: TestApp, team: Marketing, id: string, check: (campaign: any) => void, timeoutMs = 30_000) {
  return eventually(async () => {
    const campaign = await getCampaign(t, team, id);
    check(campaign);
    return campaign;
  }, timeoutMs);
}

/**
 * `count` accounts tagged `tag` (their segment), one contact each at `<tag>-…@<domain>`, written
 * set-based: for tests where the list is not what is tested. Answers the normalized addresses.
 */
export async function seedRecipients(t: TestApp, tag: string, count: number, domain: string): Promise<string[]> {
  await t.database.db.$executeRaw`
    WITH new_accounts AS (
      INSERT INTO accounts (id, name, segment, updated_at)
      SELECT gen_random_uuid(), ${tag} || ' account ' || n, ${tag}, now() FROM generate_series(1, ${count}::int) AS n
      RETURNING id, name
    )
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary)
    SELECT gen_random_uuid(), id, 'Contact of ' || name, replace(name, ' ', '-') || '@' || ${domain}, lower(replace(name, ' ', '-') || '@' || ${domain}), true FROM new_accounts`;
  const rows = await t.database.db.contact.findMany({ where: { emailNormalized: { startsWith: `${tag}-` } }, select: { emailNormalized: true } });
  return rows.map((row) => row.emailNormalized!);
}
