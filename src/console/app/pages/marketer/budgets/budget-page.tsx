import { useState } from 'preact/hooks';
import { del, patch, post } from '../../../api';
import { Field } from '../../../components/field';
import { FigureCards } from '../../../components/figure-cards';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime, humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import '../reports/reports.css';
import { CsvDownloadButton } from '../reports/download-csv';
import { BudgetTable } from './budget-list-page';
import { mayKeepBudgets, money, today, typedAmount, type BudgetHistory, type BudgetNode, type BudgetView, type Checkbook } from './budget-model';
import { BudgetTransfers } from './budget-transfers';
import { t } from '../../../i18n/i18n';

/** /budgets/:id: a budget's figures, sub-budgets, the campaigns and events it funds, transfers, its checkbook, merge and history. */
export function BudgetPage({ params }: PageProps) {
  const id = params.id!;
  const me = useSignal(currentUser);
  const budget = useApi<BudgetView>(`/budgets/${encodeURIComponent(id)}`);
  const checkbook = useApi<Checkbook>(`/budgets/${encodeURIComponent(id)}/checkbook`);
  const history = useApi<BudgetHistory>(`/budgets/${encodeURIComponent(id)}/history`);
  const [notice, setNotice] = useState<string>();
  const keeper = mayKeepBudgets(me?.role);
  const changed = (message: string) => {
    setNotice(message);
    void budget.reload();
    void checkbook.reload();
    void history.reload();
  };
  const view = budget.data;
  return (
    <section class="report-page">
      <div class="page-head">
        <h1>{view ? t('Budget: {name}', { name: view.name }) : t('Budget')}</h1>
        <div class="actions">
          <a href={href('/budgets')}>{t('All budgets')}</a>
        </div>
      </div>
      <ErrorNotice error={budget.error} title={t('The budget could not be loaded')} />
      {budget.loading && !view && <Loading />}
      {notice && <Notice kind="success">{notice}</Notice>}
      {view && (
        <>
          <p class="muted">
            {view.path.map((step) => (
              <span key={step.id}>
                <a href={href(`/budgets/${step.id}`)}>{step.name}</a> ›{' '}
              </span>
            ))}
            {view.name} · {view.ownerName} · {view.periodStart} – {view.periodEnd} · {view.currency}
          </p>
          <Figures view={view} />
          {view.children.length > 0 && <BudgetTable nodes={view.children} caption={t('Sub-budgets')} />}
          <Allocations view={view} keeper={keeper} onChanged={changed} />
          <BudgetTransfers view={view} keeper={keeper} onChanged={changed} />
          <section class="card" aria-labelledby="checkbook-heading">
            <div class="page-head">
              <h2 id="checkbook-heading">{t('Checkbook')}</h2>
              <CsvDownloadButton path={`/budgets/${id}/checkbook`} filename={`checkbook-${id}.csv`} />
            </div>
            <ErrorNotice error={checkbook.error} title={t('The checkbook could not be loaded')} />
            {checkbook.data && <CheckbookTable checkbook={checkbook.data} budgetId={id} keeper={keeper} onChanged={changed} />}
            {keeper && <EntryForm view={view} onSaved={() => changed(t('Entry added to the checkbook.'))} />}
          </section>
          {keeper && <AmountForm view={view} onSaved={() => changed(t('Amount changed.'))} />}
          {keeper && <MergeForm view={view} />}
          <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t('History')}</h2>
            <ol class="plain-list">
              {history.data?.items.map((line) => (
                <li key={line.id}>
                  {formatDateTime(line.at)}: {humanize(line.action.replace('.', '_'))}
                  {line.amountChange !== null && ` (${money(line.amountChange, view.currency)})`}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </section>
  );
}

function Figures({ view }: { view: BudgetView }) {
  const { figures, currency } = view;
  const shown: [string, string][] = [
    [t('Amount'), money(figures.amount, currency)],
    [t('To sub-budgets'), money(figures.allocatedToBudgets, currency)],
    [t('To campaigns and events'), money(figures.allocatedToWork, currency)],
    [t('Unallocated'), money(figures.unallocated, currency)],
    [t('Committed'), money(figures.committed, currency)],
    [t('Spent'), money(figures.spent, currency)],
    [t('Remaining'), money(figures.remaining, currency)],
    [t('Revenue'), money(figures.revenue, currency)],
    ['ROI', figures.roi === null ? '—' : `${(figures.roi * 100).toFixed(1)} %`],
  ];
  return <FigureCards label={t('Budget figures')} figures={shown} />;
}

interface Choice {
  id: string;
  name: string;
}

function Allocations({ view, keeper, onChanged }: { view: BudgetView; keeper: boolean; onChanged(message: string): void }) {
  const [kind, setKind] = useState<'campaign' | 'event'>('campaign');
  const [workId, setWorkId] = useState('');
  const [amount, setAmount] = useState('');
  const campaigns = useApi<{ items: Choice[] }>(keeper ? '/campaigns' : null, { limit: 200 });
  const events = useApi<{ items: Choice[] }>(keeper ? '/events' : null, { limit: 200 });
  const choices = (kind === 'campaign' ? campaigns.data?.items : events.data?.items) ?? [];
  const fund = useAction(() => post<BudgetView>(`/budgets/${view.id}/allocations`, { [`${kind}Id`]: workId || undefined, amount: typedAmount(amount) }));
  const remove = useAction((allocationId: string) => del<BudgetView>(`/budgets/${view.id}/allocations/${allocationId}`));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (await fund.run()) {
      setAmount('');
      onChanged(t('Funding saved.'));
    }
  }
  return (
    <section class="card" aria-labelledby="funded-heading">
      <h2 id="funded-heading">{t('Campaigns and events funded')}</h2>
      {view.allocations.length === 0 ? (
        <Empty>{t('This budget funds no campaign or event.')}</Empty>
      ) : (
        <ul class="plain-list">
          {view.allocations.map((allocation) => (
            <li key={allocation.id}>
              <a href={href(allocation.campaignId ? `/campaigns/${allocation.campaignId}` : `/events/${allocation.eventId}`)}>{allocation.name}</a>: {money(allocation.amount, view.currency)}{' '}
              {keeper && (
                <button type="button" disabled={remove.busy} aria-label={t('Stop funding {name}', { name: allocation.name })} onClick={async () => (await remove.run(allocation.id)) && onChanged(t('“{name}” is no longer funded.', { name: allocation.name }))}>
                  {t('Stop funding')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={remove.error} title={t('Not changed')} />
      {keeper && (
        <form onSubmit={submit} noValidate aria-label={t('Fund a campaign or event')}>
          <ErrorNotice error={fund.error} title={t('Not funded')} />
          <div class="row">
            <Field label={t('Fund a')}>
              {(props) => (
                <select {...props} value={kind} onChange={(event) => { setKind(event.currentTarget.value as 'campaign' | 'event'); setWorkId(''); }}>
                  <option value="campaign">{t('Campaign')}</option>
                  <option value="event">{t('Event')}</option>
                </select>
              )}
            </Field>
            <Field label={kind === 'campaign' ? t('Campaign') : t('Event')} error={fund.error?.detailFor(`body.${kind}Id`)}>
              {(props) => (
                <select {...props} value={workId} onChange={(event) => setWorkId(event.currentTarget.value)}>
                  <option value="">{t('Choose…')}</option>
                  {choices.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('Funds')} error={fund.error?.detailFor('body.amount')}>
              {(props) => <input {...props} inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />}
            </Field>
          </div>
          <button type="submit" disabled={fund.busy}>
            {t('Fund it')}</button>
        </form>
      )}
    </section>
  );
}

function CheckbookTable({ checkbook, budgetId, keeper, onChanged }: { checkbook: Checkbook; budgetId: string; keeper: boolean; onChanged(message: string): void }) {
  const spend = useAction((entryId: string) => patch(`/budgets/${budgetId}/entries/${entryId}`, { state: 'ACTUAL' }));
  if (checkbook.lines.length === 0) return <Empty>{t('No cost yet.')}</Empty>;
  return (
    <div class="table-wrap">
      <ErrorNotice error={spend.error} title={t('Not changed')} />
      <table>
        <caption>
          {t('Costs of this budget and its sub-budgets: committed {committed}, spent {spent}', { committed: money(checkbook.committed, checkbook.currency), spent: money(checkbook.spent, checkbook.currency) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('Date')}</th>
            <th scope="col">{t('What')}</th>
            <th scope="col">{t('Budget')}</th>
            <th scope="col">{t('For')}</th>
            <th scope="col" class="number">
              {t('Committed')}</th>
            <th scope="col" class="number">
              {t('Spent')}</th>
          </tr>
        </thead>
        <tbody>
          {checkbook.lines.map((line) => (
            <tr key={`${line.origin}:${line.id}`}>
              <td>{line.date ?? '—'}</td>
              <td>
                {[line.supplier, line.description, line.reference, line.category].filter(Boolean).join(' · ')}
                <div class="muted">{line.origin === 'ENTRY' ? t('Entered') : line.origin === 'SOURCE_COST' ? t('Sub-source cost') : t('Event cost')}</div>
              </td>
              <td>{line.budgetName}</td>
              <td>{line.workName ?? '—'}</td>
              <td class="number">
                {money(line.committed, checkbook.currency)}
                {keeper && line.origin === 'ENTRY' && line.budgetId === budgetId && line.committed !== '0.00' && (
                  <button type="button" disabled={spend.busy} onClick={async () => (await spend.run(line.id)) && onChanged(t('Marked as spent.'))} aria-label={t('Mark {value} spent', { value: line.supplier ?? t('entry') })}>
                    {t('Mark spent')}</button>
                )}
              </td>
              <td class="number">{money(line.spent, checkbook.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryForm({ view, onSaved }: { view: BudgetView; onSaved(): void }) {
  const empty = { supplier: '', date: today(), amount: '', state: 'ACTUAL', category: '', reference: '', work: '' };
  const [draft, setDraft] = useState(empty);
  const set = (change: Partial<typeof empty>) => setDraft((current) => ({ ...current, ...change }));
  const funded = view.allocations.find((allocation) => allocation.id === draft.work);
  const create = useAction(() =>
    post(`/budgets/${view.id}/entries`, {
      supplier: draft.supplier.trim(), date: draft.date, amount: typedAmount(draft.amount), state: draft.state,
      category: draft.category.trim() || undefined, reference: draft.reference.trim() || undefined,
      campaignId: funded?.campaignId ?? undefined, eventId: funded?.eventId ?? undefined,
    }),
  );
  const at = (field: string) => create.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (await create.run()) {
      setDraft(empty);
      onSaved();
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-entry-heading">
      <h3 id="new-entry-heading">{t('New entry')}</h3>
      <ErrorNotice error={create.error} title={t('The entry was not added')} />
      <div class="row">
        <Field label={t('Supplier')} error={at('supplier')}>
          {(props) => <input {...props} value={draft.supplier} maxLength={200} onInput={(event) => set({ supplier: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Date')} error={at('date')}>
          {(props) => <input {...props} type="date" value={draft.date} onInput={(event) => set({ date: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Entry amount')} error={at('amount')}>
          {(props) => <input {...props} inputMode="decimal" value={draft.amount} onInput={(event) => set({ amount: event.currentTarget.value })} />}
        </Field>
        <Field label={t('State')} error={at('state')}>
          {(props) => (
            <select {...props} value={draft.state} onChange={(event) => set({ state: event.currentTarget.value })}>
              <option value="ACTUAL">{t('Spent (invoice)')}</option>
              <option value="COMMITTED">{t('Committed (order)')}</option>
            </select>
          )}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Category')} error={at('category')}>
          {(props) => <input {...props} value={draft.category} maxLength={100} onInput={(event) => set({ category: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Reference')} error={at('reference')}>
          {(props) => <input {...props} value={draft.reference} maxLength={100} onInput={(event) => set({ reference: event.currentTarget.value })} />}
        </Field>
        <Field label={t('For')} error={at('campaignId') ?? at('eventId')}>
          {(props) => (
            <select {...props} value={draft.work} onChange={(event) => set({ work: event.currentTarget.value })}>
              <option value="">{t('The budget itself')}</option>
              {view.allocations.map((allocation) => (
                <option key={allocation.id} value={allocation.id}>
                  {allocation.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" disabled={create.busy}>
        {t('Add the entry')}</button>
    </form>
  );
}

function AmountForm({ view, onSaved }: { view: BudgetView; onSaved(): void }) {
  const [amount, setAmount] = useState(view.figures.amount);
  const save = useAction(() => patch<BudgetView>(`/budgets/${view.id}`, { amount: typedAmount(amount) }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (await save.run()) onSaved();
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="amount-heading">
      <h2 id="amount-heading">{t('Funds')}</h2>
      <ErrorNotice error={save.error} title={t('The amount was not changed')} />
      <Field label={t('Budget amount')} hint={view.parentId ? t('More is taken from the parent budget') : t('The tree’s total')} error={save.error?.detailFor('body.amount')}>
        {(props) => <input {...props} inputMode="decimal" value={amount} onInput={(event) => setAmount(event.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={save.busy || amount === view.figures.amount}>
        {t('Change the amount')}</button>
    </form>
  );
}

function MergeForm({ view }: { view: BudgetView }) {
  const tree = useApi<{ items: BudgetNode[] }>('/budgets');
  const siblings = (tree.data?.items ?? []).filter((node) => node.parentId === view.parentId && node.id !== view.id && node.currency === view.currency);
  const [intoId, setIntoId] = useState('');
  const merge = useAction(() => post<BudgetView>(`/budgets/${view.id}/merge`, { intoId }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const into = await merge.run();
    if (into) navigate(`/budgets/${into.id}`);
  }
  if (siblings.length === 0) return null;
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="merge-heading">
      <h2 id="merge-heading">{t('Merge')}</h2>
      <p class="muted">{t('Its funds, sub-budgets, funding and entries move to the other budget; this one stays only as history.')}</p>
      <ErrorNotice error={merge.error} title={t('Not merged')} />
      <Field label={t('Merge into')} error={merge.error?.detailFor('body.intoId')}>
        {(props) => (
          <select {...props} value={intoId} onChange={(event) => setIntoId(event.currentTarget.value)}>
            <option value="">{t('Choose…')}</option>
            {siblings.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={merge.busy || !intoId}>
        {t('Merge “{name}” into it', { name: view.name })}</button>
    </form>
  );
}
