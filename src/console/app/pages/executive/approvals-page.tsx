import { useState } from 'preact/hooks';
import type { ApprovalInbox } from '../../../../approvals/approvals.schemas';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { currentUser } from '../../session';
import { useSignal } from '../../signal';
import { useApi } from '../../use-api';
import { ApprovalFilters, type ApprovalFilterValues } from './approval-filters';
import { ApprovalItemCard, itemKey, type DecisionOutcome } from './approval-item';
import { approvalCount } from './approval-count';
import './executive.css';
import { t, tp } from '../../i18n/i18n';


export function ApprovalsPage() {
  const me = useSignal(currentUser);
  const [filters, setFilters] = useState<ApprovalFilterValues>({ kind: '', scope: 'mine' });
  const everyone = filters.scope === 'all';
  // New requests arrive while the page is open (a campaign reaching its approval stage).
  const inbox = useApi<ApprovalInbox>('/approvals', { kind: filters.kind || undefined, scope: everyone ? 'all' : undefined }, { pollMs: 30_000 });
  const [outcomes, setOutcomes] = useState<DecisionOutcome[]>([]);
  const decided = async (outcome: DecisionOutcome) => {
    setOutcomes((earlier) => [outcome, ...earlier].slice(0, 5));
    await inbox.reload();
    void approvalCount.refresh();
  };
  const items = inbox.data?.items ?? [];
  const counts = inbox.data?.counts;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Approvals')}</h1>
        {counts && (
          <p class="muted">
            {t('{total} waiting: {plans}, {campaignStages}, {budgetTransfers}, {budgetOverruns}', { total: counts.total, plans: tp(counts.plans, '{count} plan', '{count} plans'), campaignStages: tp(counts.campaignStages, '{count} campaign stage', '{count} campaign stages'), budgetTransfers: tp(counts.budgetTransfers, '{count} budget transfer', '{count} budget transfers'), budgetOverruns: tp(counts.budgetOverruns, '{count} budget overrun', '{count} budget overruns') })}
          </p>
        )}
      </div>
      <ApprovalFilters values={filters} admin={me?.role === 'admin'} onChange={setFilters} />
      <div aria-live="polite">
        {outcomes.map((outcome) => (
          <Notice key={outcome.key} kind={outcome.kind}>
            {outcome.message}
          </Notice>
        ))}
      </div>
      <ErrorNotice error={inbox.error} title={t('The inbox could not be loaded')} />
      {inbox.loading && !inbox.data && <Loading label={t('Loading your approvals…')} />}
      {inbox.data && items.length === 0 && <Empty>{everyone ? t('Nothing waits for a decision.') : t('Nothing waits for your decision.')}</Empty>}
      {items.map((item) => (
        <ApprovalItemCard key={itemKey(item)} item={item} onDecided={decided} />
      ))}
    </section>
  );
}
