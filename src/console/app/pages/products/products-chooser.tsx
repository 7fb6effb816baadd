import { t } from '../../i18n/i18n';
import { ProductPicker } from './product-picker';
import type { ProductView } from './product-model';

/** Several products of the catalog, as a plan or an objective names them: pick to add, a button to remove each. */
export function ProductsChooser({ label, chosen, error, path, onChange }: { label: string; chosen: ProductView[]; error?: string; path: string; onChange(products: ProductView[]): void }) {
  return (
    <>
      <ProductPicker label={label} value="" error={error} path={path} onPick={(product) => product && !chosen.some((one) => one.id === product.id) && onChange([...chosen, product])} />
      {chosen.length > 0 && (
        <ul class="plain-list" aria-label={t('Chosen products')}>
          {chosen.map((product) => (
            <li key={product.id}>
              {product.code} · {product.name}{' '}
              <button type="button" onClick={() => onChange(chosen.filter((one) => one.id !== product.id))} aria-label={t('Take {product} off the list', { product: product.name })}>
                {t('Remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
