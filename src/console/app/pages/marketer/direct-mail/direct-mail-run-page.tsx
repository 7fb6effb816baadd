import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { downloadFile } from '../../../download-file';
import { formatDateTime } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { fileSize, mayKeepCollateral } from '../collateral/collateral-model';
import { progressText, type DirectMailFilePage, type DirectMailRunView, type DirectMailSkippedPage } from './direct-mail-model';
import { t } from '../../../i18n/i18n';

/** /direct-mail/:id: a run's progress (read again every second while it runs), its merged PDF, its files and the contacts it skipped. */
export function DirectMailRunPage({ params }: PageProps) {
  const me = useSignal(currentUser);
  const [running, setRunning] = useState(true);
  const run = useApi<DirectMailRunView>(`/direct-mail-runs/${params.id}`, undefined, { pollMs: running ? 1000 : undefined });
  const files = useApi<DirectMailFilePage>(run.data && run.data.status !== 'RUNNING' ? `/direct-mail-runs/${params.id}/files` : null, { limit: 200 });
  const skipped = useApi<DirectMailSkippedPage>(run.data && run.data.status !== 'RUNNING' ? `/direct-mail-runs/${params.id}/skipped` : null, { limit: 200 });
  const cancel = useAction(() => post<DirectMailRunView>(`/direct-mail-runs/${params.id}/cancel`));
  const download = useAction((path: string, name: string) => downloadFile(path, name));
  if (running && run.data && run.data.status !== 'RUNNING') setRunning(false);
  const data = run.data;
  if (!data) {
    return (
      <section>
        <h1>{t('Direct-mail run')}</h1>
        <ErrorNotice error={run.error} title={t('Could not load the run')} />
        {run.loading && <Loading />}
      </section>
    );
  }
  return (
    <section>
      <p>
        <a href={href('/direct-mail')}>{t('← Direct mail')}</a>
      </p>
      <div class="page-head">
        <h1>{t('Direct mail:')}{' '}{data.template.name ?? t('a template')}</h1>
        <StatusBadge status={data.status} />
        {mayKeepCollateral(me?.role) && data.status === 'RUNNING' && (
          <button type="button" disabled={cancel.busy} onClick={async () => (await cancel.run()) && void run.reload()}>
            {t('Cancel the run')}</button>
        )}
      </div>
      <ErrorNotice error={cancel.error} title={t('The run was not cancelled')} />
      <p role="status" aria-label={t('Progress')}>
        {progressText(data)}
      </p>
      {data.error && <Notice kind="warning">{data.error}</Notice>}
      <dl class="account-facts" aria-label={t('Run facts')}>
        <div>
          <dt>{t('Recipients')}</dt>
          <dd>{data.recipients.name ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('Output')}</dt>
          <dd>{data.output}</dd>
        </div>
        <div>
          <dt>{t('Letter date')}</dt>
          <dd>{data.letterDate}</dd>
        </div>
        <div>
          <dt>{t('Started')}</dt>
          <dd>
            {t('{createdAt} by {senderName}', { createdAt: formatDateTime(data.createdAt), senderName: data.senderName })}
          </dd>
        </div>
      </dl>
      <ErrorNotice error={download.error} title={t('The file could not be downloaded')} />
      {data.merged && (
        <p>
          <button type="button" class="primary" disabled={download.busy} onClick={() => void download.run(data.merged!.downloadPath, `${data.template.name ?? 'letters'} - merged.pdf`)}>
            {t('Download the merged PDF')}</button>{' '}{t('{pages} pages, {sizeBytes}', { pages: data.merged.pages, sizeBytes: fileSize(data.merged.sizeBytes) })}
        </p>
      )}
      {data.skippedReasons.length > 0 && (
        <section class="card" aria-labelledby="skipped-heading">
          <h2 id="skipped-heading">{t('Skipped ({skipped})', { skipped: data.counts.skipped })}</h2>
          <ul>
            {data.skippedReasons.map((reason) => (
              <li key={reason.reason}>
                {reason.reason}: {reason.count}
              </li>
            ))}
          </ul>
          {skipped.data && (
            <ul aria-label={t('Skipped contacts')}>
              {skipped.data.items.map((item) => (
                <li key={item.contactId}>
                  {item.contactName ?? t('A contact')}: {item.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {files.data && files.data.items.length > 0 && (
        <section class="card" aria-labelledby="files-heading">
          <h2 id="files-heading">{t('Letters ({length})', { length: files.data.items.length })}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Contact')}</th>
                  <th scope="col" class="number">
                    {t('Pages')}</th>
                  <th scope="col" class="number">
                    {t('Size')}</th>
                  <th scope="col">{t('SHA-256')}</th>
                </tr>
              </thead>
              <tbody>
                {files.data.items.map((file) => (
                  <tr key={file.contactId}>
                    <th scope="row">
                      <button type="button" class="link" onClick={() => void download.run(file.downloadPath, file.fileName)}>
                        {file.contactName ?? t('A contact')}
                      </button>
                    </th>
                    <td class="number">{file.pages}</td>
                    <td class="number">{fileSize(file.sizeBytes)}</td>
                    <td>
                      <code>{file.sha256.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
