import { useState } from 'preact/hooks';
import type { TemplateView } from '../../../../../templates/templates.schemas';
import type { PageProps } from '../../../page-route';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { TemplateForm } from './template-form';
import { TemplatePreviewPanel } from './template-preview-panel';
import './templates.css';
import { t } from '../../../i18n/i18n';

/** One template: edit its content and preview it for a real recipient. */
export function TemplatePage({ params, query }: PageProps) {
  const key = params.key ?? '';
  const loaded = useApi<TemplateView>(`/templates/${encodeURIComponent(key)}`);
  const [saved, setSaved] = useState<TemplateView>();
  const [unsaved, setUnsaved] = useState(false);
  const template = saved ?? loaded.data;

  return (
    <section>
      <p>
        <a href={href('/templates')}>{t('← All templates')}</a>
      </p>
      <div class="page-head">
        <h1>{t('Template')}{' '}{template ? `“${template.name}”` : key}</h1>
      </div>
      <ErrorNotice error={loaded.error} title={t('The template could not be loaded')} />
      {loaded.loading && !template && <Loading label={t('Loading the template…')} />}
      {template && (
        <>
          <p class="muted">
            {t('Key')}{' '}<code>{template.key}</code>{' '}{t('· last changed {updatedAt}', { updatedAt: formatDateTime(template.updatedAt) })}
            {template.variables.length > 0 && (
              <>
                {' '}{t('· uses {value}', { value: template.variables.map((variable) => `{{ ${variable} }}`).join(', ') })}
              </>
            )}
          </p>
          {query.get('created') && !saved && <Notice kind="success">{t('Template created.')}</Notice>}
          {saved && <Notice kind="success">{t('Saved at {updatedAt}. E-mails not yet sent use the new content; running mailings keep the content they started with.', { updatedAt: formatDateTime(saved.updatedAt) })}</Notice>}
          <div class="grid template-layout">
            <TemplateForm
              template={template}
              onSaved={(next) => {
                setSaved(next);
                setUnsaved(false);
              }}
              onDirty={setUnsaved}
            />
            <TemplatePreviewPanel templateKey={template.key} unsaved={unsaved} />
          </div>
        </>
      )}
    </section>
  );
}
