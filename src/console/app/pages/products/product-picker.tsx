import { useState } from 'preact/hooks';
import { Field } from '../../components/field';
import { ErrorNotice } from '../../components/notices';
import { useDebounced } from '../../use-debounced';
import { useApi } from '../../use-api';
import { t } from '../../i18n/i18n';
import type { ProductView } from './product-model';

/**
 * Picks a product of the catalog that is on offer: a search box narrowing a select of code and name.
 * `onPick` gets the whole product (its price list prefills a line item's price).
 */
export function ProductPicker({ label, value, error, path, onPick }: { label: string; value: string; error?: string; path?: string; onPick(product: ProductView | undefined): void }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const catalog = useApi<{ items: ProductView[] }>('/products', { active: 'true', q: q || undefined, limit: 100 });
  const items = catalog.data?.items ?? [];
  return (
    <div class="row product-picker">
      <Field label={t('Find a product')} hint={t('Code or name')}>
        {(props) => <input {...props} type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />}
      </Field>
      <Field label={label} error={error} path={path}>
        {(props) => (
          <select {...props} value={value} onChange={(event) => onPick(items.find((item) => item.id === event.currentTarget.value))}>
            <option value="">{t('— choose a product —')}</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code} · {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNotice error={catalog.error} title={t('The catalog could not be loaded')} />
    </div>
  );
}
