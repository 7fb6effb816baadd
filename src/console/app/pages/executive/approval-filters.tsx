import type { ApprovalItem } from '../../../../approvals/approvals.schemas';
import { Field } from '../../components/field';
import { msg, t } from '../../i18n/i18n';

type ApprovalKind = ApprovalItem['kind'];

export interface ApprovalFilterValues {
  /** Empty: every kind. */
  kind: ApprovalKind | '';
  /** all: everything waiting for anyone, which an admin decides on behalf of the approvers. */
  scope: 'mine' | 'all';
}

const kindOptions: [ApprovalKind, string][] = [
  ['campaign-stage', msg('Campaign stages')],
  ['plan', msg('Plans')],
  ['budget-transfer', msg('Budget transfers')],
  ['budget-overrun', msg('Work over its budget')],
];

/** The inbox's filters: the kind of request, and for admins whose requests (their own, or everyone's). */
export function ApprovalFilters({ values, admin, onChange }: { values: ApprovalFilterValues; admin: boolean; onChange(values: ApprovalFilterValues): void }) {
  return (
    <form class="card filters" aria-label={t('Filter approvals')} onSubmit={(event) => event.preventDefault()}>
      <Field label={t('Kind')}>
        {(props) => (
          <select {...props} value={values.kind} onChange={(event) => onChange({ ...values, kind: event.currentTarget.value as ApprovalFilterValues['kind'] })}>
            <option value="">{t('Every kind')}</option>
            {kindOptions.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {admin && (
        <Field label={t('Waiting for')}>
          {(props) => (
            <select {...props} value={values.scope} onChange={(event) => onChange({ ...values, scope: event.currentTarget.value as ApprovalFilterValues['scope'] })}>
              <option value="mine">{t('Me')}</option>
              <option value="all">{t('Anyone (decide on behalf of the approvers)')}</option>
            </select>
          )}
        </Field>
      )}
    </form>
  );
}
