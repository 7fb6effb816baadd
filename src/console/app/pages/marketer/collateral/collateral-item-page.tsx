import { useState } from 'preact/hooks';
import { api, post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime, humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { acceptedFiles, fileSize, mayKeepCollateral, type CollateralItemView } from './collateral-model';
import { DownloadButton } from './download-button';
import { t } from '../../../i18n/i18n';

/** /collateral/:id: an item, its versions (newest first) with their files; marketers upload, approve and retire. */
export function CollateralItemPage({ params }: PageProps) {
  const me = useSignal(currentUser);
  const item = useApi<CollateralItemView>(`/collateral/${params.id}`);
  const [done, setDone] = useState('');
  const command = useAction(async (verb: 'approve' | 'retire') => {
    const answer = await post<CollateralItemView>(`/collateral/${params.id}/${verb}`);
    setDone(verb === 'approve' ? t('Approved: sellers are offered its current version.') : t('Retired: it is kept for the history and offered no more.'));
    await item.reload();
    return answer;
  });
  if (!item.data) {
    return (
      <section>
        <h1>{t('Collateral item')}</h1>
        <ErrorNotice error={item.error} title={t('Could not load the item')} />
        {item.loading && <Loading />}
        <p>
          <a href={href('/collateral')}>{t('Back to the library')}</a>
        </p>
      </section>
    );
  }
  const data = item.data;
  const keeper = mayKeepCollateral(me?.role);
  return (
    <section>
      <p>
        <a href={href('/collateral')}>{t('← Collateral')}</a>
      </p>
      <div class="page-head">
        <h1>{t('Collateral: {name}', { name: data.name })}</h1>
        <StatusBadge status={data.status} />
        {keeper && data.status === 'DRAFT' && (
          <button type="button" class="primary" disabled={command.busy} onClick={() => void command.run('approve')}>
            {t('Approve')}</button>
        )}
        {keeper && data.status !== 'RETIRED' && (
          <button type="button" disabled={command.busy} onClick={() => void command.run('retire')}>
            {t('Retire')}</button>
        )}
      </div>
      <ErrorNotice error={command.error} title={t('The status did not change')} />
      {done && <Notice kind="success">{done}</Notice>}
      <dl class="account-facts" aria-label={t('Item facts')}>
        <div>
          <dt>{t('Kind')}</dt>
          <dd>{humanize(data.kind)}</dd>
        </div>
        <div>
          <dt>{t('Product')}</dt>
          <dd>{data.product ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('Language')}</dt>
          <dd>
            {data.languageName} ({data.language})
          </dd>
        </div>
        {data.approvedAt && (
          <div>
            <dt>{t('Approved')}</dt>
            <dd>{formatDateTime(data.approvedAt)}</dd>
          </div>
        )}
        {data.retiredAt && (
          <div>
            <dt>{t('Retired')}</dt>
            <dd>{formatDateTime(data.retiredAt)}</dd>
          </div>
        )}
      </dl>
      {data.description && <p>{data.description}</p>}
      <section class="card" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('Versions ({length})', { length: data.versions.length })}</h2>
        {data.versions.length === 0 ? (
          <p class="empty">{t('No file yet.')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Version')}</th>
                  <th scope="col">{t('File')}</th>
                  <th scope="col">{t('Type')}</th>
                  <th scope="col" class="number">
                    {t('Size')}</th>
                  <th scope="col">{t('Uploaded')}</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((version, index) => (
                  <tr key={version.number}>
                    <th scope="row">
                      {version.number}
                      {index === 0 ? t(' (current)') : ''}
                    </th>
                    <td>
                      {keeper || index === 0 ? <DownloadButton version={version} label={version.fileName} /> : version.fileName}
                    </td>
                    <td>{version.mediaType}</td>
                    <td class="number">{fileSize(version.sizeBytes)}</td>
                    <td>
                      {t('{uploadedAt} by', { uploadedAt: formatDateTime(version.uploadedAt) })}{' '}{version.uploadedByName ?? t('someone')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {keeper && data.status !== 'RETIRED' && <UploadForm item={data} onUploaded={() => void item.reload()} />}
    </section>
  );
}

function UploadForm({ item, onUploaded }: { item: CollateralItemView; onUploaded: () => void }) {
  const [file, setFile] = useState<File>();
  const [uploaded, setUploaded] = useState('');
  const upload = useAction((chosen: File) =>
    api<CollateralItemView>('POST', `/collateral/${item.id}/versions?fileName=${encodeURIComponent(chosen.name)}`, chosen, { contentType: chosen.type || 'application/octet-stream' }),
  );
  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (!file) return;
    const answer = await upload.run(file);
    if (answer) {
      setUploaded(
        item.status === 'APPROVED'
          ? t('Version {number} uploaded: the item is a draft again until it is approved.', { number: answer.currentVersion?.number ?? '' })
          : t('Version {number} uploaded.', { number: answer.currentVersion?.number ?? '' }),
      );
      (submitted.target as HTMLFormElement).reset();
      setFile(undefined);
      onUploaded();
    }
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="upload-heading">
      <h2 id="upload-heading">{t('Upload a new version')}</h2>
      <ErrorNotice error={upload.error} title={t('The file was not uploaded')} />
      {uploaded && <Notice kind="success">{uploaded}</Notice>}
      <Field label={t('File')} hint={t('PDF, PNG, JPEG, GIF or WebP, up to 20 MB unless configured otherwise')}>
        {(props) => <input {...props} type="file" accept={acceptedFiles} onChange={(event) => setFile(event.currentTarget.files?.[0])} />}
      </Field>
      <button type="submit" class="primary" disabled={!file || upload.busy}>
        {upload.busy ? t('Uploading…') : t('Upload')}
      </button>
    </form>
  );
}
