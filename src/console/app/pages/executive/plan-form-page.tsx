import { useState } from 'preact/hooks';
import type { PlanView } from '../../../../plans/plans.schemas';
import { post } from '../../api';
import { DurationField } from '../../components/duration-field';
import { Field } from '../../components/field';
import { FieldError } from '../../components/field-error';
import { ErrorNotice } from '../../components/notices';
import { href, navigate } from '../../router';
import { currentUser } from '../../session';
import { useAction } from '../../use-api';
import { useUsers } from '../../use-users';
import { ApproverPicker } from './approver-picker';
import { ProductsChooser } from '../products/products-chooser';
import type { ProductView } from '../products/product-model';
import './executive.css';
import { t } from '../../i18n/i18n';

const nextYear = new Date().getFullYear() + 1;

/** The body as the API takes it: empty optional fields are left out rather than sent blank. */
function planBody(form: PlanForm, products: ProductView[]) {
  const goals = form.goals.split('\n').map((goal) => goal.trim()).filter(Boolean);
  return {
    name: form.name,
    ...(form.description.trim() ? { description: form.description } : {}),
    periodStart: form.periodStart,
    periodEnd: form.periodEnd,
    ...(form.revenueTarget.trim() ? { revenueTarget: Number(form.revenueTarget), currency: form.currency.trim().toUpperCase() || undefined } : {}),
    ...(goals.length ? { goals } : {}),
    ...(products.length ? { productIds: products.map((product) => product.id) } : {}),
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
  approverIds: string[];
  remindAfter: string;
  quarterlyChildren: boolean;
}

export function PlanFormPage() {
  const me = currentUser.get();
  const { users, error: usersError } = useUsers();
  const [form, setForm] = useState<PlanForm>({
    name: '', description: '', periodStart: `${nextYear}-01-01`, periodEnd: `${nextYear}-12-31`, revenueTarget: '', currency: 'EUR', goals: '', approverIds: [], remindAfter: '', quarterlyChildren: true,
  });
  const [products, setProducts] = useState<ProductView[]>([]);
  const set = <K extends keyof PlanForm>(key: K, value: PlanForm[K]) => setForm((earlier) => ({ ...earlier, [key]: value }));
  const create = useAction((body: ReturnType<typeof planBody>) => post<PlanView>('/plans', body));
  const error = create.error;
  const submit = async (event: Event) => {
    event.preventDefault();
    const plan = await create.run(planBody(form, products));
    if (plan) navigate(`/plans/${plan.id}?created=${plan.children.length}`);
  };
  const text = (key: keyof PlanForm) => (event: Event) => set(key, (event.currentTarget as HTMLInputElement).value as never);

  return (
    <section>
      <p>
        <a href={href('/plans')}>{t('← All plans')}</a>
      </p>
      <h1>{t('New business plan')}</h1>
      <ErrorNotice error={usersError} title={t('The directory could not be loaded')} />
      <form class="card" onSubmit={submit} noValidate>
        <ErrorNotice error={error} title={t('The plan was not created')} />
        <Field label={t('Name')} error={error?.detailFor('body.name')}>
          {(props) => <input {...props} required maxLength={200} value={form.name} onInput={text('name')} />}
        </Field>
        <Field label={t('Description')} error={error?.detailFor('body.description')}>
          {(props) => <textarea {...props} maxLength={5000} value={form.description} onInput={text('description')} />}
        </Field>
        <div class="row">
          <Field label={t('Period start')} error={error?.detailFor('body.periodStart')}>
            {(props) => <input {...props} type="date" required value={form.periodStart} onInput={text('periodStart')} />}
          </Field>
          <Field label={t('Period end')} hint={t('Inclusive: the plan expires when this day ends')} error={error?.detailFor('body.periodEnd')}>
            {(props) => <input {...props} type="date" required value={form.periodEnd} onInput={text('periodEnd')} />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('Revenue target')} hint={t('Optional; split evenly over the quarters')} error={error?.detailFor('body.revenueTarget')}>
            {(props) => <input {...props} type="number" min="0" step="0.01" inputMode="decimal" value={form.revenueTarget} onInput={text('revenueTarget')} />}
          </Field>
          <Field label={t('Currency')} hint={t('ISO code, e.g. EUR')} error={error?.detailFor('body.currency')}>
            {(props) => <input {...props} maxLength={3} autoComplete="off" value={form.currency} onInput={text('currency')} />}
          </Field>
        </div>
        <Field label={t('Qualitative goals')} hint={t('One per line')} error={error?.detailFor('body.goals')}>
          {(props) => <textarea {...props} value={form.goals} onInput={text('goals')} />}
        </Field>
        <div class="row">
          <DurationField label={t('Remind approvers after')} hint={t('Empty: no reminder')} error={error?.detailFor('body.remindAfter')} value={form.remindAfter} onChange={(remindAfter) => set('remindAfter', remindAfter)} />
        </div>
        <ProductsChooser label={t('Products the plan is about')} chosen={products} error={error?.detailFor('body.productIds')} path="body.productIds" onChange={setProducts} />
        <ApproverPicker users={users} excludeId={me?.id ?? ''} chosen={form.approverIds} onChange={(ids) => set('approverIds', ids)} error={error?.detailFor('body.approverIds')} />
        <label class="checkbox">
          <input type="checkbox" checked={form.quarterlyChildren} onChange={(event) => set('quarterlyChildren', event.currentTarget.checked)} />{' '}{t('Also create the four quarterly plans')}</label>
        <FieldError label={t('Also create the four quarterly plans')} error={error?.detailFor('body.quarterlyChildren')} />
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? t('Creating…') : t('Create plan')}
        </button>
      </form>
    </section>
  );
}
