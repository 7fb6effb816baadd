import { useState } from 'preact/hooks';
import type { AccountSummary } from '../../../../../accounts/account-views.schemas';
import { StatusBadge } from '../../../components/badge';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDate } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { usePagedList } from '../../../use-paged-list';
import { useUsers } from '../../../use-users';
import { mayWorkAccounts, useTakeAccount } from '../take-account';
import { AccountFilters, filtersPath, readFilters, toListQuery } from './account-filters';
import '../manager.css';
import { msg, t, tp } from '../../../i18n/i18n';

const PAGE_SIZE = 25;

export function AccountsPage({ query }: PageProps) {
  const me = useSignal(currentUser);
  const filters = readFilters(query);
  const list = usePagedList<AccountSummary>('/accounts', { ...toListQuery(filters), limit: PAGE_SIZE });
  const first = list.first;
  const [taken, setTaken] = useState<Map<string, AccountSummary>>(new Map());
  const [takenNotice, setTakenNotice] = useState<{ id: string; name: string }>();
  const take = useTakeAccount();
  const { nameOf } = useUsers({ meAs: msg('you') });
  const mayWork = mayWorkAccounts(me?.role);

  async function takeIntoWork(account: AccountSummary) {
    const result = await take.run(account.id);
    if (!result) return;
    setTaken((previous) => new Map(previous).set(account.id, { ...account, status: result.status, ownerId: result.ownerId }));
    setTakenNotice({ id: account.id, name: account.name });
  }

  const items = list.items.map((account) => taken.get(account.id) ?? account);

  return (
    <section>
      <div class="page-head">
        <h1>{t('Accounts')}</h1>
      </div>
      <AccountFilters value={filters} showScope={mayWork} onChange={(next) => navigate(filtersPath(next))} />
      {takenNotice && (
        <Notice kind="success">
          {t('You took')}{' '}<a href={href(`/accounts/${takenNotice.id}`)}>{takenNotice.name}</a>{' '}{t('into work: it is now Potential and yours.')}</Notice>
      )}
      <ErrorNotice error={take.error} title={t('Could not take the account')} />
      <ErrorNotice error={first.error} title={t('Could not load the accounts')} />
      {first.loading && !first.data && <Loading label={t('Loading accounts…')} />}
      {first.data && items.length === 0 && <Empty>{t('No account matches these filters.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="muted" style={{ textAlign: 'left', padding: '0.5rem 0.6rem' }}>
              {list.hasMore ? tp(items.length, '{count} account shown, more to load', '{count} accounts shown, more to load') : tp(items.length, '{count} account shown', '{count} accounts shown')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Owner')}</th>
                <th scope="col">{t('Segment')}</th>
                <th scope="col">{t('Created')}</th>
                {mayWork && <th scope="col">{t('Action')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((account) => (
                <tr key={account.id}>
                  <td class="account-name-cell">
                    <a href={href(`/accounts/${account.id}`)}>{account.name}</a>
                  </td>
                  <td>
                    <StatusBadge status={account.status} />
                  </td>
                  <td>{account.ownerId ? (nameOf(account.ownerId) ?? t('Someone')) : <span class="muted">{t('Nobody (pool)')}</span>}</td>
                  <td>{account.segment ?? <span class="muted">—</span>}</td>
                  <td>{formatDate(account.createdAt)}</td>
                  {mayWork && (
                    <td>
                      {account.status === 'NEW' && !account.ownerId && (
                        <button type="button" disabled={take.busy} aria-label={t('Take into work: {name}', { name: account.name })} onClick={() => void takeIntoWork(account)}>
                          {t('Take into work')}</button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Load more')} errorTitle={t('Could not load more accounts')} />
    </section>
  );
}
