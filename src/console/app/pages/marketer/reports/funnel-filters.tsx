import { useEffect, useState } from 'preact/hooks';
import type { UserResponse } from '../../../../../users/users.schemas';
import { Field } from '../../../components/field';
import type { ApiError } from '../../../api';
import { useApi } from '../../../use-api';
import { t } from '../../../i18n/i18n';

export interface FunnelFilterValues {
  segment?: string;
  owner?: string;
  ownerId?: string;
  leadSource?: string;
  from?: string;
  to?: string;
}

export const filterNames = ['segment', 'owner', 'ownerId', 'leadSource', 'from', 'to'] as const;

/** The filters GET /reports/funnel takes; applying them puts them in the address, so a view can be shared. */
export function FunnelFilters({ values, error, onApply }: { values: FunnelFilterValues; error: ApiError | undefined; onApply(values: FunnelFilterValues): void }) {
  const [draft, setDraft] = useState(values);
  useEffect(() => setDraft(values), [JSON.stringify(values)]);
  const managers = useApi<{ items: UserResponse[] }>('/users', { role: 'manager' });
  const set = (name: keyof FunnelFilterValues) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: event.currentTarget.value || undefined });
  const ownerChoice = draft.owner === 'me' ? 'me' : (draft.ownerId ?? '');
  const detail = (name: string) => error?.detailFor(`query.${name}`);

  return (
    <form
      class="card"
      aria-label={t('Funnel filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <div class="row">
        <Field label={t('Segment')} error={detail('segment')}>
          {(props) => <input {...props} value={draft.segment ?? ''} onInput={set('segment')} placeholder={t('e.g. retail')} />}
        </Field>
        <Field label={t('Owner')} error={detail('owner') ?? detail('ownerId')}>
          {(props) => (
            <select
              {...props}
              value={ownerChoice}
              onChange={(event) => {
                const choice = event.currentTarget.value;
                setDraft({ ...draft, owner: choice === 'me' ? 'me' : undefined, ownerId: choice && choice !== 'me' ? choice : undefined });
              }}
            >
              <option value="">{t('Every owner I may see')}</option>
              <option value="me">{t('My accounts')}</option>
              {managers.data?.items.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Lead source')} error={detail('leadSource')}>
          {(props) => <input {...props} value={draft.leadSource ?? ''} onInput={set('leadSource')} placeholder={t('e.g. Spring press/PRESS-A')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Created from')} hint={t('Accounts created on or after this day (UTC)')} error={detail('from')}>
          {(props) => <input {...props} type="date" value={draft.from ?? ''} onInput={set('from')} />}
        </Field>
        <Field label={t('Created to')} hint={t('On or before this day (UTC)')} error={detail('to')}>
          {(props) => <input {...props} type="date" value={draft.to ?? ''} onInput={set('to')} />}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="primary">
          {t('Apply filters')}</button>
        <button type="button" onClick={() => onApply({})}>
          {t('Clear filters')}</button>
      </div>
    </form>
  );
}
