import { useState } from 'preact/hooks';
import type { ApprovalInbox } from '../../../../approvals/approvals.schemas';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { useApi } from '../../use-api';
import { ApprovalItemCard, itemKey, type DecisionOutcome } from './approval-item';
import { approvalCount } from './approval-count';
import './executive.css';

export function ApprovalsPage() {
  // New requests arrive while the page is open (a campaign reaching its approval stage).
  const inbox = useApi<ApprovalInbox>('/approvals', undefined, { pollMs: 30_000 });
  const [outcomes, setOutcomes] = useState<DecisionOutcome[]>([]);
  const decided = async (outcome: DecisionOutcome) => {
    setOutcomes((earlier) => [outcome, ...earlier].slice(0, 5));
    await inbox.reload();
    void approvalCount.refresh();
  };
  const items = inbox.data?.items ?? [];
  return (
    <section>
      <div class="page-head">
        <h1>Approvals</h1>
        {inbox.data && (
          <p class="muted">
            {inbox.data.counts.total} waiting: {inbox.data.counts.plans} plan{inbox.data.counts.plans === 1 ? '' : 's'}, {inbox.data.counts.campaignStages} campaign stage
            {inbox.data.counts.campaignStages === 1 ? '' : 's'}
          </p>
        )}
      </div>
      <div aria-live="polite">
        {outcomes.map((outcome) => (
          <Notice key={outcome.key} kind={outcome.kind}>
            {outcome.message}
          </Notice>
        ))}
      </div>
      <ErrorNotice error={inbox.error} title="The inbox could not be loaded" />
      {inbox.loading && !inbox.data && <Loading label="Loading your approvals…" />}
      {inbox.data && items.length === 0 && <Empty>Nothing waits for your decision.</Empty>}
      {items.map((item) => (
        <ApprovalItemCard key={itemKey(item)} item={item} onDecided={decided} />
      ))}
    </section>
  );
}
