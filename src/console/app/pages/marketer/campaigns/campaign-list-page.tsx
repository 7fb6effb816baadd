import type { CampaignSummary } from '../../../../../campaigns/campaign-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { StatusTextFilter, useStatusTextFilter } from '../../../components/status-text-filter';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { campaignStatuses, mayWriteCampaigns } from './campaign-model';
import { t } from '../../../i18n/i18n';

/** /campaigns: newest first, filtered by status and text. */
export function CampaignListPage() {
  const me = useSignal(currentUser);
  const filter = useStatusTextFilter();
  const list = usePagedList<CampaignSummary>('/campaigns', { status: filter.status || undefined, q: filter.q || undefined, limit: 50 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Campaigns')}</h1>
        {mayWriteCampaigns(me?.role) && (
          <a class="button-link" href={href('/campaigns/new')}>
            {t('New campaign')}</a>
        )}
      </div>
      <StatusTextFilter label={t('Filter campaigns')} statuses={campaignStatuses} textLabel={t('Name or description contains')} filter={filter} />
      <ErrorNotice error={first.error} title={t('The campaigns could not be loaded')} />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>{t('No campaign matches.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Campaign')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col" class="number">
                  {t('Stages')}</th>
                <th scope="col">{t('Channels')}</th>
                <th scope="col">{t('Created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((campaign) => (
                <tr key={campaign.id}>
                  <td>
                    <a href={href(`/campaigns/${campaign.id}`)}>{campaign.name}</a>
                    {campaign.endReason && <div class="muted">{campaign.endReason}</div>}
                  </td>
                  <td>
                    <StatusBadge status={campaign.status} />
                  </td>
                  <td class="number">{campaign.stageCount}</td>
                  <td>{campaign.channels.join(', ') || '—'}</td>
                  <td>{formatDateTime(campaign.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more campaigns')} errorTitle={t('More campaigns could not be loaded')} />
    </section>
  );
}
