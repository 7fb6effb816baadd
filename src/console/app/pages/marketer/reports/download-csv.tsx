import { useState } from 'preact/hooks';
import { ApiError, asApiError, withQuery } from '../../../api';
import { ErrorNotice } from '../../../components/notices';
import { session } from '../../../session';
import { t } from '../../../i18n/i18n';

/**
 * Fetches a report as CSV with the user's key and saves it. A plain link cannot carry the key (it is
 * a header, never put in URLs, where logs and history would keep it), hence fetch + a Blob link.
 */
export async function downloadCsv(path: string, query: Record<string, string | undefined>, filename: string): Promise<void> {
  const headers: Record<string, string> = { Accept: 'text/csv' };
  const key = session.key();
  if (key) headers.Authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(`/api/v1${withQuery(path, { ...query, format: 'csv' })}`, { headers });
  } catch {
    throw new ApiError(0, 'NETWORK', t('The server could not be reached. Check your connection and try again.'));
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string; details?: [] } } | undefined;
    if (response.status === 401) session.signOut();
    throw new ApiError(response.status, answer?.error?.code ?? `HTTP_${response.status}`, answer?.error?.message ?? t('The server answered {status}', { status: response.status }), answer?.error?.details ?? []);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the URL is only needed until then.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function CsvDownloadButton({ path, query = {}, filename, label = t('Download CSV') }: { path: string; query?: Record<string, string | undefined>; filename: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  async function download() {
    setBusy(true);
    setError(undefined);
    try {
      await downloadCsv(path, query, filename);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? t('Preparing CSV…') : label}
      </button>
      <ErrorNotice error={error} title={t('The CSV could not be downloaded')} />
    </div>
  );
}
