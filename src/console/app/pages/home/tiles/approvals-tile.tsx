import type { ApprovalInbox, ApprovalItem } from '../../../../../approvals/approvals.schemas';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { useApi } from '../../../use-api';
import { TileCard } from './tile-card';

/** What an approval asks, in words: the campaign stage, plan, transfer or overrun by its name. */
function askedFor(item: ApprovalItem): string {
  switch (item.kind) {
    case 'campaign-stage':
      return t('Campaign “{campaign}”: {stage}', { campaign: item.campaignName, stage: item.stageName });
    case 'plan':
      return t('Business plan “{plan}”', { plan: item.planName });
    case 'budget-transfer':
      return t('Budget transfer from “{from}” to “{to}”', { from: item.from.name, to: item.to.name });
    case 'budget-overrun':
      return t('Over budget: “{work}” on “{budget}”', { work: item.work.name, budget: item.budget.name });
  }
}

/** What my approvals inbox shows as waiting for my decision, oldest first. */
export function ApprovalsTile({ headingId, limit }: { headingId: string; limit: number }) {
  const inbox = useApi<ApprovalInbox>('/approvals');
  const data = inbox.data;
  return (
    <TileCard headingId={headingId} title={t('Approvals waiting for me')} more={{ path: '/approvals', label: t('Open approvals') }}>
      <ErrorNotice error={inbox.error} title={t('Could not load your approvals')} />
      {!data && !inbox.error && <Loading />}
      {data && data.items.length === 0 && <Empty>{t('Nothing waits for your decision.')}</Empty>}
      {data && data.items.length > 0 && (
        <>
          <p>
            <span class="figure">{formatNumber(data.counts.total)}</span> <span class="muted">{t('waiting')}</span>
          </p>
          <ul class="tile-list">
            {data.items.slice(0, limit).map((item, index) => (
              <li key={index}>
                <strong>{askedFor(item)}</strong>
                <div class="muted">{t('Asked by {name} on {when}', { name: item.askedBy?.name ?? t('the system'), when: formatDateTime(item.askedAt) })}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </TileCard>
  );
}
