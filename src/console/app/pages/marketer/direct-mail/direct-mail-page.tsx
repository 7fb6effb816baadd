import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { href, navigate } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import type { CollateralPage } from '../../../../../collateral/collateral.schemas';
import { mayKeepCollateral } from '../collateral/collateral-model';
import { directMailOutputs, progressText, type DirectMailRunList, type DirectMailRunView } from './direct-mail-model';
import { t } from '../../../i18n/i18n';

interface SegmentList {
  items: { id: string; name: string }[];
}

/** /direct-mail: personalised letters. Marketers start a run; every role follows the runs and downloads their PDFs. */
export function DirectMailPage() {
  const me = useSignal(currentUser);
  const runs = useApi<DirectMailRunList>('/direct-mail-runs', { limit: 50 }, { pollMs: 3000 });
  return (
    <section>
      <h1>{t('Direct mail')}</h1>
      <p>
        {t('A letter template (a')}{' '}<a href={href('/collateral')}>{t('collateral')}</a>{' '}{t('item of kind letter template) rendered for each contact of a segment, as PDFs to print and post.')}</p>
      {mayKeepCollateral(me?.role) && <StartRunForm />}
      <section class="card" aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t('Runs')}</h2>
        <ErrorNotice error={runs.error} title={t('Could not load the runs')} />
        {!runs.data && runs.loading && <Loading />}
        {runs.data && runs.data.items.length === 0 && <p class="empty">{t('No run yet.')}</p>}
        {runs.data && runs.data.items.length > 0 && (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Template')}</th>
                  <th scope="col">{t('Recipients')}</th>
                  <th scope="col">{t('Status')}</th>
                  <th scope="col">{t('Progress')}</th>
                  <th scope="col">{t('Started')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((run: DirectMailRunView) => (
                  <tr key={run.id}>
                    <th scope="row">
                      <a href={href(`/direct-mail/${run.id}`)}>{run.template.name ?? t('a template')}</a>
                    </th>
                    <td>{run.recipients.name ?? '—'}</td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td>{progressText(run)}</td>
                    <td>{formatDateTime(run.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

function StartRunForm() {
  const templates = useApi<CollateralPage>('/collateral', { kind: 'LETTER_TEMPLATE', status: 'APPROVED', limit: 200 });
  const letterheads = useApi<CollateralPage>('/collateral', { status: 'APPROVED', limit: 200 });
  const segments = useApi<SegmentList>('/segments', { limit: 200 });
  const [templateItemId, setTemplate] = useState('');
  const [letterheadItemId, setLetterhead] = useState('');
  const [segmentId, setSegment] = useState('');
  const [output, setOutput] = useState('MERGED');
  const start = useAction(() => post<DirectMailRunView>('/direct-mail-runs', { templateItemId, segmentId, output, ...(letterheadItemId ? { letterheadItemId } : {}) }));
  const pdfs = (letterheads.data?.items ?? []).filter((item) => item.currentVersion?.mediaType === 'application/pdf');
  async function submit(event: Event) {
    event.preventDefault();
    const run = await start.run();
    if (run) navigate(`/direct-mail/${run.id}`);
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="start-heading">
      <h2 id="start-heading">{t('Start a run')}</h2>
      <ErrorNotice error={start.error} title={t('The run did not start')} />
      <Field label={t('Letter template')} error={start.error?.detailFor('body.templateItemId')} hint={t('Approved letter templates')}>
        {(props) => (
          <select {...props} value={templateItemId} onChange={(event) => setTemplate(event.currentTarget.value)} required>
            <option value="">{t('Choose…')}</option>
            {(templates.data?.items ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Letterhead')} error={start.error?.detailFor('body.letterheadItemId')} hint={t('Optional: an approved PDF whose first page is the background of every page')}>
        {(props) => (
          <select {...props} value={letterheadItemId} onChange={(event) => setLetterhead(event.currentTarget.value)}>
            <option value="">{t('None')}</option>
            {pdfs.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Recipients')} error={start.error?.detailFor('body.segmentId')} hint={t('A segment\'s contacts')}>
        {(props) => (
          <select {...props} value={segmentId} onChange={(event) => setSegment(event.currentTarget.value)} required>
            <option value="">{t('Choose a segment…')}</option>
            {(segments.data?.items ?? []).map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Output')} error={start.error?.detailFor('body.output')}>
        {(props) => (
          <select {...props} value={output} onChange={(event) => setOutput(event.currentTarget.value)}>
            {directMailOutputs.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {t(choice.label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" class="primary" disabled={start.busy || !templateItemId || !segmentId}>
        {start.busy ? t('Starting…') : t('Start the run')}
      </button>
    </form>
  );
}
