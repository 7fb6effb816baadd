import { useEffect, useState } from 'preact/hooks';
import type { TemplateView } from '../../../../../templates/templates.schemas';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { VariablesHelp } from './variables-help';
import { t } from '../../../i18n/i18n';

interface Draft {
  key: string;
  name: string;
  subject: string;
  text: string;
  html: string;
}

const draftOf = (template: TemplateView | undefined): Draft => ({
  key: template?.key ?? '',
  name: template?.name ?? '',
  subject: template?.subject ?? '',
  text: template?.text ?? '',
  html: template?.html ?? '',
});

/**
 * Creates a template (no `template`) or replaces one. The body sent is the whole content: an empty
 * HTML box removes the HTML body, as PUT defines. `onDirty` lets the page say a preview shows the saved version.
 */
export function TemplateForm({ template, onSaved, onDirty }: { template?: TemplateView; onSaved(saved: TemplateView): void; onDirty?(dirty: boolean): void }) {
  const [draft, setDraft] = useState(draftOf(template));
  const creating = !template;
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(template));
  useEffect(() => onDirty?.(dirty), [dirty]);
  useEffect(() => setDraft(draftOf(template)), [template?.updatedAt]);

  const save = useAction(async () => {
    const content = { name: draft.name, subject: draft.subject, text: draft.text, ...(draft.html.trim() ? { html: draft.html } : {}) };
    return creating ? api<TemplateView>('POST', '/templates', { key: draft.key, ...content }) : api<TemplateView>('PUT', `/templates/${encodeURIComponent(template.key)}`, content);
  });
  const detail = (name: string) => save.error?.detailFor(`body.${name}`);
  const set = (name: keyof Draft) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: event.currentTarget.value });

  return (
    <form
      class="card template-form"
      aria-label={creating ? t('New template') : t('Edit template {key}', { key: template.key })}
      onSubmit={async (event) => {
        event.preventDefault();
        const saved = await save.run();
        if (saved) onSaved(saved);
      }}
    >
      <h2>{creating ? t('New template') : t('Content')}</h2>
      <ErrorNotice error={save.error} title={t('The template was not saved')} />
      <div class="row">
        {creating && (
          <Field label={t('Key')} hint={t('Lower-case words joined by hyphens (e.g. spring-offer); rules and campaigns use it, it never changes.')} error={detail('key')}>
            {(props) => <input {...props} required value={draft.key} onInput={set('key')} autoComplete="off" spellcheck={false} />}
          </Field>
        )}
        <Field label={t('Name')} error={detail('name')}>
          {(props) => <input {...props} required value={draft.name} onInput={set('name')} />}
        </Field>
      </div>
      <Field label={t('Subject')} hint={t('One line.')} error={detail('subject')}>
        {(props) => <input {...props} required value={draft.subject} onInput={set('subject')} />}
      </Field>
      <VariablesHelp />
      <Field label={t('Text body')} error={detail('text')}>
        {(props) => <textarea {...props} class="code" required rows={10} value={draft.text} onInput={set('text')} />}
      </Field>
      <Field label={t('HTML body (optional)')} hint={t('Leave it empty to send text only.')} error={detail('html')}>
        {(props) => <textarea {...props} class="code" rows={8} spellcheck={false} value={draft.html} onInput={set('html')} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy || (!creating && !dirty)}>
          {save.busy ? t('Saving…') : creating ? t('Create template') : t('Save changes')}
        </button>
        {!creating && dirty && (
          <button type="button" onClick={() => (setDraft(draftOf(template)), save.clearError())}>
            {t('Discard changes')}</button>
        )}
      </div>
    </form>
  );
}
