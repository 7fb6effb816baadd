import { useState } from 'preact/hooks';
import { post } from '../../api';
import { Field } from '../../components/field';
import { LoadMore } from '../../components/load-more';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDate, formatMoney } from '../../format';
import { currentUser } from '../../session';
import { useSignal } from '../../signal';
import { useAction, useApi } from '../../use-api';
import { useDebounced } from '../../use-debounced';
import { usePagedList } from '../../use-paged-list';
import { t } from '../../i18n/i18n';
import { mayKeepCatalog, type ProductView } from './product-model';
import { ProductForm } from './product-form';
import './products.css';

type Shown = 'active' | 'retired' | 'all';

/** /products: the catalog with its filters; admins and marketers add, edit, retire and offer again. */
export function ProductCatalogPage() {
  const me = useSignal(currentUser);
  const keeper = mayKeepCatalog(me?.role);
  const [search, setSearch] = useState('');
  const [family, setFamily] = useState('');
  const [shown, setShown] = useState<Shown>('active');
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const q = useDebounced(search.trim(), 250);
  const list = usePagedList<ProductView>('/products', { q: q || undefined, family: family || undefined, active: shown === 'all' ? undefined : String(shown === 'active'), limit: 25 });
  const families = useApi<{ items: string[] }>('/product-families');
  const changed = (message: string) => {
    setNotice(message);
    setEditing(undefined);
    void list.first.reload();
    void families.reload();
  };

  return (
    <section>
      <div class="page-head">
        <h1>{t('Products')}</h1>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <form class="row filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field label={t('Search products')} hint={t('Code, name or description')}>
          {(props) => <input {...props} type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />}
        </Field>
        <Field label={t('Family')}>
          {(props) => (
            <select {...props} value={family} onChange={(event) => setFamily(event.currentTarget.value)}>
              <option value="">{t('All families')}</option>
              {(families.data?.items ?? []).map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Show')}>
          {(props) => (
            <select {...props} value={shown} onChange={(event) => setShown(event.currentTarget.value as Shown)}>
              <option value="active">{t('On offer')}</option>
              <option value="retired">{t('Retired')}</option>
              <option value="all">{t('All products')}</option>
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={list.first.error} title={t('The catalog could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading label={t('Loading the catalog…')} />}
      {list.first.data && list.items.length === 0 && <Empty>{t('No product matches these filters.')}</Empty>}
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="product-table">
            <thead>
              <tr>
                <th scope="col">{t('Product')}</th>
                <th scope="col">{t('Family')}</th>
                <th scope="col">{t('Prices')}</th>
                {keeper && (
                  <th scope="col">
                    <span class="visually-hidden">{t('Actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.items.map((product) =>
                editing === product.id ? (
                  <tr key={product.id}>
                    <td colSpan={keeper ? 4 : 3}>
                      <ProductForm product={product} families={families.data?.items ?? []} onSaved={(saved) => changed(t('“{name}” saved.', { name: saved.name }))} onCancel={() => setEditing(undefined)} />
                    </td>
                  </tr>
                ) : (
                  <ProductRow key={`${product.id}:${product.updatedAt}`} product={product} keeper={keeper} onEdit={() => setEditing(product.id)} onChanged={changed} />
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more products')} errorTitle={t('More products could not be loaded')} />
      {keeper && <ProductForm families={families.data?.items ?? []} onSaved={(saved) => changed(t('“{name}” added to the catalog.', { name: saved.name }))} />}
    </section>
  );
}

function ProductRow({ product, keeper, onEdit, onChanged }: { product: ProductView; keeper: boolean; onEdit(): void; onChanged(message: string): void }) {
  const toggle = useAction(() => post<ProductView>(`/products/${product.id}/${product.active ? 'retire' : 'reactivate'}`));
  async function run() {
    const answer = await toggle.run();
    if (answer) onChanged(answer.active ? t('“{name}” is on offer again.', { name: answer.name }) : t('“{name}” retired: it stays on past deals.', { name: answer.name }));
  }
  return (
    <tr>
      <td>
        <strong>{product.name}</strong> <span class="muted">{product.code}</span>
        {product.description && <div class="muted">{product.description}</div>}
        {!product.active && product.retiredAt && <div class="muted">{t('Retired {date}', { date: formatDate(product.retiredAt) })}</div>}
      </td>
      <td>{product.family}</td>
      <td>
        {product.prices.length === 0 ? (
          <span class="muted">{t('No price')}</span>
        ) : (
          <ul class="plain-list">
            {product.prices.map((price) => (
              <li key={`${price.currency}:${price.validFrom ?? ''}`}>
                {formatMoney(price.unitPrice, price.currency)}
                {price.validFrom && <span class="muted"> {t('from {date}', { date: formatDate(price.validFrom) })}</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
      {keeper && (
        <td>
          <div class="row">
            <button type="button" onClick={onEdit} aria-label={t('Edit {name}', { name: product.name })}>
              {t('Edit')}
            </button>
            <button type="button" disabled={toggle.busy} onClick={() => void run()} aria-label={product.active ? t('Retire {name}', { name: product.name }) : t('Offer {name} again', { name: product.name })}>
              {product.active ? t('Retire') : t('Offer again')}
            </button>
          </div>
          <ErrorNotice error={toggle.error} title={t('Not changed')} />
        </td>
      )}
    </tr>
  );
}
