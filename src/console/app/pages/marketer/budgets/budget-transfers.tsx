import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { usePagedList } from '../../../use-paged-list';
import '../../account/account.css';
import '../../executive/executive.css';
import type { BudgetView } from './budget-model';
import './budget-transfers.css';
import { TransferForm } from './transfer-form';
import { TransferItem } from './transfer-item';
import type { BudgetTransferView } from './transfer-model';
import { t } from '../../../i18n/i18n';

/** The budget page's transfers from and to this budget, newest first, and (for those who keep budgets) the form asking for one. */
export function BudgetTransfers({ view, keeper, onChanged }: { view: BudgetView; keeper: boolean; onChanged(message: string): void }) {
  const me = useSignal(currentUser);
  const transfers = usePagedList<BudgetTransferView>('/budget-transfers', { budgetId: view.id });
  // A transfer asked, decided or withdrawn may change this budget's figures: the page reloads them too.
  const changed = (message: string) => {
    void transfers.first.reload();
    onChanged(message);
  };
  return (
    <section class="card" aria-labelledby="transfers-heading">
      <h2 id="transfers-heading">{t('Transfers')}</h2>
      <ErrorNotice error={transfers.first.error} title={t('The transfers could not be loaded')} />
      {transfers.first.loading && !transfers.first.data && <Loading label={t('Loading the transfers…')} />}
      {transfers.first.data && transfers.items.length === 0 && <Empty>{t('No transfer from or to this budget.')}</Empty>}
      {transfers.items.length > 0 && (
        <ul class="transfer-list">
          {transfers.items.map((transfer) => (
            <li key={transfer.id}>
              <TransferItem transfer={transfer} budgetId={view.id} me={me} onChanged={changed} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={transfers} label={t('Show older transfers')} errorTitle={t('Older transfers could not be loaded')} />
      {keeper && <TransferForm view={view} onAsked={changed} />}
    </section>
  );
}
