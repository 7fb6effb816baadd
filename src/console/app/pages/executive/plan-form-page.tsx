import { useState } from 'preact/hooks';
import type { PlanView } from '../../../../plans/plans.schemas';
import { post } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice } from '../../components/notices';
import { href, navigate } from '../../router';
import { currentUser } from '../../session';
import { useAction } from '../../use-api';
import { useUsers } from '../../use-users';
import { ApproverPicker } from './approver-picker';
import './executive.css';

const nextYear = new Date().getFullYear() + 1;

/** The body as the API takes it: empty optional fields are left out rather than sent blank. */
function planBody(form: PlanForm) {
  const goals = form.goals.split('\n').map((goal) => goal.trim()).filter(Boolean);
  return {
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    periodStart: form.periodStart,
    periodEnd: form.periodEnd,
    ...(form.revenueTarget.trim() ? { revenueTarget: Number(form.revenueTarget), currency: form.currency.trim().toUpperCase() || undefined } : {}),
    ...(goals.length ? { goals } : {}),
    ...(form.product.trim() ? { product: form.product } : {}),
    approverIds: form.approverIds,
    ...(form.remindAfter.trim() ? { remindAfter: form.remindAfter.trim() } : {}),
    quarterlyChildren: form.quarterlyChildren,
  };
}

interface PlanForm {
  name: string;
  description: string;
  periodStart: string;
  periodEnd: string;
  revenueTarget: string;
  currency: string;
  goals: string;
  product: string;
  approverIds: string[];
  remindAfter: string;
  quarterlyChildren: boolean;
}

export function PlanFormPage() {
  const me = currentUser.get();
  const { users, error: usersError } = useUsers();
  const [form, setForm] = useState<PlanForm>({
    name: '', description: '', periodStart: `${nextYear}-01-01`, periodEnd: `${nextYear}-12-31`, revenueTarget: '', currency: 'EUR', goals: '', product: '', approverIds: [], remindAfter: '', quarterlyChildren: true,
  });
  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) => setForm((earlier) => ({ ...earlier, [key]: value }));
  const create = useAction((body: ReturnType<typeof planBody>) => post<PlanView>('/plans', body));
  const error = create.error;
  const submit = async (event: Event) => {
    event.preventDefault();
    const plan = await create.run(planBody(form));
    if (plan) navigate(`/plans/${plan.id}?created=${plan.children.length}`);
  };
  const text = (key: keyof PlanForm) => (event: Event) => set(key, (event.currentTarget as HTMLInputElement).value as never);

  return (
    <section>
      <p>
        <a href={href('/plans')}>← All plans</a>
      </p>
      <h1>New business plan</h1>
      <ErrorNotice error={usersError} title="The directory could not be loaded" />
      <form class="card" onSubmit={submit} noValidate>
        <ErrorNotice error={error} title="The plan was not created" />
        <Field label="Name" error={error?.detailFor('body.name')}>
          {(props) => <input {...props} required maxLength={200} value={form.name} onInput={text('name')} />}
        </Field>
        <Field label="Description" error={error?.detailFor('body.description')}>
          {(props) => <textarea {...props} maxLength={5000} value={form.description} onInput={text('description')} />}
        </Field>
        <div class="row">
          <Field label="Period start" error={error?.detailFor('body.periodStart')}>
            {(props) => <input {...props} type="date" required value={form.periodStart} onInput={text('periodStart')} />}
          </Field>
          <Field label="Period end" hint="Inclusive: the plan expires when this day ends" error={error?.detailFor('body.periodEnd')}>
            {(props) => <input {...props} type="date" required value={form.periodEnd} onInput={text('periodEnd')} />}
          </Field>
        </div>
        <div class="row">
          <Field label="Revenue target" hint="Optional; split evenly over the quarters" error={error?.detailFor('body.revenueTarget')}>
            {(props) => <input {...props} type="number" min="0" step="0.01" inputMode="decimal" value={form.revenueTarget} onInput={text('revenueTarget')} />}
          </Field>
          <Field label="Currency" hint="ISO code, e.g. EUR" error={error?.detailFor('body.currency')}>
            {(props) => <input {...props} maxLength={3} autoComplete="off" value={form.currency} onInput={text('currency')} />}
          </Field>
        </div>
        <Field label="Qualitative goals" hint="One per line" error={error?.detailFor('body.goals')}>
          {(props) => <textarea {...props} value={form.goals} onInput={text('goals')} />}
        </Field>
        <div class="row">
          <Field label="Product" error={error?.detailFor('body.product')}>
            {(props) => <input {...props} maxLength={200} value={form.product} onInput={text('product')} />}
          </Field>
          <Field label="Remind approvers after" hint="ISO 8601 duration, e.g. P3D; empty: no reminder" error={error?.detailFor('body.remindAfter')}>
            {(props) => <input {...props} value={form.remindAfter} onInput={text('remindAfter')} placeholder="P3D" />}
          </Field>
        </div>
        <ApproverPicker users={users} excludeId={me?.id ?? ''} chosen={form.approverIds} onChange={(ids) => set('approverIds', ids)} error={error?.detailFor('body.approverIds')} />
        <label class="checkbox">
          <input type="checkbox" checked={form.quarterlyChildren} onChange={(event) => set('quarterlyChildren', event.currentTarget.checked)} /> Also create the four quarterly plans
        </label>
        {error?.detailFor('body.quarterlyChildren') && <p class="field-error">{error.detailFor('body.quarterlyChildren')}</p>}
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create plan'}
        </button>
      </form>
    </section>
  );
}
