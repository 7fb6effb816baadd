import { useState } from 'preact/hooks';
import type { ApprovalStageCounts, CampaignView, StageView } from '../../../../../campaigns/campaign-views.schemas';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { t } from '../../../i18n/i18n';

/** Approve or reject, for an approver the running APPROVAL stage waits for. */
export function StageDecision({ campaignId, stage, meId, onChanged }: { campaignId: string; stage: StageView; meId: string; onChanged(view: CampaignView, what: string): void }) {
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const path = `/campaigns/${campaignId}/stages/${stage.id}`;
  const approve = useAction(() => api<CampaignView>('POST', `${path}/approve`, comment.trim() ? { comment } : {}));
  const reject = useAction(() => api<CampaignView>('POST', `${path}/reject`, { reason }));
  if (stage.type !== 'APPROVAL' || stage.status !== 'RUNNING') return null;
  const mine = (stage.counts as ApprovalStageCounts).approvers.find((approver) => approver.userId === meId);
  if (!mine || mine.decision) return null;
  const number = stage.position + 1;
  const decide = async (action: typeof approve, what: string) => {
    const answer = await action.run();
    if (answer) onChanged(answer, what);
  };
  return (
    <div class="inline-form">
      <h4>{t('Your decision')}</h4>
      <ErrorNotice error={approve.error ?? reject.error} title={t('Your decision was not recorded')} />
      <div class="row">
        <Field label={t('Comment (stage {number})', { number })} error={approve.error?.detailFor('body.comment')}>
          {(props) => <input {...props} value={comment} maxLength={500} onInput={(event) => setComment(event.currentTarget.value)} />}
        </Field>
        <button type="button" class="primary" style={{ marginBottom: '0.75rem' }} disabled={approve.busy || reject.busy} onClick={() => void decide(approve, t('Approved'))}>
          {t('Approve')}</button>
      </div>
      <div class="row">
        <Field label={t('Reason for rejecting (stage {number})', { number })} hint={t('Ends the campaign')} error={reject.error?.detailFor('body.reason')}>
          {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
        </Field>
        <button type="button" class="danger" style={{ marginBottom: '0.75rem' }} disabled={approve.busy || reject.busy} onClick={() => void decide(reject, t('Rejected'))}>
          {t('Reject')}</button>
      </div>
    </div>
  );
}
