import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import type { DirectoryUser } from '../../../use-users';
import { ConditionEditor } from './condition-editor';
import { childPath, exactDetail, newCondition, newGroup, replaceNode, type CriteriaDraft, type GroupDraft } from './criteria-model';
import { t } from '../../../i18n/i18n';

// The API allows 6 levels; the builder's root group is level 1 and each nested group one more.
const MAX_GROUP_DEPTH = 5;

interface Props {
  root: GroupDraft;
  users: DirectoryUser[];
  error: ApiError | undefined;
  onChange(root: GroupDraft): void;
}

/** The segment's criteria as nested groups: each matches all or any of its conditions and sub-groups, or none of them. */
export function CriteriaBuilder({ root, users, error, onChange }: Props) {
  const update = (uid: number, next: CriteriaDraft | null) => onChange(uid === root.uid ? (next as GroupDraft) : replaceNode(root, uid, next));
  return <GroupEditor group={root} path="body.criteria" depth={1} label={t('Contacts match')} users={users} error={error} update={update} />;
}

interface GroupProps {
  group: GroupDraft;
  path: string;
  depth: number;
  label: string;
  users: DirectoryUser[];
  error: ApiError | undefined;
  update(uid: number, next: CriteriaDraft | null): void;
  onRemove?: () => void;
}

function GroupEditor({ group, path, depth, label, users, error, update, onRemove }: GroupProps) {
  const set = (change: Partial<GroupDraft>) => update(group.uid, { ...group, ...change });
  // Problems of the group itself: its own node, its `not`, or its list of children (e.g. too many).
  const inner = group.negate ? `${path}.not` : path;
  const own = [...new Set([path, inner, `${inner}.${group.match}`])]
    .map((at) => exactDetail(error, at))
    .filter(Boolean)
    .join('; ');
  const mode = group.negate ? 'none' : group.match;
  const onlyChild = group.children.length === 1;
  return (
    <fieldset class="criteria-group">
      <legend>{label}</legend>
      <div class="group-head">
        <Field label={depth === 1 ? t('Match') : t('Match ({value})', { value: label.toLowerCase() })}>
          {(props) => (
            <select
              {...props}
              value={mode}
              onChange={(event) => {
                const value = event.currentTarget.value;
                set(value === 'none' ? { match: 'any', negate: true } : { match: value as 'all' | 'any', negate: false });
              }}
            >
              <option value="all">{t('all of these')}</option>
              <option value="any">{t('any of these')}</option>
              <option value="none">{t('none of these')}</option>
            </select>
          )}
        </Field>
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t('Remove {value}', { value: label.toLowerCase() })}
          </button>
        )}
      </div>
      {own && <p class="group-error">{own}</p>}
      {group.children.map((child, index) => {
        const childLabel =
          child.kind === 'group'
            ? depth === 1
              ? t('Group {number}', { number: index + 1 })
              : t('{label}, group {number}', { label, number: index + 1 })
            : depth > 1
              ? t('Condition {number} of {group}', { number: index + 1, group: label.toLowerCase() })
              : t('Condition {number}', { number: index + 1 });
        // The last condition of the root stays: criteria need at least one.
        const remove = depth === 1 && onlyChild ? undefined : () => update(child.uid, null);
        return child.kind === 'group' ? (
          <GroupEditor key={child.uid} group={child} path={childPath(path, group, index)} depth={depth + 1} label={childLabel} users={users} error={error} update={update} onRemove={remove} />
        ) : (
          <ConditionEditor key={child.uid} condition={child} path={childPath(path, group, index)} label={childLabel} users={users} error={error} onChange={(next) => update(child.uid, next)} onRemove={remove} />
        );
      })}
      <div class="actions">
        <button type="button" onClick={() => set({ children: [...group.children, newCondition()] })}>
          {t('Add condition')}{depth > 1 ? <span class="visually-hidden">{' '}{t('to {value}', { value: label.toLowerCase() })}</span> : null}
        </button>
        {depth < MAX_GROUP_DEPTH && (
          <button type="button" onClick={() => set({ children: [...group.children, newGroup(group.match === 'all' ? 'any' : 'all')] })}>
            {t('Add group')}{depth > 1 ? <span class="visually-hidden">{' '}{t('to {value}', { value: label.toLowerCase() })}</span> : null}
          </button>
        )}
      </div>
    </fieldset>
  );
}
