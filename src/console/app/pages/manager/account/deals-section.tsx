import { useState } from 'preact/hooks';
import type { AccountDeal, DealLineItems, LineItemView } from '../../../../../products/line-items.schemas';
import { del, patch, post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDate, formatMoney, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { useAction } from '../../../use-api';
import { usePagedList } from '../../../use-paged-list';
import { ProductPicker } from '../../products/product-picker';
import { currentPrice, lineTotal, type ProductView } from '../../products/product-model';
import '../../products/products.css';

type State = 'open' | 'won' | 'all';

interface LineDraft {
  quantity: string;
  unitPrice: string;
  discountPercent: string;
}

const toDraft = (item: LineItemView): LineDraft => ({ quantity: String(item.quantity), unitPrice: String(item.unitPrice), discountPercent: String(item.discountPercent) });
/** A number typed in a field: sent as a number when it is one, else as typed, so the API names the field. */
const numberOrText = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
const valueOf = (text: string) => (Number.isFinite(Number(text)) ? Number(text) : 0);
const draftTotal = (draft: LineDraft) => lineTotal(valueOf(draft.quantity), valueOf(draft.unitPrice), valueOf(draft.discountPercent));

/** The account's deals with their products; whoever may work the account adds, changes and removes line items. */
export function DealsSection({ accountId, mayChange, onChanged }: { accountId: string; mayChange: boolean; onChanged?(): void }) {
  const [state, setState] = useState<State>('open');
  const list = usePagedList<AccountDeal>(`/accounts/${accountId}/deals`, { state: state === 'all' ? undefined : state, limit: 10 });
  return (
    <section class="card" aria-labelledby="deals-heading">
      <div class="page-head">
        <h2 id="deals-heading">{t('Deals and their products')}</h2>
        <div class="deals-filter">
          <Field label={t('Deals shown')}>
            {(props) => (
              <select {...props} value={state} onChange={(event) => setState(event.currentTarget.value as State)}>
                <option value="open">{t('Open deals')}</option>
                <option value="won">{t('Won deals')}</option>
                <option value="all">{t('All deals')}</option>
              </select>
            )}
          </Field>
        </div>
      </div>
      <ErrorNotice error={list.first.error} title={t('The deals could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading label={t('Loading the deals…')} />}
      {list.first.data && list.items.length === 0 && <Empty>{state === 'won' ? t('No won deal yet.') : state === 'open' ? t('No open deal.') : t('No deal yet.')}</Empty>}
      {list.items.map((deal) => (
        <DealCard key={`${deal.opportunityId}:${deal.updatedAt}`} deal={deal} mayChange={mayChange && deal.stage !== 'LOST'} onChanged={onChanged} />
      ))}
      <LoadMore list={list} label={t('Show more deals')} errorTitle={t('More deals could not be loaded')} />
    </section>
  );
}

function DealCard({ deal: initial, mayChange, onChanged }: { deal: AccountDeal; mayChange: boolean; onChanged?(): void }) {
  const [deal, setDeal] = useState<DealLineItems>(initial);
  const [drafts, setDrafts] = useState<Record<string, LineDraft>>(Object.fromEntries(initial.items.map((item) => [item.id, toDraft(item)])));
  const [product, setProduct] = useState<ProductView>();
  const [adding, setAdding] = useState<LineDraft>({ quantity: '1', unitPrice: '', discountPercent: '0' });
  const headingId = `deal-${deal.opportunityId}`;
  const settled = (answer: DealLineItems | undefined) => {
    if (!answer) return false;
    setDeal(answer);
    setDrafts(Object.fromEntries(answer.items.map((item) => [item.id, toDraft(item)])));
    onChanged?.();
    return true;
  };
  const add = useAction(() =>
    post<DealLineItems>(`/opportunities/${deal.opportunityId}/line-items`, {
      productId: product?.id ?? '',
      quantity: numberOrText(adding.quantity),
      unitPrice: adding.unitPrice.trim() === '' ? undefined : numberOrText(adding.unitPrice),
      discountPercent: adding.discountPercent.trim() === '' ? 0 : numberOrText(adding.discountPercent),
    }),
  );
  const pick = (picked: ProductView | undefined) => {
    setProduct(picked);
    const price = picked ? currentPrice(picked, deal.currency) : undefined;
    setAdding({ ...adding, unitPrice: price === undefined ? '' : String(price) });
  };
  async function submitAdd(event: Event) {
    event.preventDefault();
    if (settled(await add.run())) {
      setProduct(undefined);
      setAdding({ quantity: '1', unitPrice: '', discountPercent: '0' });
    }
  }
  // The total as it will be: the lines as edited, and the line being added.
  const liveTotal = deal.items.reduce((sum, item) => sum + draftTotal(drafts[item.id] ?? toDraft(item)), 0) + (product ? draftTotal(adding) : 0);
  const at = (field: string) => add.error?.detailFor(`body.${field}`);

  return (
    <article class="deal-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {deal.name} <StatusBadge status={deal.stage} />
      </h3>
      <p class="muted">
        {t('Amount {amount}', { amount: formatMoney(deal.amount, deal.currency) })}
        {initial.expectedCloseDate && <> · {t('expected to close {date}', { date: formatDate(initial.expectedCloseDate) })}</>}
      </p>
      {deal.items.length === 0 ? (
        <p class="muted">{t('No product on this deal: its amount is set by hand.')}</p>
      ) : (
        <div class="table-wrap line-items">
          <table>
            <caption class="visually-hidden">{t('Products of {name}', { name: deal.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Product')}</th>
                <th scope="col" class="number">{t('Quantity')}</th>
                <th scope="col" class="number">{t('Unit price')}</th>
                <th scope="col" class="number">{t('Discount, %')}</th>
                <th scope="col" class="number">{t('Line total')}</th>
                {mayChange && (
                  <th scope="col">
                    <span class="visually-hidden">{t('Actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {deal.items.map((item) => (
                <LineRow
                  key={item.id}
                  deal={deal}
                  item={item}
                  draft={drafts[item.id] ?? toDraft(item)}
                  mayChange={mayChange}
                  onDraft={(draft) => setDrafts({ ...drafts, [item.id]: draft })}
                  onSettled={settled}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayChange && (
        <form class="add-line" onSubmit={submitAdd} noValidate aria-label={t('Add a product to {name}', { name: deal.name })}>
          <ErrorNotice error={add.error} title={t('The product was not added to the deal')} />
          <ProductPicker label={t('Product to add')} value={product?.id ?? ''} error={at('productId')} path="body.productId" onPick={pick} />
          <div class="row">
            <Field label={t('Quantity')} error={at('quantity')} path="body.quantity">
              {(props) => <input {...props} type="number" min={0} step="any" value={adding.quantity} onInput={(event) => setAdding({ ...adding, quantity: event.currentTarget.value })} />}
            </Field>
            <Field label={t('Unit price, {currency}', { currency: deal.currency })} hint={t('From the price list; change it if agreed otherwise')} error={at('unitPrice')} path="body.unitPrice">
              {(props) => <input {...props} type="number" min={0} step="0.01" value={adding.unitPrice} onInput={(event) => setAdding({ ...adding, unitPrice: event.currentTarget.value })} />}
            </Field>
            <Field label={t('Discount, %')} error={at('discountPercent')} path="body.discountPercent">
              {(props) => <input {...props} type="number" min={0} max={100} step="any" value={adding.discountPercent} onInput={(event) => setAdding({ ...adding, discountPercent: event.currentTarget.value })} />}
            </Field>
            <button type="submit" disabled={add.busy || !product} style={{ marginBottom: '0.75rem' }}>
              {add.busy ? t('Adding…') : t('Add product')}
            </button>
          </div>
        </form>
      )}
      {(deal.items.length > 0 || product) && (
        <p class="total" aria-live="polite">
          {t('Deal total: {total}', { total: formatMoney(Math.round(liveTotal * 100) / 100, deal.currency) })}
        </p>
      )}
    </article>
  );
}

function LineRow({ deal, item, draft, mayChange, onDraft, onSettled }: {
  deal: DealLineItems;
  item: LineItemView;
  draft: LineDraft;
  mayChange: boolean;
  onDraft(draft: LineDraft): void;
  onSettled(answer: DealLineItems | undefined): boolean;
}) {
  const base = `/opportunities/${deal.opportunityId}/line-items/${item.id}`;
  const save = useAction(() => patch<DealLineItems>(base, { quantity: numberOrText(draft.quantity), unitPrice: numberOrText(draft.unitPrice), discountPercent: numberOrText(draft.discountPercent) }));
  const remove = useAction(() => del<DealLineItems>(base));
  const changed = draft.quantity !== String(item.quantity) || draft.unitPrice !== String(item.unitPrice) || draft.discountPercent !== String(item.discountPercent);
  const at = (field: string) => save.error?.detailFor(`body.${field}`);
  if (!mayChange) {
    return (
      <tr>
        <th scope="row">
          {item.productName} <span class="muted">{item.productCode}</span>
        </th>
        <td class="number">{formatNumber(item.quantity)}</td>
        <td class="number">{formatMoney(item.unitPrice, deal.currency)}</td>
        <td class="number">{formatNumber(item.discountPercent)}</td>
        <td class="number">{formatMoney(item.total, deal.currency)}</td>
      </tr>
    );
  }
  return (
    <tr>
      <th scope="row">
        {item.productName} <span class="muted">{item.productCode}</span>
        <ErrorNotice error={save.error ?? remove.error} title={t('The line was not changed')} />
      </th>
      <td class="number">
        <Field label={t('Quantity of {product}', { product: item.productName })} error={at('quantity')} path="body.quantity">
          {(props) => <input {...props} type="number" min={0} step="any" value={draft.quantity} onInput={(event) => onDraft({ ...draft, quantity: event.currentTarget.value })} />}
        </Field>
      </td>
      <td class="number">
        <Field label={t('Unit price of {product}', { product: item.productName })} error={at('unitPrice')} path="body.unitPrice">
          {(props) => <input {...props} type="number" min={0} step="0.01" value={draft.unitPrice} onInput={(event) => onDraft({ ...draft, unitPrice: event.currentTarget.value })} />}
        </Field>
      </td>
      <td class="number">
        <Field label={t('Discount of {product}, %', { product: item.productName })} error={at('discountPercent')} path="body.discountPercent">
          {(props) => <input {...props} type="number" min={0} max={100} step="any" value={draft.discountPercent} onInput={(event) => onDraft({ ...draft, discountPercent: event.currentTarget.value })} />}
        </Field>
      </td>
      <td class="number">{formatMoney(draftTotal(draft), deal.currency)}</td>
      <td>
        <div class="row">
          <button type="button" disabled={!changed || save.busy} onClick={async () => onSettled(await save.run())} aria-label={t('Save {product}', { product: item.productName })}>
            {t('Save')}
          </button>
          <button type="button" disabled={remove.busy} onClick={async () => onSettled(await remove.run())} aria-label={t('Remove {product}', { product: item.productName })}>
            {t('Remove')}
          </button>
        </div>
      </td>
    </tr>
  );
}
