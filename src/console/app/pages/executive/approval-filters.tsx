import type { ApprovalItem } from '../../../../approvals/approvals.schemas';
import { Field } from '../../components/field';

type ApprovalKind = ApprovalItem['kind'];

export interface ApprovalFilterValues {
  /** Empty: every kind. */
  kind: ApprovalKind | '';
  /** all: everything waiting for anyone, which an admin decides on behalf of the approvers. */
  scope: 'mine' | 'all';
}

const kindOptions: [ApprovalKind, string][] = [
  ['campaign-stage', 'Campaign stages'],
  ['plan', 'Plans'],
  ['budget-transfer', 'Budget transfers'],
  ['budget-overrun', 'Work over its budget'],
];

/** The inbox's filters: the kind of request, and for admins whose requests (their own, or everyone's). */
export function ApprovalFilters({ values, admin, onChange }: { values: ApprovalFilterValues; admin: boolean; onChange(values: ApprovalFilterValues): void }) {
  return (
    <form class="card filters" aria-label="Filter approvals" onSubmit={(event) => event.preventDefault()}>
      <Field label="Kind">
        {(props) => (
          <select {...props} value={values.kind} onChange={(event) => onChange({ ...values, kind: event.currentTarget.value as ApprovalFilterValues['kind'] })}>
            <option value="">Every kind</option>
            {kindOptions.map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {admin && (
        <Field label="Waiting for">
          {(props) => (
            <select {...props} value={values.scope} onChange={(event) => onChange({ ...values, scope: event.currentTarget.value as ApprovalFilterValues['scope'] })}>
              <option value="mine">Me</option>
              <option value="all">Anyone (decide on behalf of the approvers)</option>
            </select>
          )}
        </Field>
      )}
    </form>
  );
}
