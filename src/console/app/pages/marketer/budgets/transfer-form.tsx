import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction, useApi } from '../../../use-api';
import { money, typedAmount, type BudgetNode, type BudgetView } from './budget-model';
import { ReminderField } from './budget-request-controls';
import { outcomeOf, type BudgetTransferView } from './transfer-model';
import { t } from '../../../i18n/i18n';

/**
 * Asks to move funds from this budget to another of its currency (there is no conversion). The
 * sides the caller approves count as approved, so the answer is a waiting transfer or, when they
 * answer for both budgets, one already applied.
 */
export function TransferForm({ view, onAsked }: { view: BudgetView; onAsked(message: string): void }) {
  const tree = useApi<{ items: BudgetNode[] }>('/budgets');
  const receivers = (tree.data?.items ?? []).filter((node) => node.id !== view.id && node.currency === view.currency);
  const empty = { toBudgetId: '', amount: '', reason: '', remindAfter: '' };
  const [draft, setDraft] = useState(empty);
  const set = (change: Partial<typeof empty>) => setDraft((current) => ({ ...current, ...change }));
  const ask = useAction(() =>
    post<BudgetTransferView>('/budget-transfers', {
      fromBudgetId: view.id,
      toBudgetId: draft.toBudgetId || undefined,
      amount: typedAmount(draft.amount),
      reason: draft.reason.trim(),
      remindAfter: draft.remindAfter || undefined,
    }),
  );
  const at = (field: string) => ask.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const transfer = await ask.run();
    if (!transfer) return;
    setDraft(empty);
    onAsked(transfer.status === 'APPLIED' ? t('Transfer applied: {amount} moved to “{budgetName}”.', { amount: money(transfer.amount, transfer.currency), budgetName: transfer.to.budgetName }) : t('Transfer asked: {transfer}', { transfer: outcomeOf(transfer) }));
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="transfer-form-heading">
      <h3 id="transfer-form-heading">{t('Transfer funds')}</h3>
      <p class="muted">{t('Each budget’s owner, or the owner’s manager, approves its side; the funds move with the last approval.')}</p>
      <ErrorNotice error={ask.error} title={t('The transfer was not asked')} />
      <ErrorNotice error={tree.error} title={t('The other budgets could not be loaded')} />
      <div class="row">
        <Field label={t('To budget')} hint={t('Budgets in {currency}', { currency: view.currency })} error={at('toBudgetId')}>
          {(props) => (
            <select {...props} value={draft.toBudgetId} onChange={(event) => set({ toBudgetId: event.currentTarget.value })}>
              <option value="">{t('Choose…')}</option>
              {receivers.map((node) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Amount to transfer')} hint={t('{unallocated} unallocated here', { unallocated: money(view.figures.unallocated, view.currency) })} error={at('amount')}>
          {(props) => <input {...props} inputMode="decimal" value={draft.amount} onInput={(event) => set({ amount: event.currentTarget.value })} />}
        </Field>
        <ReminderField value={draft.remindAfter} error={at('remindAfter')} onChange={(remindAfter) => set({ remindAfter })} />
      </div>
      <Field label={t('Reason')} hint={t('The approvers read it')} error={at('reason')}>
        {(props) => <textarea {...props} maxLength={2000} value={draft.reason} onInput={(event) => set({ reason: event.currentTarget.value })} />}
      </Field>
      <button type="submit" class="primary" disabled={ask.busy}>
        {ask.busy ? t('Asking…') : t('Ask for the transfer')}
      </button>
    </form>
  );
}
