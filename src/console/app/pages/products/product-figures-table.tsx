import type { ProductFigures } from '../../../../products/products.schemas';
import { Empty } from '../../components/notices';
import { formatMoney, formatNumber } from '../../format';
import { t } from '../../i18n/i18n';

/** Figures per product (objective progress, plan progress, campaign return): one row per product and currency. */
export function ProductFiguresTable({ rows, caption, empty, wonLabel }: { rows: ProductFigures[]; caption: string; empty: string; wonLabel?: string }) {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Product')}</th>
            <th scope="col" class="number">{t('Won deals')}</th>
            <th scope="col" class="number">{t('Units won')}</th>
            <th scope="col" class="number">{wonLabel ?? t('Won')}</th>
            <th scope="col" class="number">{t('Pipeline')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.productId}:${row.currency ?? ''}`}>
              <th scope="row">
                {row.name} <span class="muted">{row.code}</span>
              </th>
              <td class="number">{formatNumber(row.wonDeals)}</td>
              <td class="number">{formatNumber(row.wonQuantity)}</td>
              <td class="number">{row.currency ? formatMoney(row.won, row.currency) : t('nothing sold yet')}</td>
              <td class="number">{row.currency ? formatMoney(row.pipeline, row.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
