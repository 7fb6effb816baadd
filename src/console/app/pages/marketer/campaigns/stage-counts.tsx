import type { ApprovalStageCounts, CohortCountsView, ListStageCounts, StageView } from '../../../../../campaigns/campaign-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { Progress } from '../../../components/progress';
import { formatDateTime, formatNumber } from '../../../format';

type MailingCounts = { recipients: number; pending: number; sending: number; sent: number; failed: number; skipped: number; cancelled: number; waitingForSendWindow: number };
type CallTaskCounts = { tasksCreated: number | null; unassigned: number | null };

function Counts({ label, items }: { label: string; items: [string, number | null | undefined][] }) {
  return (
    <dl class="counts" aria-label={label}>
      {items.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{formatNumber(value ?? null)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The cohort a MAILING or CALL_TASKS stage froze when it started: its contacts and accounts, out of the cell(s) it was drawn from. */
export function CohortCounts({ stage }: { stage: StageView }) {
  const cohort = (stage.counts as { cohort?: CohortCountsView | null }).cohort;
  if (!cohort) return null;
  return (
    <>
      <Counts
        label={`Cohort of stage ${stage.position + 1}`}
        items={[
          ['In cohort', cohort.members],
          ['Accounts', cohort.accounts],
          ['Drawn from', cohort.listed],
        ]}
      />
      <p class="hint">Cohort frozen {formatDateTime(cohort.frozenAt)}.</p>
    </>
  );
}

/** What a stage produced so far, read live: its figures by type, and a progress bar while a mailing runs. */
export function StageCounts({ stage }: { stage: StageView }) {
  const label = `Counts of stage ${stage.position + 1}`;
  switch (stage.type) {
    case 'LIST': {
      const counts = stage.counts as ListStageCounts;
      return (
        <>
          {counts.list ? (
            <Counts
              label={label}
              items={[
                ['Matched', counts.list.matched],
                ['Merged duplicates', counts.list.merged],
                ['Suppressed', counts.list.suppressed],
                ['Already listed', counts.list.alreadyListed],
                ['In other campaigns', counts.list.inOtherCampaigns],
                ['Listed', counts.list.listed],
                ['Target cell', counts.list.target],
                ['Test cell', counts.list.testCell],
              ]}
            />
          ) : (
            <p class="muted">The list is frozen when the stage starts.</p>
          )}
          {counts.list && <p class="hint">In the list now: {formatNumber(counts.recipients.total)} ({formatNumber(counts.recipients.target)} target, {formatNumber(counts.recipients.test)} test).</p>}
        </>
      );
    }
    case 'MAILING': {
      const counts = stage.counts as MailingCounts;
      const done = counts.sent + counts.failed + counts.skipped + counts.cancelled;
      return (
        <>
          {counts.recipients > 0 && <Progress label={`Stage ${stage.position + 1} mails handled`} done={done} total={counts.recipients} />}
          <Counts
            label={label}
            items={[
              ['Recipients', counts.recipients],
              ['Sent', counts.sent],
              ['Failed', counts.failed],
              ['Skipped', counts.skipped],
              ['Pending', counts.pending],
              ['Sending', counts.sending],
              ['Waiting for send window', counts.waitingForSendWindow],
              ['Cancelled', counts.cancelled],
            ]}
          />
        </>
      );
    }
    case 'APPROVAL': {
      const counts = stage.counts as ApprovalStageCounts;
      return (
        <>
          <Counts label={label} items={[['Pending approvals', counts.pendingApprovals], ['Approved', counts.approved], ['Rejected', counts.rejected]]} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Approvers of stage {stage.position + 1}</caption>
              <thead>
                <tr>
                  <th scope="col">Approver</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Comment</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {counts.approvers.map((approver) => (
                  <tr key={approver.userId}>
                    <td>{approver.name ?? approver.userId}</td>
                    <td>{approver.decision ? <StatusBadge status={approver.decision} /> : <span class="muted">No answer yet</span>}</td>
                    <td>{approver.comment ?? '—'}</td>
                    <td>{formatDateTime(approver.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      );
    }
    case 'CALL_TASKS': {
      const counts = stage.counts as CallTaskCounts;
      return counts.tasksCreated === null ? (
        <p class="muted">The tasks are created when the stage starts.</p>
      ) : (
        <Counts label={label} items={[['Tasks created', counts.tasksCreated], ['Unassigned', counts.unassigned]]} />
      );
    }
    case 'WAIT': {
      const until = (stage.counts as { until: string | null }).until;
      const duration = String(stage.settings.duration ?? '');
      if (until) return <p class="muted">Waits until {formatDateTime(until)}</p>;
      return <p class="muted">{stage.status === 'RUNNING' ? `Waiting ${duration} since it started` : stage.status === 'PENDING' ? `Waits ${duration} once it starts` : stage.status === 'COMPLETED' ? `Waited ${duration}` : 'Did not wait'}</p>;
    }
  }
}
