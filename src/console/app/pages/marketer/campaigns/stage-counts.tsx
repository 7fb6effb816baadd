import type { ApprovalStageCounts, CohortCountsView, ListStageCounts, StageView } from '../../../../../campaigns/campaign-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { Progress } from '../../../components/progress';
import { formatDuration } from '../../../duration';
import { formatDateTime, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';

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
        label={t('Cohort of stage {value}', { value: stage.position + 1 })}
        items={[
          [t('In cohort'), cohort.members],
          [t('Accounts'), cohort.accounts],
          [t('Drawn from'), cohort.listed],
        ]}
      />
      <p class="hint">{t('Cohort frozen {frozenAt}.', { frozenAt: formatDateTime(cohort.frozenAt) })}</p>
    </>
  );
}

/** What a stage produced so far, read live: its figures by type, and a progress bar while a mailing runs. */
export function StageCounts({ stage }: { stage: StageView }) {
  const label = t('Counts of stage {value}', { value: stage.position + 1 });
  switch (stage.type) {
    case 'LIST': {
      const counts = stage.counts as ListStageCounts;
      return (
        <>
          {counts.list ? (
            <Counts
              label={label}
              items={[
                [t('Matched'), counts.list.matched],
                [t('Merged duplicates'), counts.list.merged],
                [t('Suppressed'), counts.list.suppressed],
                [t('Already listed'), counts.list.alreadyListed],
                [t('In other campaigns'), counts.list.inOtherCampaigns],
                [t('Listed'), counts.list.listed],
                [t('Target cell'), counts.list.target],
                [t('Test cell'), counts.list.testCell],
              ]}
            />
          ) : (
            <p class="muted">{t('The list is frozen when the stage starts.')}</p>
          )}
          {counts.list && <p class="hint">{t('In the list now: {total} ({target} target, {test} test).', { total: formatNumber(counts.recipients.total), target: formatNumber(counts.recipients.target), test: formatNumber(counts.recipients.test) })}</p>}
        </>
      );
    }
    case 'MAILING': {
      const counts = stage.counts as MailingCounts;
      const done = counts.sent + counts.failed + counts.skipped + counts.cancelled;
      return (
        <>
          {counts.recipients > 0 && <Progress label={t('Stage {value} mails handled', { value: stage.position + 1 })} done={done} total={counts.recipients} />}
          <Counts
            label={label}
            items={[
              [t('Recipients'), counts.recipients],
              [t('Sent'), counts.sent],
              [t('Failed'), counts.failed],
              [t('Skipped'), counts.skipped],
              [t('Pending'), counts.pending],
              [t('Sending'), counts.sending],
              [t('Waiting for send window'), counts.waitingForSendWindow],
              [t('Cancelled'), counts.cancelled],
            ]}
          />
        </>
      );
    }
    case 'APPROVAL': {
      const counts = stage.counts as ApprovalStageCounts;
      return (
        <>
          <Counts label={label} items={[[t('Pending approvals'), counts.pendingApprovals], [t('Approved'), counts.approved], [t('Rejected'), counts.rejected]]} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('Approvers of stage')}{' '}{stage.position + 1}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Approver')}</th>
                  <th scope="col">{t('Decision')}</th>
                  <th scope="col">{t('Comment')}</th>
                  <th scope="col">{t('When')}</th>
                </tr>
              </thead>
              <tbody>
                {counts.approvers.map((approver) => (
                  <tr key={approver.userId}>
                    <td>{approver.name ?? t('A user')}</td>
                    <td>{approver.decision ? <StatusBadge status={approver.decision} /> : <span class="muted">{t('No answer yet')}</span>}</td>
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
        <p class="muted">{t('The tasks are created when the stage starts.')}</p>
      ) : (
        <Counts label={label} items={[[t('Tasks created'), counts.tasksCreated], [t('Unassigned'), counts.unassigned]]} />
      );
    }
    case 'WAIT': {
      const until = (stage.counts as { until: string | null }).until;
      const duration = formatDuration(String(stage.settings.duration ?? ''));
      if (until) return <p class="muted">{t('Waits until {until}', { until: formatDateTime(until) })}</p>;
      return <p class="muted">{stage.status === 'RUNNING' ? t('Waiting {duration} since it started', { duration }) : stage.status === 'PENDING' ? t('Waits {duration} once it starts', { duration }) : stage.status === 'COMPLETED' ? t('Waited {duration}', { duration }) : t('Did not wait')}</p>;
    }
  }
}
