import { useState } from 'preact/hooks';
import { asApiError, type ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { Progress } from '../../../components/progress';
import { formatNumber } from '../../../format';
import type { RegistrationImportResult } from '../../../../../registrations/registrations.schemas';
import { uploadCsv, type UploadProgress } from '../imports/upload-csv';
import { t } from '../../../i18n/i18n';

/** A CSV of people (name,email,accountName,phone,sourceCode) registered in one go; each bad row is reported, the others land. */
export function ImportRegistrations({ eventId, onImported }: { eventId: string; onImported(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress>();
  const [result, setResult] = useState<RegistrationImportResult>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await uploadCsv<RegistrationImportResult>(`/events/${eventId}/registrations/import`, file, setProgress));
      onImported();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  const failed = result?.rows.filter((row) => row.error) ?? [];
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="import-registrations-heading">
      <h2 id="import-registrations-heading">{t('Import registrations')}</h2>
      <p class="hint">
        {t('A CSV file with the columns')}{' '}<code>name,email,accountName,phone,sourceCode</code>{' '}{t('and a header row.')}</p>
      <Field label={t('CSV file')}>{(props) => <input {...props} type="file" accept=".csv,text/csv" onChange={(change) => setFile(change.currentTarget.files?.[0] ?? null)} />}</Field>
      {progress && <Progress label={progress.uploaded ? t('Bytes sent, registering the rows') : t('Bytes sent')} done={progress.sent} total={progress.total} />}
      <ErrorNotice error={error} title={t('The file was not imported')} />
      {result && (
        <Notice kind={result.failed > 0 ? 'warning' : 'success'}>
          <span class="import-summary">
            {t('{created} registered, {waiting} on the waiting list, {existing} already registered, {failed} failed.', { created: formatNumber(result.created), waiting: formatNumber(result.waiting), existing: formatNumber(result.existing), failed: formatNumber(result.failed) })}</span>
          {failed.length > 0 && (
            <ul>
              {failed.map((row) => (
                <li key={row.row}>
                  {t('Row {row}: {error}', { row: row.row, error: row.error ?? '' })}
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      <button type="submit" disabled={!file || busy}>
        {busy ? t('Importing…') : t('Import')}
      </button>
    </form>
  );
}
