import { useState } from 'preact/hooks';
import type { AccountList } from '../../../../accounts/account-views.schemas';
import { Field } from '../../components/field';
import { ErrorNotice, Loading } from '../../components/notices';
import { useApi } from '../../use-api';
import { t, tp } from '../../i18n/i18n';

export interface PickedAccount {
  id: string;
  name: string;
}

/** Finds accounts by name or contact and ticks them; the chosen ones stay listed across searches. */
export function AccountPicker({ chosen, onChange, error }: { chosen: PickedAccount[]; onChange(accounts: PickedAccount[]): void; error?: string }) {
  const [search, setSearch] = useState('');
  const found = useApi<AccountList>('/accounts', { q: search.trim() || undefined, limit: 20 });
  const chosenIds = new Set(chosen.map((account) => account.id));
  const toggle = (account: PickedAccount, on: boolean) => onChange(on ? [...chosen, account] : chosen.filter((other) => other.id !== account.id));
  const shown = [...chosen, ...(found.data?.items ?? []).filter((account) => !chosenIds.has(account.id))];
  return (
    <div>
      <Field label={t('Find accounts')} hint={t('Name, contact name or e-mail')} error={error}>
        {(props) => <input {...props} type="search" value={search} onInput={(event) => setSearch(event.currentTarget.value)} />}
      </Field>
      <ErrorNotice error={found.error} title={t('Accounts could not be searched')} />
      {found.loading && !found.data && <Loading label={t('Searching accounts…')} />}
      <p class="muted" aria-live="polite">
        {tp(chosen.length, '{count} account chosen', '{count} accounts chosen')}</p>
      {shown.length > 0 && (
        <ul class="checkbox-list" aria-label={t('Accounts')}>
          {shown.map((account) => (
            <li key={account.id}>
              <label>
                <input type="checkbox" checked={chosenIds.has(account.id)} onChange={(event) => toggle({ id: account.id, name: account.name }, event.currentTarget.checked)} />
                {account.name}
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
