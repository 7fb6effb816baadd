import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { humanize } from '../../../format';
import { useAction } from '../../../use-api';
import { fromLocalInput } from '../../../date-input';
import { ACTIVITY_TYPES, activityLabel, OUTCOMES, TASK_TYPES } from '../../../lifecycle-terms';
import type { AccountPage, ActivityResult } from './account-types';
import { t } from '../../../i18n/i18n';

const empty = { type: 'CALL', outcome: 'CONTACT_MADE', contactId: '', notes: '', nextType: '', nextDueAt: '', nextTitle: '', occurredAt: '', objectiveId: '' };
type Draft = typeof empty;

/** The body the API takes. A half-filled next step is sent as it is: the API's answer names the missing field. */
function toRequest(draft: Draft) {
  const notes = draft.notes.trim();
  const nextStep = draft.nextType || draft.nextDueAt || draft.nextTitle.trim() ? { type: draft.nextType || undefined, dueAt: draft.nextDueAt ? fromLocalInput(draft.nextDueAt) : undefined, title: draft.nextTitle.trim() || undefined } : undefined;
  return {
    type: draft.type,
    outcome: draft.outcome,
    ...(draft.contactId ? { contactId: draft.contactId } : {}),
    ...(notes ? { notes } : {}),
    ...(nextStep ? { nextStep } : {}),
    ...(draft.occurredAt ? { occurredAt: fromLocalInput(draft.occurredAt) } : {}),
    ...(draft.objectiveId ? { objectiveId: draft.objectiveId } : {}),
  };
}

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Log an activity in a few keystrokes: L focuses the type, letters pick options, Enter (Ctrl+Enter in the notes) logs it. */
export function LogActivityForm({ page, onLogged }: { page: AccountPage; onLogged: (result: ActivityResult) => void }) {
  const [draft, setDraft] = useState(empty);
  const typeField = useRef<HTMLSelectElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const log = useAction(() => post<ActivityResult>(`/accounts/${page.account.id}/activities`, toRequest(draft)));
  const set = (name: keyof Draft) => (event: { currentTarget: { value: string } }) => setDraft((previous) => ({ ...previous, [name]: event.currentTarget.value }));
  const error = (path: string) => log.error?.detailFor(path);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'l' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        typeField.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    const result = await log.run();
    if (!result) return;
    setDraft(empty);
    onLogged(result);
    typeField.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.isComposing) return;
    const target = event.target as HTMLElement;
    const plainEnterSubmits = target.tagName !== 'TEXTAREA' && target.tagName !== 'BUTTON' && target.tagName !== 'SUMMARY';
    if (event.ctrlKey || event.metaKey || plainEnterSubmits) {
      event.preventDefault();
      form.current?.requestSubmit();
    }
  }

  return (
    <section class="card log-form" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('Log an activity')}</h2>
      <p id="log-keys" class="muted">
        {t('Press')}{' '}<kbd class="shortcut">{t('L')}</kbd>{' '}{t('to start here; letters pick an option;')}{' '}<kbd class="shortcut">{t('Enter')}</kbd>{' '}{t('logs it (')}<kbd class="shortcut">{t('Ctrl+Enter')}</kbd>{' '}{t('in the notes).')}</p>
      <form ref={form} onSubmit={submit} onKeyDown={onKeyDown} aria-labelledby="log-heading" aria-describedby="log-keys">
        <ErrorNotice error={log.error} title={t('The activity was not logged')} />
        <div class="row">
          <Field label={t('Type')} error={error('body.type')}>
            {(props) => (
              <select {...props} ref={typeField} aria-keyshortcuts="L" value={draft.type} onChange={set('type')}>
                {ACTIVITY_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {activityLabel(type)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Outcome')} error={error('body.outcome')}>
            {(props) => (
              <select {...props} value={draft.outcome} onChange={set('outcome')}>
                {OUTCOMES.map((outcome) => (
                  <option key={outcome} value={outcome}>
                    {humanize(outcome)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Contact (optional)')} error={error('body.contactId')}>
            {(props) => (
              <select {...props} value={draft.contactId} onChange={set('contactId')}>
                <option value="">{t('No one in particular')}</option>
                {page.contacts.map((contact) => (
                  <option key={contact.id} value={contact.id}>
                    {contact.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={t('Notes')} error={error('body.notes')}>
          {(props) => <textarea {...props} rows={2} value={draft.notes} onInput={set('notes')} />}
        </Field>
        <fieldset class="row" style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend class="muted">{t('Next step (optional: without one, the rules plan a follow-up)')}</legend>
          <Field label={t('Next step')} error={error('body.nextStep.type')}>
            {(props) => (
              <select {...props} value={draft.nextType} onChange={set('nextType')}>
                <option value="">{t('None')}</option>
                {TASK_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {humanize(type)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Next step due')} error={error('body.nextStep.dueAt')}>
            {(props) => <input {...props} type="datetime-local" value={draft.nextDueAt} onInput={set('nextDueAt')} />}
          </Field>
          <Field label={t('Next step title')} error={error('body.nextStep.title')}>
            {(props) => <input {...props} type="text" maxLength={200} value={draft.nextTitle} onInput={set('nextTitle')} />}
          </Field>
        </fieldset>
        <details>
          <summary>{t('When, and what it counts for')}</summary>
          <div class="row">
            <Field label={t('Happened at')} hint={t('Leave empty for now')} error={error('body.occurredAt')}>
              {(props) => <input {...props} type="datetime-local" value={draft.occurredAt} onInput={set('occurredAt')} />}
            </Field>
            <Field label={t('Counts for objective')} error={error('body.objectiveId')}>
              {(props) => (
                <select {...props} value={draft.objectiveId} onChange={set('objectiveId')}>
                  <option value="">{t('None')}</option>
                  {page.objectives.map((objective) => (
                    <option key={objective.id} value={objective.id}>
                      {objective.name} ({objective.planName})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </details>
        <button type="submit" class="primary" disabled={log.busy}>
          {log.busy ? t('Logging…') : t('Log activity')}
        </button>
      </form>
    </section>
  );
}
