import type { InstalledProductView } from '../../../../../products/line-items.schemas';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDate, formatNumber } from '../../../format';
import { t } from '../../../i18n/i18n';
import { usePagedList } from '../../../use-paged-list';

/** What the account has bought: the products of its won deals, newest first (give it a new key to reload it). */
export function InstalledProductsSection({ accountId }: { accountId: string }) {
  const list = usePagedList<InstalledProductView>(`/accounts/${accountId}/installed-products`, { limit: 20 });
  return (
    <section class="card" aria-labelledby="installed-heading">
      <h2 id="installed-heading">{t('Installed products')}</h2>
      <ErrorNotice error={list.first.error} title={t('The installed products could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading label={t('Loading the installed products…')} />}
      {list.first.data && list.items.length === 0 && <Empty>{t('Nothing installed yet: the products of won deals show here.')}</Empty>}
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Installed products')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Product')}</th>
                <th scope="col">{t('Family')}</th>
                <th scope="col" class="number">{t('Quantity')}</th>
                <th scope="col">{t('Since')}</th>
                <th scope="col">{t('From the deal')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.productName} <span class="muted">{row.productCode}</span>
                  </th>
                  <td>{row.productFamily}</td>
                  <td class="number">{formatNumber(row.quantity)}</td>
                  <td>{formatDate(row.since)}</td>
                  <td>{row.sourceOpportunityName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more installed products')} errorTitle={t('More installed products could not be loaded')} />
    </section>
  );
}
