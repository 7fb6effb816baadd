import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../../components/field';
import { StatusOptions } from '../../../components/status-options';
import { ACCOUNT_STATUSES } from '../../../lifecycle-terms';
import { t } from '../../../i18n/i18n';

export type Scope = 'all' | 'mine' | 'pool';

export interface AccountFilterValues {
  scope: Scope;
  status: string;
  q: string;
}

export function readFilters(query: URLSearchParams): AccountFilterValues {
  const scope = query.get('scope');
  return { scope: scope === 'mine' || scope === 'pool' ? scope : 'all', status: query.get('status') ?? '', q: query.get('q') ?? '' };
}

/** The list's API query: the NEW pool is the NEW accounts (a NEW account never has an owner). */
export function toListQuery(filters: AccountFilterValues) {
  return {
    owner: filters.scope === 'mine' ? 'me' : undefined,
    status: filters.scope === 'pool' ? 'NEW' : filters.status || undefined,
    q: filters.q.trim() || undefined,
  };
}

/** Filters live in the address (`#/accounts?scope=pool&q=acme`) so Back and shared links keep them. */
export function AccountFilters({ value, showScope, onChange }: { value: AccountFilterValues; showScope: boolean; onChange: (next: AccountFilterValues) => void }) {
  const [text, setText] = useState(value.q);
  useEffect(() => setText(value.q), [value.q]);
  return (
    <form
      class="row filters card"
      role="search"
      aria-label={t('Filter accounts')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ ...value, q: text });
      }}
    >
      {showScope && (
        <Field label={t('Show')}>
          {(props) => (
            <select {...props} value={value.scope} onChange={(event) => onChange({ ...value, scope: event.currentTarget.value as Scope })}>
              <option value="all">{t('All I can see')}</option>
              <option value="mine">{t('Mine')}</option>
              <option value="pool">{t('Unowned NEW pool')}</option>
            </select>
          )}
        </Field>
      )}
      <Field label={t('Status')} hint={value.scope === 'pool' ? t('The pool holds only NEW accounts') : undefined}>
        {(props) => (
          <select {...props} value={value.scope === 'pool' ? 'NEW' : value.status} disabled={value.scope === 'pool'} onChange={(event) => onChange({ ...value, status: event.currentTarget.value })}>
            <StatusOptions statuses={ACCOUNT_STATUSES} />
          </select>
        )}
      </Field>
      <Field label={t('Search')} hint={t('Account name, contact name or e-mail')}>
        {(props) => <input {...props} type="search" value={text} onInput={(event) => setText(event.currentTarget.value)} />}
      </Field>
      <div class="filter-submit">
        <button type="submit" class="primary">
          {t('Search')}</button>
      </div>
    </form>
  );
}

export function filtersPath(filters: AccountFilterValues): string {
  const parameters = new URLSearchParams();
  if (filters.scope !== 'all') parameters.set('scope', filters.scope);
  if (filters.status && filters.scope !== 'pool') parameters.set('status', filters.status);
  if (filters.q.trim()) parameters.set('q', filters.q.trim());
  const text = parameters.toString();
  return text ? `/accounts?${text}` : '/accounts';
}
