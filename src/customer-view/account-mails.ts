import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { AccountMailPage, AccountMailView, CustomerViewQuery } from './customer-view.schemas';
import { belowCursor, isoOrNull, toPage, type SortedRow } from './section-page';

type Row = SortedRow & Omit<AccountMailView, 'at' | 'unsubscribedAt'> & { unsubscribedAt: Date | null };

/**
 * What the SMTP server answered when it refused the address itself (550, 551, 553): the mailing marked
 * the contact bounced (src/mail/smtp-failure.ts), and the row keeps the answer as its reason.
 */
const BOUNCE_REASON = '^refused by the SMTP server: 55[013]';

/**
 * Every mail meant for the account's contacts, latest first: campaign mailings (mail_deliveries,
 * reached through the account's contacts by mail_deliveries_contact_id_sent_at_idx) with their delivery
 * state, whether the recipient unsubscribed with the campaign's link (the campaign event keyed
 * `unsubscribed:<campaign>:<contact>`), and the outbox's rule and event e-mails to a contact
 * (outbound_emails_account_id_created_at_idx). A delivery row has no id of its own: its key is derived
 * from the stage and the contact, so the cursor can name it.
 */
export async function listAccountMails(db: DbClient, caller: AccountCaller, accountId: string, query: CustomerViewQuery): Promise<AccountMailPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const account = Prisma.sql`CAST(${accountId} AS uuid)`;
  const rows = await db.$queryRaw<Row[]>`
    WITH mails AS (
      SELECT md5(d.stage_id::text || d.contact_id::text)::uuid AS sort_id, 'CAMPAIGN' AS kind,
        COALESCE(d.sent_at, d.claimed_at, s.started_at, c.created_at) AS sort_at,
        CASE
          WHEN d.state = 'FAILED' AND d.reason ~ ${BOUNCE_REASON} THEN 'BOUNCED'
          WHEN d.state IN ('PENDING', 'SENDING') THEN 'QUEUED'
          ELSE d.state::text
        END AS status,
        d.reason, u.at AS unsubscribed_at, d.contact_id, ct.name AS contact_name, c.id AS campaign_id, c.name AS campaign_name,
        s.id AS stage_id, COALESCE(s.name, 'Stage ' || (s.position + 1)) AS stage_name, NULL::uuid AS event_id, NULL AS event_name,
        COALESCE(t.name, s.started_settings->>'templateKey', s.settings->>'templateKey') AS template
      FROM contacts ct
      JOIN mail_deliveries d ON d.contact_id = ct.id
      JOIN campaign_stages s ON s.id = d.stage_id
      JOIN campaigns c ON c.id = d.campaign_id
      LEFT JOIN campaign_events u ON u.dedupe_key = 'unsubscribed:' || d.campaign_id::text || ':' || d.contact_id::text
      LEFT JOIN email_templates t ON t.key = COALESCE(s.started_settings->>'templateKey', s.settings->>'templateKey')
      WHERE ct.account_id = ${account}
      UNION ALL
      SELECT o.id, CASE WHEN o.kind = 'EVENT_EMAIL' THEN 'EVENT' ELSE 'RULE' END, COALESCE(o.sent_at, o.created_at),
        CASE WHEN o.sent_at IS NOT NULL THEN 'SENT' WHEN o.skipped_reason IS NOT NULL THEN 'SKIPPED' ELSE 'QUEUED' END,
        COALESCE(o.skipped_reason, o.last_error), NULL::timestamptz, who.id, who.name, NULL::uuid, NULL, NULL::uuid, NULL, e.id, e.name,
        COALESCE(t.name, o.template_key)
      FROM outbound_emails o
      LEFT JOIN event_registrations r ON r.id = o.event_registration_id
      LEFT JOIN events e ON e.id = o.event_id
      LEFT JOIN email_templates t ON t.key = o.template_key
      LEFT JOIN LATERAL (
        SELECT c2.id, c2.name FROM contacts c2
        WHERE c2.account_id = o.account_id AND (c2.id = r.contact_id OR (r.id IS NULL AND c2.email_normalized = lower(btrim(o.recipient_email))))
        ORDER BY c2.is_primary DESC LIMIT 1
      ) who ON TRUE
      WHERE o.account_id = ${account} AND (o.kind = 'EVENT_EMAIL' OR (o.kind = 'RULE_EMAIL' AND o.recipient_kind IS DISTINCT FROM 'owner'))
    )
    SELECT sort_id::text AS id, sort_id::text AS "sortId", sort_at AS "sortAt", kind, status, reason, unsubscribed_at AS "unsubscribedAt",
      contact_id::text AS "contactId", contact_name AS "contactName", campaign_id::text AS "campaignId", campaign_name AS "campaignName",
      stage_id::text AS "stageId", stage_name AS "stageName", event_id::text AS "eventId", event_name AS "eventName", template
    FROM mails
    WHERE ${belowCursor(Prisma.sql`sort_at`, Prisma.sql`sort_id`, query.cursor)}
    ORDER BY sort_at DESC, sort_id DESC
    LIMIT ${query.limit + 1}`;
  return toPage(rows, query.limit, ({ sortAt, sortId: _id, ...row }) => ({ ...row, at: new Date(sortAt).toISOString(), unsubscribedAt: isoOrNull(row.unsubscribedAt) }));
}
