import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { href, navigate } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import { userLabel, useUsers } from '../../../use-users';
import '../marketer.css';
import { mayKeepBudgets, money, typedAmount, type BudgetNode, type BudgetView } from './budget-model';
import { t } from '../../../i18n/i18n';

/** /budgets: every budget tree with its figures rolled up; marketers start trees and add sub-budgets. */
export function BudgetListPage() {
  const me = useSignal(currentUser);
  const tree = useApi<{ items: BudgetNode[] }>('/budgets');
  const nodes = tree.data?.items ?? [];
  return (
    <section>
      <div class="page-head">
        <h1>{t('Budgets')}</h1>
      </div>
      <ErrorNotice error={tree.error} title={t('The budgets could not be loaded')} />
      {tree.loading && !tree.data && <Loading />}
      {tree.data && nodes.length === 0 && <Empty>{t('No budget yet.')}</Empty>}
      {nodes.length > 0 && <BudgetTable nodes={nodes} caption={t('Budgets, each tree from its root; figures include sub-budgets')} />}
      {mayKeepBudgets(me?.role) && <NewBudgetForm parents={nodes} />}
    </section>
  );
}

/** Budgets as a table: indented by depth, each with its funds, what it gave away and what it spent. */
export function BudgetTable({ nodes, caption }: { nodes: BudgetNode[]; caption: string }) {
  const top = Math.min(...nodes.map((node) => node.depth));
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Budget')}</th>
            <th scope="col">{t('Owner')}</th>
            <th scope="col">{t('Period')}</th>
            {[t('Amount'), t('Unallocated'), t('Committed'), t('Spent'), t('Remaining'), t('Revenue'), 'ROI'].map((label) => (
              <th scope="col" class="number" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id}>
              <th scope="row" style={{ paddingLeft: `${0.5 + (node.depth - top) * 1.25}rem` }}>
                <a href={href(`/budgets/${node.id}`)}>{node.name}</a>
              </th>
              <td>{node.ownerName}</td>
              <td>
                {node.periodStart} – {node.periodEnd}
              </td>
              {[node.figures.amount, node.figures.unallocated, node.figures.committed, node.figures.spent, node.figures.remaining, node.figures.revenue].map((amount, index) => (
                <td class="number" key={index}>
                  {money(amount, node.currency)}
                </td>
              ))}
              <td class="number">{node.figures.roi === null ? '—' : `${(node.figures.roi * 100).toFixed(1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewBudgetForm({ parents }: { parents: BudgetNode[] }) {
  const { users } = useUsers();
  const me = useSignal(currentUser);
  const [draft, setDraft] = useState({ name: '', parentId: '', ownerId: '', currency: 'EUR', periodStart: '', periodEnd: '', amount: '' });
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const create = useAction(() =>
    post<BudgetView>('/budgets', {
      name: draft.name.trim(),
      parentId: draft.parentId || undefined,
      ownerId: draft.ownerId || me?.id,
      currency: draft.parentId ? undefined : draft.currency.trim().toUpperCase(),
      periodStart: draft.periodStart,
      periodEnd: draft.periodEnd,
      amount: typedAmount(draft.amount),
    }),
  );
  const at = (field: string) => create.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const budget = await create.run();
    if (budget) navigate(`/budgets/${budget.id}`);
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-budget-heading">
      <h2 id="new-budget-heading">{t('New budget')}</h2>
      <ErrorNotice error={create.error} title={t('The budget was not created')} />
      <div class="row">
        <Field label={t('Budget name')} error={at('name')}>
          {(props) => <input {...props} value={draft.name} maxLength={200} onInput={(event) => set({ name: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Funded from')} hint={t('None: a new tree')} error={at('parentId')}>
          {(props) => (
            <select {...props} value={draft.parentId} onChange={(event) => set({ parentId: event.currentTarget.value })}>
              <option value="">{t('None (a new tree)')}</option>
              {parents.map((parent) => (
                <option key={parent.id} value={parent.id}>
                  {t('{depth}{name} ({unallocated} left)', { depth: '  '.repeat(parent.depth), name: parent.name, unallocated: money(parent.figures.unallocated, parent.currency) })}</option>
              ))}
            </select>
          )}
        </Field>
        {!draft.parentId && (
          <Field label={t('Currency')} error={at('currency')}>
            {(props) => <input {...props} value={draft.currency} maxLength={3} onInput={(event) => set({ currency: event.currentTarget.value })} />}
          </Field>
        )}
      </div>
      <div class="row">
        <Field label={t('Owner')} error={at('ownerId')}>
          {(props) => (
            <select {...props} value={draft.ownerId || me?.id} onChange={(event) => set({ ownerId: event.currentTarget.value })}>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {userLabel(user)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Starts')} error={at('periodStart')}>
          {(props) => <input {...props} type="date" value={draft.periodStart} onInput={(event) => set({ periodStart: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Ends')} error={at('periodEnd')}>
          {(props) => <input {...props} type="date" value={draft.periodEnd} onInput={(event) => set({ periodEnd: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Amount')} error={at('amount')}>
          {(props) => <input {...props} inputMode="decimal" value={draft.amount} onInput={(event) => set({ amount: event.currentTarget.value })} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={create.busy}>
        {create.busy ? t('Creating…') : t('Create the budget')}
      </button>
    </form>
  );
}
