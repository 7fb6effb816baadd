import type { CampaignPage } from '../../../../../campaigns/campaign-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { Empty, ErrorNotice } from '../../../components/notices';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { t } from '../../../i18n/i18n';

/** The way into each campaign's return report from the Reports page (the report has no menu entry of its own). */
export function CampaignReturnLinks() {
  const campaigns = useApi<CampaignPage>('/campaigns', { parentId: 'none', limit: 50 });
  return (
    <section class="card" aria-labelledby="campaign-returns-heading">
      <h2 id="campaign-returns-heading">{t('Campaign returns')}</h2>
      <p class="muted">{t('Each campaign’s return per sub-source: responses, contracts, revenue and cost. Child campaigns are counted in their parent’s report.')}</p>
      <ErrorNotice error={campaigns.error} title={t('The campaigns could not be loaded')} />
      {campaigns.data && campaigns.data.items.length === 0 && <Empty>{t('No campaign yet.')}</Empty>}
      {campaigns.data && campaigns.data.items.length > 0 && (
        <ul class="campaign-return-links">
          {campaigns.data.items.map((campaign) => (
            <li key={campaign.id}>
              <a href={href(`/campaigns/${campaign.id}/report`)}>{t('Return of {name}', { name: campaign.name })}</a> <StatusBadge status={campaign.status} />
            </li>
          ))}
        </ul>
      )}
      {campaigns.data?.nextCursor && <p class="muted">{t('The 50 newest campaigns are listed; open an older one from the Campaigns page.')}</p>}
    </section>
  );
}
