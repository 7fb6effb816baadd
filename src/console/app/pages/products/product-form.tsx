import { useState } from 'preact/hooks';
import { patch, post } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice } from '../../components/notices';
import { useAction } from '../../use-api';
import { t } from '../../i18n/i18n';
import type { ProductView } from './product-model';

interface PriceDraft {
  key: number;
  currency: string;
  unitPrice: string;
  validFrom: string;
}

let nextKey = 1;
const priceDraft = (price?: ProductView['prices'][number]): PriceDraft => ({
  key: nextKey++,
  currency: price?.currency ?? 'EUR',
  unitPrice: price ? String(price.unitPrice) : '',
  validFrom: price?.validFrom ?? '',
});

/** A number typed in a field: sent as a number when it is one, else as typed, so the API names the field. */
const numberOrText = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** Creates a product, or edits one (`product`): code, name, family, description and the price list per currency. */
export function ProductForm({ product, families, onSaved, onCancel }: { product?: ProductView; families: string[]; onSaved(product: ProductView): void; onCancel?(): void }) {
  const [code, setCode] = useState(product?.code ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [family, setFamily] = useState(product?.family ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [prices, setPrices] = useState<PriceDraft[]>(product ? product.prices.map(priceDraft) : [priceDraft()]);
  const save = useAction((body: object) => (product ? patch<ProductView>(`/products/${product.id}`, body) : post<ProductView>('/products', body)));
  const at = (path: string) => save.error?.detailFor(`body.${path}`);
  const headingId = product ? `edit-product-${product.id}` : 'new-product-heading';

  const setPrice = (key: number, change: Partial<PriceDraft>) => setPrices(prices.map((price) => (price.key === key ? { ...price, ...change } : price)));
  async function submit(event: Event) {
    event.preventDefault();
    const saved = await save.run({
      code: code.trim(),
      name: name.trim(),
      family: family.trim(),
      description: description.trim() || (product ? null : undefined),
      prices: prices.map((price) => ({ currency: price.currency.trim().toUpperCase(), unitPrice: numberOrText(price.unitPrice), validFrom: price.validFrom || null })),
    });
    if (!saved) return;
    if (!product) {
      setCode('');
      setName('');
      setDescription('');
      setPrices([priceDraft()]);
    }
    onSaved(saved);
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{product ? t('Edit {name}', { name: product.name }) : t('New product')}</h2>
      <ErrorNotice error={save.error} title={product ? t('The product was not saved') : t('The product was not added')} />
      <div class="row">
        <Field label={t('Code')} hint={t('Unique, e.g. CRM-PRO')} error={at('code')} path="body.code">
          {(props) => <input {...props} value={code} maxLength={50} onInput={(event) => setCode(event.currentTarget.value)} />}
        </Field>
        <Field label={t('Product name')} error={at('name')} path="body.name">
          {(props) => <input {...props} value={name} maxLength={200} onInput={(event) => setName(event.currentTarget.value)} />}
        </Field>
        <Field label={t('Family')} hint={t('The product line, e.g. Software')} error={at('family')} path="body.family">
          {(props) => <input {...props} value={family} maxLength={100} list="product-families" onInput={(event) => setFamily(event.currentTarget.value)} />}
        </Field>
        <datalist id="product-families">
          {families.map((item) => (
            <option key={item} value={item} />
          ))}
        </datalist>
      </div>
      <Field label={t('Description')} error={at('description')} path="body.description">
        {(props) => <input {...props} value={description} maxLength={2000} onInput={(event) => setDescription(event.currentTarget.value)} />}
      </Field>
      <fieldset>
        <legend>{t('Price list')}</legend>
        {prices.length === 0 && <p class="muted">{t('No price yet: deals then need a unit price typed in.')}</p>}
        {prices.map((price, index) => (
          <div class="row" key={price.key}>
            <Field label={t('Currency (price {number})', { number: index + 1 })} hint={t('Three letters, e.g. EUR')} error={at(`prices.${index}.currency`) ?? at(`prices.${index}`)} path={`body.prices.${index}.currency`}>
              {(props) => <input {...props} class="currency-input" value={price.currency} maxLength={3} onInput={(event) => setPrice(price.key, { currency: event.currentTarget.value })} />}
            </Field>
            <Field label={t('Unit price (price {number})', { number: index + 1 })} error={at(`prices.${index}.unitPrice`)} path={`body.prices.${index}.unitPrice`}>
              {(props) => <input {...props} type="number" min={0} step="0.01" value={price.unitPrice} onInput={(event) => setPrice(price.key, { unitPrice: event.currentTarget.value })} />}
            </Field>
            <Field label={t('Valid from (price {number})', { number: index + 1 })} hint={t('Empty: always')} error={at(`prices.${index}.validFrom`)} path={`body.prices.${index}.validFrom`}>
              {(props) => <input {...props} type="date" value={price.validFrom} onInput={(event) => setPrice(price.key, { validFrom: event.currentTarget.value })} />}
            </Field>
            <button type="button" onClick={() => setPrices(prices.filter((other) => other.key !== price.key))} aria-label={t('Remove price {number}', { number: index + 1 })} style={{ marginBottom: '0.75rem' }}>
              {t('Remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setPrices([...prices, priceDraft()])}>
          {t('Add a price')}
        </button>
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('Saving…') : product ? t('Save product') : t('Add to the catalog')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('Cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
