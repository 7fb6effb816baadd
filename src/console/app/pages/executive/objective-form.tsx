import { useState } from 'preact/hooks';
import type { ObjectiveView } from '../../../../objectives/objectives.schemas';
import { post } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice, Notice } from '../../components/notices';
import { useAction } from '../../use-api';
import { t } from '../../i18n/i18n';
import { ProductsChooser } from '../products/products-chooser';
import type { ProductView } from '../products/product-model';

const empty = { name: '', kind: '', target: '', unit: '', appliesToAll: false };

/** Adds an objective to the plan (its author or an admin, while the plan is open). */
export function ObjectiveForm({ planId, onAdded }: { planId: string; onAdded(objective: ObjectiveView): void }) {
  const [form, setForm] = useState(empty);
  const [added, setAdded] = useState<ObjectiveView>();
  const [products, setProducts] = useState<ProductView[]>([]);
  const create = useAction((body: object) => post<ObjectiveView>(`/plans/${planId}/objectives`, body));
  const error = create.error;
  const set = (key: keyof typeof empty) => (event: Event) => setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement).value });
  const submit = async (event: Event) => {
    event.preventDefault();
    const objective = await create.run({
      name: form.name, kind: form.kind, unit: form.unit, appliesToAll: form.appliesToAll, target: form.target.trim() === '' ? undefined : Number(form.target),
      productIds: products.length > 0 ? products.map((product) => product.id) : undefined,
    });
    if (!objective) return;
    setAdded(objective);
    setForm(empty);
    setProducts([]);
    onAdded(objective);
  };
  return (
    <form onSubmit={submit} aria-labelledby="objective-form-heading" noValidate>
      <h3 id="objective-form-heading">{t('Add an objective')}</h3>
      {added && <Notice kind="success">{t('Objective "{name}" added (target {target} {unit}).', { name: added.name, target: added.target, unit: added.unit })}</Notice>}
      <ErrorNotice error={error} title={t('The objective was not added')} />
      <div class="row">
        <Field label={t('Objective name')} hint={t('e.g. "Two visits per key account"')} error={error?.detailFor('body.name')}>
          {(props) => <input {...props} required maxLength={200} value={form.name} onInput={set('name')} />}
        </Field>
        <Field label={t('What is counted')} hint={t('e.g. VISITS or SAMPLING')} error={error?.detailFor('body.kind')}>
          {(props) => <input {...props} required maxLength={100} value={form.kind} onInput={set('kind')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Target')} error={error?.detailFor('body.target')}>
          {(props) => <input {...props} type="number" min="0" step="any" required value={form.target} onInput={set('target')} />}
        </Field>
        <Field label={t('Unit')} hint={t('e.g. "visits per account"')} error={error?.detailFor('body.unit')}>
          {(props) => <input {...props} required maxLength={50} value={form.unit} onInput={set('unit')} />}
        </Field>
      </div>
      <ProductsChooser label={t('Products it is about')} chosen={products} error={error?.detailFor('body.productIds')} path="body.productIds" onChange={setProducts} />
      <label class="checkbox">
        <input type="checkbox" checked={form.appliesToAll} onChange={(event) => setForm({ ...form, appliesToAll: event.currentTarget.checked })} />{' '}{t('Applies to all accounts without applying it')}</label>
      <button type="submit" disabled={create.busy}>
        {create.busy ? t('Adding…') : t('Add objective')}
      </button>
    </form>
  );
}
