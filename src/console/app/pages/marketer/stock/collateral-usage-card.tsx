import { ErrorNotice } from '../../../components/notices';
import { useApi } from '../../../use-api';
import { money } from '../budgets/budget-model';
import type { WorkUsage } from './stock-model';
import { t } from '../../../i18n/i18n';

/** On a campaign's or event's page: the printed collateral it reserved and used, and what that cost. */
export function CollateralUsageCard({ path }: { path: string }) {
  const usage = useApi<WorkUsage>(path);
  if (usage.error) return <ErrorNotice error={usage.error} title={t('The collateral used could not be loaded')} />;
  if (!usage.data || usage.data.items.length === 0) return null;
  const costs = usage.data.costs.map((cost) => money(cost.amount, cost.currency)).join(' + ') || t('nothing shipped yet');
  return (
    <section class="card" aria-labelledby="collateral-usage-heading">
      <h2 id="collateral-usage-heading">{t('Collateral used')}</h2>
      <div class="table-wrap">
        <table>
          <caption>{t('Printed collateral: {costs}', { costs })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Item')}</th>
              {[t('Reserved'), t('Waiting'), t('Shipped'), t('Returned'), t('Used'), t('Cost')].map((label) => (
                <th scope="col" class="number" key={label}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {usage.data.items.map((item) => (
              <tr key={item.itemId}>
                <th scope="row">{item.itemName}</th>
                <td class="number">{item.reserved}</td>
                <td class="number">{item.waiting}</td>
                <td class="number">{item.shipped}</td>
                <td class="number">{item.returned}</td>
                <td class="number">{item.used}</td>
                <td class="number">{item.costs.map((cost) => money(cost.amount, cost.currency)).join(' + ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
