import { money } from '../budgets/budget-model';
import type { StockLineView } from './stock-model';
import { t } from '../../../i18n/i18n';

/** Stock by item and location: what is on the shelf, held, free, asked by the waiting list, and worth. */
export function StockTable({ lines }: { lines: StockLineView[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('Stock by item and location')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Item')}</th>
            <th scope="col">{t('Location')}</th>
            {[t('On hand'), t('Reserved'), t('Available'), t('Waiting'), t('Value'), t('Average cost')].map((label) => (
              <th scope="col" class="number" key={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.id}>
              <th scope="row">
                {line.itemName}
                {line.itemStatus !== 'APPROVED' && <span class="muted"> ({line.itemStatus.toLowerCase()})</span>}
              </th>
              <td>{line.locationName}</td>
              <td class="number">{line.onHand}</td>
              <td class="number">{line.reserved}</td>
              <td class="number">{line.available}</td>
              <td class="number">{line.waiting > 0 ? `${line.waiting} (${line.waitingReservations})` : '0'}</td>
              <td class="number">{line.currency ? money(line.value, line.currency) : '—'}</td>
              <td class="number">{line.averageUnitCost && line.currency ? `${line.averageUnitCost} ${line.currency}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
