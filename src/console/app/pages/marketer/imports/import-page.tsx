import { useState } from 'preact/hooks';
import { ApiError, asApiError } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { Progress } from '../../../components/progress';
import { formatNumber } from '../../../format';
import './import.css';
import { ImportCheckReport } from './import-check-report';
import { ImportReport } from './import-report';
import type { ImportCheckView, ImportResultView } from './import-result';
import { IMPORT_MAX_BYTES, uploadCsv, type UploadProgress } from './upload-csv';
import { t, tp } from '../../../i18n/i18n';

type Source = 'file' | 'paste';

const COLUMNS = 'account_name (required), segment, time_zone, lead_source, contact_name, email, phone, title, contact_time_zone, field.<name>';
const SAMPLE = 'account_name,segment,contact_name,email,field.city\nAcme Bakery,retail,Dana,dana@example.com,Lyon';

/**
 * Import accounts and contacts from CSV: a dry run first (POST /accounts/import/check: each row's
 * outcome, nothing written), then the real import of exactly what was checked. Changing the file or
 * the text asks for a new dry run.
 */
export function ImportPage() {
  const [source, setSource] = useState<Source>('file');
  const [file, setFile] = useState<File | null>(null);
  const [pasted, setPasted] = useState('');
  const [progress, setProgress] = useState<UploadProgress & { dryRun: boolean }>();
  const [error, setError] = useState<ApiError>();
  const [dryRun, setDryRun] = useState<ImportCheckView>();
  const [imported, setImported] = useState<ImportResultView>();

  const content: Blob | null = source === 'file' ? file : pasted.trim() ? new Blob([pasted], { type: 'text/csv' }) : null;
  const busy = progress !== undefined;

  function changed() {
    setDryRun(undefined);
    setImported(undefined);
    setError(undefined);
  }

  async function run(asDryRun: boolean) {
    if (!content) return;
    setError(undefined);
    // A new answer replaces the old one; while it runs, the old one must not be taken for it.
    if (asDryRun) setDryRun(undefined);
    setImported(undefined);
    if (content.size > IMPORT_MAX_BYTES) {
      setError(new ApiError(413, 'PAYLOAD_TOO_LARGE', t('The file is {size}; an import takes at most {IMPORT_MAX_BYTES}. Split it into smaller files.', { size: megabytes(content.size), IMPORT_MAX_BYTES: megabytes(IMPORT_MAX_BYTES) })));
      return;
    }
    setProgress({ sent: 0, total: content.size, uploaded: false, dryRun: asDryRun });
    try {
      const onProgress = (next: UploadProgress) => setProgress({ ...next, dryRun: asDryRun });
      if (asDryRun) setDryRun(await uploadCsv<ImportCheckView>('/accounts/import/check', content, onProgress));
      else setImported(await uploadCsv<ImportResultView>('/accounts/import', content, onProgress));
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setProgress(undefined);
    }
  }

  const importable = dryRun && !imported ? dryRun.rows.filter((row) => row.outcome === 'accepted').length : 0;

  return (
    <section class="import-page">
      <div class="page-head">
        <h1>{t('Import accounts')}</h1>
      </div>
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <h2>{t('1. Choose the CSV')}</h2>
        <p class="muted">
          {t('One row per contact, a header row first. Columns: {COLUMNS}. Contacts are merged by e-mail (else by account and contact name), accounts by name.', { COLUMNS })}</p>
        <details>
          <summary>{t('Example')}</summary>
          <pre>{SAMPLE}</pre>
        </details>
        <fieldset class="source-choice">
          <legend>{t('Where the rows come from')}</legend>
          <label class="checkbox">
            <input type="radio" name="source" value="file" checked={source === 'file'} onChange={() => (setSource('file'), changed())} />{' '}{t('Upload a file')}</label>
          <label class="checkbox">
            <input type="radio" name="source" value="paste" checked={source === 'paste'} onChange={() => (setSource('paste'), changed())} />{' '}{t('Paste the text')}</label>
        </fieldset>
        {source === 'file' ? (
          <Field label={t('CSV file')} hint={t('At most {IMPORT_MAX_BYTES} and 10,000 rows.', { IMPORT_MAX_BYTES: megabytes(IMPORT_MAX_BYTES) })}>
            {(props) => (
              <input
                {...props}
                type="file"
                accept=".csv,text/csv"
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  changed();
                }}
              />
            )}
          </Field>
        ) : (
          <Field label={t('CSV text')} hint={t('Paste the rows, header row first.')}>
            {(props) => (
              <textarea
                {...props}
                rows={8}
                spellcheck={false}
                value={pasted}
                onInput={(event) => {
                  setPasted(event.currentTarget.value);
                  changed();
                }}
              />
            )}
          </Field>
        )}
        {file && source === 'file' && (
          <p class="muted">
            {file.name}, {fileSize(file.size)}
          </p>
        )}
        <h2>{t('2. Check it, then import')}</h2>
        <div class="actions">
          <button type="submit" class="primary" disabled={!content || busy}>
            {t('Check rows (dry run)')}</button>
          <button type="button" disabled={!importable || busy} onClick={() => void run(false)}>
            {importable ? tp(importable, 'Import {count} row', 'Import {count} rows', { count: formatNumber(importable) }) : t('Import')}
          </button>
        </div>
        {!dryRun && !imported && content && !busy && <p class="muted">{t('Run the dry run first: the import button becomes available once the rows are checked.')}</p>}
      </form>
      {progress && <ImportProgress progress={progress} />}
      <ErrorNotice error={error} title={t('The import was refused')} />
      {imported && <ImportReport result={imported} />}
      {!imported && dryRun && <ImportCheckReport check={dryRun} />}
      {imported && (
        <Notice kind="info">
          {t('To import another file, choose it above and check it again.')}</Notice>
      )}
    </section>
  );
}

function ImportProgress({ progress }: { progress: UploadProgress & { dryRun: boolean } }) {
  const what = progress.dryRun ? t('Checking') : t('Importing');
  return (
    <div class="card" role="status">
      {progress.uploaded ? (
        // The server answers once every row is checked (and written): there is no count to show until then.
        <div class="progress">
          <div class="progress-label">{t('{what}: file sent, the server is checking the rows…', { what })}</div>
          <progress aria-label={t('{what} the rows', { what })} />
        </div>
      ) : (
        <Progress label={t('{what} — bytes sent', { what })} done={progress.sent} total={progress.total} />
      )}
    </div>
  );
}

const megabytes = (bytes: number) => t('{size} MB', { size: (bytes / (1024 * 1024)).toFixed(1) });
const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? t('{size} KB', { size: Math.max(1, Math.round(bytes / 1024)) }) : megabytes(bytes));
