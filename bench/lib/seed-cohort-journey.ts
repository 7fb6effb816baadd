import { createListActivities } from '../../activities/campaign/list-activities';
import type { Db } from '../../src/db/prisma';
import type { Mailer } from '../../src/mail/mailer';

/** A journey's past, for the stage-cohort benchmark: stage 1 LIST and stage 2 MAILING have run. */
export interface SeededJourney {
  campaignId: string;
  listed: number;
  responses: number;
  deliveries: Record<string, number>;
}

const noMailer: Mailer = { send: async () => ({ messageId: '' }), maxConnections: 1, close: () => undefined };

/**
 * `contacts` contacts in accounts of 5, all set-based (as list-generation.bench.ts seeds them, without
 * duplicates or suppression), then a campaign whose LIST stage froze them all with the real
 * freezeTargetList (a 10% random test cell), whose MAILING stage (started a day later) has a delivery
 * per target contact with an address, and responses through two sub-sources. By a hash of the contact:
 * - deliveries: 90% SENT, 4% FAILED (half of them bounced), 6% SKIPPED;
 * - responses: 3% of the contacts through WEB, half of them before the mailing started; 1% of the
 *   accounts by phone without a contact; plus 200,000 responses to another campaign;
 * - 2% of the accounts changed status to CLIENT after the listing.
 */
export async function seedCohortJourney(db: Db, contacts: number): Promise<SeededJourney> {
  const perAccount = 5;
  const accounts = Math.ceil(contacts / perAccount);
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, status, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Account ' || i, 'bench', 'NEW', '{}', now(), now() FROM generate_series(0, ${accounts - 1}::int) i`;
  await db.$executeRawUnsafe('DROP INDEX contacts_account_id_idx, contacts_email_normalized_idx');
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary, created_at)
    SELECT gen_random_uuid(), md5('account' || (i / ${perAccount}::int))::uuid, 'Contact ' || i, e.email, e.email, i % ${perAccount}::int = 0, now()
    FROM generate_series(0, ${contacts - 1}::int) i
    CROSS JOIN LATERAL (SELECT CASE WHEN i % 50 = 7 THEN NULL ELSE 'person' || i || '@example.com' END AS email) e`;
  await db.$executeRawUnsafe('CREATE INDEX contacts_account_id_idx ON contacts (account_id)');
  await db.$executeRawUnsafe('CREATE INDEX contacts_email_normalized_idx ON contacts (email_normalized)');
  await db.$executeRawUnsafe('VACUUM ANALYZE accounts');
  await db.$executeRawUnsafe('VACUUM ANALYZE contacts');

  const segment = await db.segment.create({ data: { name: 'bench', criteria: { field: 'account.segment', op: 'eq', value: 'bench' } }, select: { id: true } });
  const campaign = await db.campaign.create({ data: { name: 'bench journey', status: 'RUNNING' }, select: { id: true } });
  const campaignId = campaign.id;
  const listedAt = new Date(Date.now() - 20 * 86_400_000);
  const mailedAt = new Date(listedAt.getTime() + 86_400_000);
  const listSettings = { segmentId: segment.id, testCell: { mode: 'random', percent: 10 } };
  const list = await db.campaignStage.create({
    data: { campaignId, position: 0, type: 'LIST', status: 'RUNNING', settings: listSettings, startedSettings: listSettings, startedAt: listedAt },
    select: { id: true },
  });
  const { freezeTargetList } = createListActivities({ db, mailer: noMailer, publicUrl: 'http://bench' });
  const counts = await freezeTargetList({ campaignId, stageId: list.id });
  await db.campaignStage.update({ where: { id: list.id }, data: { status: 'COMPLETED', completedAt: mailedAt } });
  const mailingSettings = { templateKey: 'bench', ratePerSecond: 100, template: { key: 'bench', subject: 'Hi', text: 'Hi', html: null } };
  const mailing = await db.campaignStage.create({
    data: { campaignId, position: 1, type: 'MAILING', status: 'COMPLETED', settings: mailingSettings, startedSettings: mailingSettings, startedAt: mailedAt, completedAt: mailedAt },
    select: { id: true },
  });

  // A stable draw per contact, 0..9999.
  const draw = (column: string) => `(abs(hashtext(${column}::text)) % 10000)`;
  await db.$executeRawUnsafe(
    `INSERT INTO mail_deliveries (stage_id, contact_id, campaign_id, account_id, state, attempts, sent_at)
     SELECT $1::uuid, r.contact_id, r.campaign_id, r.account_id, o.state::"DeliveryState", 1, CASE WHEN o.state = 'SENT' THEN $3::timestamptz END
     FROM campaign_recipients r
     CROSS JOIN LATERAL (SELECT CASE WHEN ${draw('r.contact_id')} < 9000 THEN 'SENT' WHEN ${draw('r.contact_id')} < 9400 THEN 'FAILED' ELSE 'SKIPPED' END AS state) o
     WHERE r.campaign_id = $2::uuid AND r.cell = 'TARGET' AND r.email_normalized IS NOT NULL
     ORDER BY r.contact_id`,
    mailing.id,
    campaignId,
    mailedAt,
  );
  await db.$executeRawUnsafe(
    `UPDATE contacts c SET bounced_at = $2::timestamptz FROM mail_deliveries d
     WHERE d.stage_id = $1::uuid AND d.contact_id = c.id AND d.state = 'FAILED' AND ${draw('d.contact_id')} % 2 = 0`,
    mailing.id,
    mailedAt,
  );

  const [web, phone] = await Promise.all(
    ['WEB', 'PHONE'].map(async (code) => (await db.campaignSource.create({ data: { campaignId, code, name: code }, select: { id: true } })).id),
  );
  const other = await db.campaign.create({ data: { name: 'another campaign', status: 'RUNNING' }, select: { id: true } });
  const otherSource = (await db.campaignSource.create({ data: { campaignId: other.id, code: 'WEB', name: 'WEB' }, select: { id: true } })).id;
  const creator = '00000000-0000-4000-8000-000000000001';
  const responses = await db.$executeRawUnsafe(
    `INSERT INTO responses (id, campaign_id, source_id, account_id, contact_id, type, occurred_at, created_by_id)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, r.account_id, r.contact_id, 'WEB_FORM'::"ResponseType", $4::timestamptz + (${draw('r.contact_id')} % 2 * 2 - 1) * interval '5 hours', $5::uuid
     FROM campaign_recipients r WHERE r.campaign_id = $1::uuid AND ${draw('r.contact_id')} % 100 < 3
     UNION ALL
     SELECT gen_random_uuid(), $1::uuid, $3::uuid, a.id, NULL, 'CALL'::"ResponseType", $4::timestamptz + interval '2 days', $5::uuid
     FROM accounts a WHERE ${draw('a.id')} % 100 = 42`,
    campaignId,
    web,
    phone,
    mailedAt,
    creator,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO responses (id, campaign_id, source_id, account_id, contact_id, type, occurred_at, created_by_id)
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, c.account_id, c.id, 'WEB_FORM'::"ResponseType", now(), $3::uuid FROM contacts c WHERE ${draw('c.id')} % 5 = 0`,
    other.id,
    otherSource,
    creator,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO status_changes (id, account_id, from_status, to_status, reason, changed_at)
     SELECT gen_random_uuid(), a.id, 'NEW'::"AccountStatus", 'CLIENT'::"AccountStatus", 'bench', $1::timestamptz + interval '3 days' FROM accounts a WHERE ${draw('a.id')} % 50 = 0`,
    listedAt,
  );
  for (const table of ['campaign_recipients', 'mail_deliveries', 'responses', 'status_changes', 'contacts']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  const outcomes = await db.$queryRaw<{ state: string; count: number }[]>`
    SELECT state::text, count(*)::int AS count FROM mail_deliveries WHERE stage_id = CAST(${mailing.id} AS uuid) GROUP BY state`;
  return { campaignId, listed: counts.listed, responses, deliveries: Object.fromEntries(outcomes.map((row) => [row.state, row.count])) };
}
