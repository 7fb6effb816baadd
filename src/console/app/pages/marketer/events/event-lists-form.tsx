import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { userLabel, type DirectoryUser } from '../../../use-users';
import { newCostDraft, newSourceDraft, newTaskDraft, type CostDraft, type EventDraft, type SourceDraft, type TaskDraft } from './event-draft';
import type { EventTaskDue } from './event-model';
import { t } from '../../../i18n/i18n';

type Props = { draft: EventDraft; error: ApiError | undefined; users: DirectoryUser[]; onChange(change: Partial<EventDraft>): void };

/** Replaces (change) or removes (null) the item `uid` of a list. */
function edit<T extends { uid: number }>(list: T[], uid: number, change: Partial<T> | null): T[] {
  return change === null ? list.filter((item) => item.uid !== uid) : list.map((item) => (item.uid === uid ? { ...item, ...change } : item));
}

/** Sub-source codes the registration links quote, as a campaign's. */
export function EventSourcesForm({ draft, error, onChange }: Props) {
  const set = (uid: number, change: Partial<SourceDraft> | null) => onChange({ sources: edit(draft.sources, uid, change) });
  return (
    <section class="card" aria-labelledby="event-sources-heading">
      <h2 id="event-sources-heading">{t('Sub-sources')}</h2>
      <p class="hint">{t('Each link to the registration page can carry a code (')}<code>?source=CODE</code>{t('): the report counts registrations per code. In a campaign’s event they are the campaign’s sub-sources too; none given: one named after the event.')}</p>
      {draft.sources.map((source, index) => {
        const at = (field: string) => error?.detailFor(`body.sources.${index}.${field}`);
        const number = index + 1;
        return (
          <fieldset key={source.uid} class="source-row criteria-group">
            <legend>{t('Sub-source {number}', { number })}</legend>
            <div class="row">
              <Field label={t('Code')} error={at('code')}>
                {(props) => <input {...props} value={source.code} onInput={(event) => set(source.uid, { code: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Source name')} error={at('name')}>
                {(props) => <input {...props} value={source.name} onInput={(event) => set(source.uid, { name: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Source channel')} error={at('channel')}>
                {(props) => <input {...props} value={source.channel} onInput={(event) => set(source.uid, { channel: event.currentTarget.value })} />}
              </Field>
              <button type="button" onClick={() => set(source.uid, null)}>
                {t('Remove')}{' '}<span class="visually-hidden">{t('sub-source {number}', { number })}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange({ sources: [...draft.sources, newSourceDraft()] })}>
        {t('Add sub-source')}</button>
    </section>
  );
}

/** The budget: planned lines, and what they actually cost once paid. */
export function EventCostsForm({ draft, error, onChange }: Props) {
  const set = (uid: number, change: Partial<CostDraft> | null) => onChange({ costs: edit(draft.costs, uid, change) });
  return (
    <section class="card" aria-labelledby="event-costs-heading">
      <h2 id="event-costs-heading">{t('Budget')}</h2>
      {draft.costs.map((cost, index) => {
        const at = (field: string) => error?.detailFor(`body.costs.${index}.${field}`);
        const number = index + 1;
        return (
          <fieldset key={cost.uid} class="source-row criteria-group">
            <legend>{t('Cost {number}', { number })}</legend>
            <div class="row">
              <Field label={t('Cost label')} error={at('label')}>
                {(props) => <input {...props} value={cost.label} maxLength={200} onInput={(event) => set(cost.uid, { label: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Category')} error={at('category')}>
                {(props) => <input {...props} value={cost.category} maxLength={100} onInput={(event) => set(cost.uid, { category: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Planned')} error={at('planned')}>
                {(props) => <input {...props} type="number" min={0} step="0.01" value={cost.planned} onInput={(event) => set(cost.uid, { planned: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Actual')} error={at('actual')}>
                {(props) => <input {...props} type="number" min={0} step="0.01" value={cost.actual} onInput={(event) => set(cost.uid, { actual: event.currentTarget.value })} />}
              </Field>
              <button type="button" onClick={() => set(cost.uid, null)}>
                {t('Remove')}{' '}<span class="visually-hidden">{t('cost {number}', { number })}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange({ costs: [...draft.costs, newCostDraft()] })}>
        {t('Add cost')}</button>
    </section>
  );
}

/** Tasks due relative to the event ("print badges: 5 business days before the start"), and the team. */
export function EventTeamForm({ draft, error, users, onChange }: Props) {
  const set = (uid: number, change: Partial<TaskDraft> | null) => onChange({ tasks: edit(draft.tasks, uid, change) });
  const setDue = (task: TaskDraft, change: Partial<EventTaskDue>) => set(task.uid, { due: { ...task.due, ...change } });
  const toggleMember = (id: string, on: boolean) => onChange({ teamIds: on ? [...draft.teamIds, id] : draft.teamIds.filter((member) => member !== id) });
  return (
    <section class="card" aria-labelledby="event-team-heading">
      <h2 id="event-team-heading">{t('Team and tasks')}</h2>
      <fieldset class="choice-list">
        <legend>{t('Team')}</legend>
        {users.map((user) => (
          <label key={user.id}>
            <input type="checkbox" checked={draft.teamIds.includes(user.id)} onChange={(event) => toggleMember(user.id, event.currentTarget.checked)} />
            {userLabel(user)}
          </label>
        ))}
      </fieldset>
      {error?.detailFor('body.teamIds') && <p class="group-error">{error.detailFor('body.teamIds')}</p>}
      <p class="hint">{t('Tasks open when the event is scheduled, with their due date computed from the event’s dates, and move when the event moves.')}</p>
      {draft.tasks.map((task, index) => {
        const at = (field: string) => error?.detailFor(`body.tasks.${index}.${field}`);
        const number = index + 1;
        return (
          <fieldset key={task.uid} class="source-row criteria-group">
            <legend>{t('Task {number}', { number })}</legend>
            <div class="row">
              <Field label={t('Task title')} error={at('title')}>
                {(props) => <input {...props} value={task.title} maxLength={300} onInput={(event) => set(task.uid, { title: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Assignee')} error={at('assigneeId')}>
                {(props) => (
                  <select {...props} value={task.assigneeId} onChange={(event) => set(task.uid, { assigneeId: event.currentTarget.value })}>
                    <option value="">{t('Nobody yet')}</option>
                    {users.map((user) => (
                      <option key={user.id} value={user.id}>
                        {userLabel(user)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div class="row">
              <Field label={t('Due, days')} error={at('due.days')}>
                {(props) => <input {...props} type="number" min={0} max={365} step={1} value={task.due.days} onInput={(event) => setDue(task, { days: Number(event.currentTarget.value) })} />}
              </Field>
              <Field label={t('Counted in')} error={at('due.unit')}>
                {(props) => (
                  <select {...props} value={task.due.unit} onChange={(event) => setDue(task, { unit: event.currentTarget.value as EventTaskDue['unit'] })}>
                    <option value="businessDays">{t('business days')}</option>
                    <option value="days">{t('calendar days')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('Before or after')} error={at('due.direction')}>
                {(props) => (
                  <select {...props} value={task.due.direction} onChange={(event) => setDue(task, { direction: event.currentTarget.value as EventTaskDue['direction'] })}>
                    <option value="before">{t('before')}</option>
                    <option value="after">{t('after')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('The event’s')} error={at('due.relativeTo')}>
                {(props) => (
                  <select {...props} value={task.due.relativeTo} onChange={(event) => setDue(task, { relativeTo: event.currentTarget.value as EventTaskDue['relativeTo'] })}>
                    <option value="start">{t('start')}</option>
                    <option value="end">{t('end')}</option>
                  </select>
                )}
              </Field>
              <button type="button" onClick={() => set(task.uid, null)}>
                {t('Remove')}{' '}<span class="visually-hidden">{t('task {number}', { number })}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange({ tasks: [...draft.tasks, newTaskDraft()] })}>
        {t('Add task')}</button>
    </section>
  );
}
