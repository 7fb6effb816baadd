import { useMemo, useState } from 'preact/hooks';
import type { SegmentView } from '../../../../../segments/segments.schemas';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import { useUsers } from '../../../use-users';
import '../marketer.css';
import { CriteriaBuilder } from './criteria-builder';
import { fromCriteria, newGroup, toCriteria, type GroupDraft } from './criteria-model';
import { SegmentPreviewPanel } from './segment-preview-panel';
import { useLivePreview } from './use-live-preview';
import { t } from '../../../i18n/i18n';

/** /segments/new and /segments/:id: the criteria builder with its live count. */
export function SegmentEditorPage({ params, query }: PageProps) {
  const id = params.id;
  const segment = useApi<SegmentView>(id ? `/segments/${id}` : null);
  if (!id) return <SegmentForm key="new" />;
  if (segment.error) return <ErrorNotice error={segment.error} title={t('The segment could not be loaded')} />;
  if (!segment.data) return <Loading />;
  return <SegmentForm key={segment.data.id} saved={segment.data} justCreated={query.get('created') === '1'} />;
}

function SegmentForm({ saved, justCreated = false }: { saved?: SegmentView; justCreated?: boolean }) {
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [root, setRoot] = useState<GroupDraft>(() => (saved ? fromCriteria(saved.criteria) : newGroup()));
  const [result, setResult] = useState<SegmentView | undefined>(justCreated ? saved : undefined);
  const users = useUsers();
  const criteria = useMemo(() => toCriteria(root), [root]);
  const live = useLivePreview(criteria);

  const save = useAction(async () => {
    const body = { name, description: description.trim() === '' ? undefined : description, criteria };
    return saved ? api<SegmentView>('PUT', `/segments/${saved.id}`, body) : api<SegmentView>('POST', '/segments', body);
  });

  async function submit(event: Event) {
    event.preventDefault();
    setResult(undefined);
    const answer = await save.run();
    if (!answer) return;
    if (saved) setResult(answer);
    else navigate(`/segments/${answer.id}?created=1`);
  }

  // A failed save names the fields; otherwise the live count's validation does, as the user edits.
  const fieldError = save.error ?? live.error;
  return (
    <section>
      <div class="page-head">
        <h1>{saved ? t('Segment “{name}”', { name: saved.name }) : t('New segment')}</h1>
        <div class="actions">
          <a href={href('/segments')}>{t('All segments')}</a>
          {saved && <a href={href(`/campaigns/new?segment=${saved.id}`)}>{t('New campaign with this segment')}</a>}
        </div>
      </div>
      {result && (
        <Notice kind="success">
          {t('Saved segment “{name}” ({updatedAt}).', { name: result.name, updatedAt: formatDateTime(result.updatedAt) })}{live.preview ? (' ' + t('It selects {count} contacts in {accounts} accounts.', { count: live.preview.count, accounts: live.preview.accounts })) : ''}
        </Notice>
      )}
      <ErrorNotice error={save.error} title={t('The segment was not saved')} />
      <ErrorNotice error={users.error} title={t('The users (for owner conditions) could not be loaded')} />
      <form onSubmit={submit} class="editor-layout" noValidate>
        <div class="card">
          <h2>{t('Definition')}</h2>
          <Field label={t('Name')} error={save.error?.detailFor('body.name')}>
            {(props) => <input {...props} value={name} required maxLength={200} onInput={(event) => setName(event.currentTarget.value)} />}
          </Field>
          <Field label={t('Description')} error={save.error?.detailFor('body.description')}>
            {(props) => <textarea {...props} value={description} maxLength={2000} onInput={(event) => setDescription(event.currentTarget.value)} />}
          </Field>
          <h2>{t('Criteria')}</h2>
          <CriteriaBuilder root={root} users={users.users} error={fieldError} onChange={setRoot} />
          <div class="actions">
            <button type="submit" class="primary" disabled={save.busy}>
              {save.busy ? t('Saving…') : saved ? t('Save changes') : t('Create segment')}
            </button>
          </div>
        </div>
        <SegmentPreviewPanel live={live} />
      </form>
    </section>
  );
}
