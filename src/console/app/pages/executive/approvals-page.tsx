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

const counted = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

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
        <h1>Approvals</h1>
        {counts && (
          <p class="muted">
            {counts.total} waiting: {counted(counts.plans, 'plan')}, {counted(counts.campaignStages, 'campaign stage')}, {counted(counts.budgetTransfers, 'budget transfer')}, {counted(counts.budgetOverruns, 'budget overrun')}
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
      <ErrorNotice error={inbox.error} title="The inbox could not be loaded" />
      {inbox.loading && !inbox.data && <Loading label="Loading your approvals…" />}
      {inbox.data && items.length === 0 && <Empty>{everyone ? 'Nothing waits for a decision.' : 'Nothing waits for your decision.'}</Empty>}
      {items.map((item) => (
        <ApprovalItemCard key={itemKey(item)} item={item} onDecided={decided} />
      ))}
    </section>
  );
}
