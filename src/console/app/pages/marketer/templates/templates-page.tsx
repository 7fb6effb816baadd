import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { TemplatePage as TemplatePageSchema } from '../../../../../templates/templates.schemas';
import { Field } from '../../../components/field';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href, navigate } from '../../../router';
import { usePagedList } from '../../../use-paged-list';
import { TemplateForm } from './template-form';
import './templates.css';
import { t } from '../../../i18n/i18n';

type Summary = z.output<typeof TemplatePageSchema>['items'][number];

/** The e-mail templates, searchable, with a form to create one (it then opens on its own page). */
export function TemplatesPage() {
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const list = usePagedList<Summary>('/templates', { q: search, limit: 50 });
  const { first, items } = list;

  return (
    <section>
      <div class="page-head">
        <h1>{t('E-mail templates')}</h1>
        {!creating && (
          <button type="button" class="primary" onClick={() => setCreating(true)}>
            {t('New template')}</button>
        )}
      </div>
      {creating && (
        <>
          <TemplateForm onSaved={(saved) => navigate(`/templates/${saved.key}?created=1`)} />
          <p>
            <button type="button" class="link" onClick={() => setCreating(false)}>
              {t('Cancel the new template')}</button>
          </p>
        </>
      )}
      <form
        class="row"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          // The same search again starts from its first page, fresh.
          if (q.trim() === search) void first.reload();
          else setSearch(q.trim());
        }}
      >
        <Field label={t('Search templates (key or name)')}>
          {(props) => <input {...props} type="search" value={q} onInput={(event) => setQ(event.currentTarget.value)} />}
        </Field>
        <div class="field search-action">
          <button type="submit">{t('Search')}</button>
        </div>
      </form>
      <ErrorNotice error={first.error} title={t('The templates could not be loaded')} />
      {first.loading && !first.data && <Loading label={t('Loading templates…')} />}
      {first.data && items.length === 0 && <Empty>{search ? t('No template matches “{search}”.', { search }) : t('No template yet: create the first one.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Key')}</th>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Subject')}</th>
                <th scope="col">{t('Last changed')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((template) => (
                <tr key={template.id}>
                  <td>
                    <a href={href(`/templates/${template.key}`)}>{template.key}</a>
                  </td>
                  <td>{template.name}</td>
                  <td>{template.subject}</td>
                  <td>{formatDateTime(template.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('More templates')} errorTitle={t('The templates could not be loaded')} />
    </section>
  );
}
