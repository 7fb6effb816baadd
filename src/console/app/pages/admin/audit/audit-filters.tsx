import { useEffect, useRef, useState } from 'preact/hooks';
import { Field } from '../../../components/field';
import { dayEnd, dayStart } from '../../../date-input';
import type { UserView } from '../admin-types';
import { userLabel } from '../users/use-all-users';
import { t } from '../../../i18n/i18n';

export interface AuditFilterValues {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  /** YYYY-MM-DD, the first day shown (from its start in the user's time zone). */
  from: string;
  /** YYYY-MM-DD, the last day shown (to its end in the user's time zone; the API's `to` is excluded). */
  to: string;
}

const names = ['actorId', 'action', 'entityType', 'entityId', 'from', 'to'] as const;

export const readAuditFilters = (query: URLSearchParams): AuditFilterValues =>
  Object.fromEntries(names.map((name) => [name, query.get(name) ?? ''])) as unknown as AuditFilterValues;


/** The API's query: the days become the instants they start and end in the user's time zone. */
export const toAuditQuery = (filters: AuditFilterValues) => ({
  actorId: filters.actorId || undefined,
  action: filters.action.trim() || undefined,
  entityType: filters.entityType.trim() || undefined,
  entityId: filters.entityId.trim() || undefined,
  from: dayStart(filters.from),
  to: dayEnd(filters.to),
});

const knownActions = ['user.create', 'user.update', 'user.deactivate', 'user.reactivate', 'user.reassign', 'key.create', 'key.revoke', 'session.revoke', 'rule.create', 'rule.update', 'calendar.update', 'settings.mailing.update', 'settings.budgets.update', 'approval.on-behalf'];
const knownEntities = ['user', 'apiKey', 'session', 'rule', 'calendar', 'settings', 'campaign-stage', 'plan', 'budget-transfer', 'budget-overrun'];

/**
 * Filters kept in the address (`#/audit?actorId=…&action=rule.update`): selects apply at once, the
 * typed fields when the form is sent.
 */
export function AuditFilters({ value, users, onChange }: { value: AuditFilterValues; users: UserView[]; onChange(next: AuditFilterValues): void }) {
  const [draft, setDraft] = useState(value);
  // Only a change of the address resets the form: an effect run on mount would wipe what was typed
  // between the first paint and the effect (a fast typist, or a busy machine).
  const applied = useRef(JSON.stringify(value));
  useEffect(() => {
    const key = JSON.stringify(value);
    if (key === applied.current) return;
    applied.current = key;
    setDraft(value);
  }, [JSON.stringify(value)]);
  const set = (name: keyof AuditFilterValues, apply = false) => (event: { currentTarget: { value: string } }) => {
    const next = { ...draft, [name]: event.currentTarget.value };
    setDraft(next);
    if (apply) onChange(next);
  };
  return (
    <form
      class="card filters audit-filters"
      role="search"
      aria-label={t('Filter the audit log')}
      onSubmit={(event) => {
        event.preventDefault();
        onChange(draft);
      }}
    >
      <Field label={t('Who')}>
        {(props) => (
          <select {...props} value={draft.actorId} onChange={set('actorId', true)}>
            <option value="">{t('Anyone')}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {userLabel(user)}
                {user.deactivatedAt ? t(' — deactivated') : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Action')} hint={t('e.g. rule.update')}>
        {(props) => <input {...props} list="audit-actions" value={draft.action} onInput={set('action')} autoComplete="off" />}
      </Field>
      <datalist id="audit-actions">
        {knownActions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <Field label={t('Entity type')}>
        {(props) => <input {...props} list="audit-entities" value={draft.entityType} onInput={set('entityType')} autoComplete="off" />}
      </Field>
      <datalist id="audit-entities">
        {knownEntities.map((entity) => (
          <option key={entity} value={entity} />
        ))}
      </datalist>
      <Field label={t('Entity id')}>
        {(props) => <input {...props} value={draft.entityId} onInput={set('entityId')} autoComplete="off" spellcheck={false} />}
      </Field>
      <Field label={t('From (day)')}>
        {(props) => <input {...props} type="date" value={draft.from} onInput={set('from')} />}
      </Field>
      <Field label={t('To (day)')}>
        {(props) => <input {...props} type="date" value={draft.to} onInput={set('to')} />}
      </Field>
      <div class="filter-actions">
        <button type="submit" class="primary">
          {t('Apply filters')}</button>
        <button type="button" onClick={() => onChange(readAuditFilters(new URLSearchParams()))}>
          {t('Clear')}</button>
      </div>
    </form>
  );
}
