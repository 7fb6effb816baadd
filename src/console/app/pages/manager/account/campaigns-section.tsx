import { StatusBadge } from '../../../components/badge';
import { formatDate, humanize } from '../../../format';
import { t } from '../../../i18n/i18n';
import { href } from '../../../router';
import type { AccountCampaign } from './customer-view-types';
import { SectionCard, useAccountSection } from './section-card';

// LIST → "List", CALL_TASKS → "Call tasks": the words the campaign pages use.
const stageType = (type: string) => humanize(type);

/** The campaigns whose lists held the account's contacts: who was listed, when, and what each stage did with them. */
export function CampaignsSection({ accountId }: { accountId: string }) {
  const list = useAccountSection<AccountCampaign>(accountId, 'campaigns');
  return (
    <SectionCard id="account-campaigns" title={t('Campaigns')} list={list} empty={t('None of the contacts was in a campaign yet.')} errorTitle={t('Could not load the campaigns')}>
      <ul class="plain-list">
        {list.items.map((campaign) => (
          <CampaignItem key={campaign.campaignId} campaign={campaign} />
        ))}
      </ul>
    </SectionCard>
  );
}

function CampaignItem({ campaign }: { campaign: AccountCampaign }) {
  const nameOf = new Map(campaign.contacts.map((contact) => [contact.contactId, contact.contactName]));
  const everyone = campaign.contacts.length;
  return (
    <li>
      <a href={href(`/campaigns/${campaign.campaignId}`)}>
        <strong>{campaign.campaignName}</strong>
      </a>{' '}
      <StatusBadge status={campaign.campaignStatus} />
      <div class="task-meta">
        {campaign.listedAt && <span>{t('Listed on {date}', { date: formatDate(campaign.listedAt) })}</span>}
        <span>
          {campaign.contacts
            .map((contact) => (contact.cell === 'TEST' ? t('{name} (test cell, not mailed)', { name: contact.contactName }) : contact.contactName))
            .join(', ')}
        </span>
      </div>
      {campaign.stages.length > 0 && (
        <ol class="muted" aria-label={t('Stages of “{name}”', { name: campaign.campaignName })}>
          {campaign.stages.map((stage) => (
            <li key={stage.stageId}>
              {stage.name ?? stageType(stage.type)}
              {stage.name && ` (${stageType(stage.type)})`} — {humanize(stage.status)}
              {stage.contactIds.length < everyone && `: ${stage.contactIds.map((id) => nameOf.get(id) ?? t('a contact')).join(', ')}`}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
