import { useState } from 'preact/hooks';
import { patch } from '../../../api';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { mayPlanEvents } from './event-model';
import { MeasureForm } from './measure-form';
import type { MeasureView } from './measure-model';
import './events.css';
import { t } from '../../../i18n/i18n';

/** /event-measures: how events are measured besides the report's own figures; marketers define, change and archive them. */
export function EventMeasuresPage() {
  const me = useSignal(currentUser);
  const [includeArchived, setIncludeArchived] = useState(false);
  const catalog = useApi<{ items: MeasureView[] }>('/event-measures', { includeArchived: includeArchived ? 'true' : undefined });
  const [notice, setNotice] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const planner = mayPlanEvents(me?.role);
  const measures = catalog.data?.items ?? [];
  const countMeasures = measures.filter((measure) => measure.definition.kind !== 'ratio' && !measure.archivedAt);
  const changed = (message: string) => {
    setNotice(message);
    setEditing(undefined);
    void catalog.reload();
  };
  return (
    <section>
      <div class="page-head">
        <h1>{t('Event measures')}</h1>
        <div class="actions">
          <a href={href('/events')}>{t('All events')}</a>
        </div>
      </div>
      <p class="muted">{t('Every event report shows these measures besides its own figures, computed anew each time it is opened.')}</p>
      {notice && <Notice kind="success">{notice}</Notice>}
      <label class="checkbox">
        <input type="checkbox" checked={includeArchived} onChange={(change) => setIncludeArchived(change.currentTarget.checked)} />
        {t('Show archived measures')}</label>
      <ErrorNotice error={catalog.error} title={t('The measures could not be loaded')} />
      {catalog.loading && !catalog.data && <Loading />}
      {catalog.data && measures.length === 0 && <Empty>{t('No measure is defined yet.')}</Empty>}
      {measures.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('Measures, oldest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Measure')}</th>
                <th scope="col">{t('What it counts')}</th>
                <th scope="col">{t('Events')}</th>
                {planner && (
                  <th scope="col">
                    <span class="visually-hidden">{t('Actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {measures.map((measure) => (
                <MeasureRow key={`${measure.id}:${measure.updatedAt}`} measure={measure} planner={planner} onEdit={() => setEditing(measure.id)} onChanged={changed} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {planner && editing && measures.some((measure) => measure.id === editing) && (
        <MeasureForm
          key={editing}
          measure={measures.find((measure) => measure.id === editing)}
          countMeasures={countMeasures}
          onSaved={(measure) => changed(t('“{name}” saved.', { name: measure.name }))}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {planner && !editing && <MeasureForm countMeasures={countMeasures} onSaved={(measure) => changed(t('“{name}” defined.', { name: measure.name }))} />}
    </section>
  );
}

function MeasureRow({ measure, planner, onEdit, onChanged }: { measure: MeasureView; planner: boolean; onEdit(): void; onChanged(message: string): void }) {
  const update = useAction((archived: boolean) => patch<MeasureView>(`/event-measures/${measure.id}`, { archived }));
  async function archive(archived: boolean) {
    const answer = await update.run(archived);
    if (answer) onChanged(archived ? t('“{name}” archived.', { name: answer.name }) : t('“{name}” is back in the reports.', { name: answer.name }));
  }
  return (
    <tr>
      <td>
        <strong>{measure.name}</strong>
        <div class="muted">{measure.key}</div>
        {measure.description && <div class="muted">{measure.description}</div>}
        {measure.archivedAt && <div class="muted">{t('Archived {archivedAt}', { archivedAt: formatDateTime(measure.archivedAt) })}</div>}
      </td>
      <td>{measure.explanation}</td>
      <td>{measure.eventKinds.length === 0 ? t('Every event') : measure.eventKinds.join(', ')}</td>
      {planner && (
        <td>
          <div class="actions">
            {!measure.archivedAt && (
              <button type="button" onClick={onEdit} aria-label={t('Change {name}', { name: measure.name })}>
                {t('Change')}</button>
            )}
            <button type="button" disabled={update.busy} onClick={() => void archive(!measure.archivedAt)} aria-label={`${measure.archivedAt ? t('Restore') : t('Archive')} ${measure.name}`}>
              {measure.archivedAt ? t('Restore') : t('Archive')}
            </button>
          </div>
          <ErrorNotice error={update.error} title={t('Not changed')} />
        </td>
      )}
    </tr>
  );
}
