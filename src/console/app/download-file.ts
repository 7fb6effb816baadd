import { ApiError } from './api';
import { session } from './session';
import { t } from './i18n/i18n';

/**
 * Saves a file the API serves (GET /api/v1/…): a plain link would not carry the API key, so the
 * file is fetched with it and handed to the browser as a download named `fileName`.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const key = session.key();
  const response = await fetch(path, { headers: key ? { Authorization: `Bearer ${key}` } : {}, credentials: 'same-origin' });
  if (!response.ok) {
    const answer = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    throw new ApiError(response.status, answer?.error?.code ?? `HTTP_${response.status}`, answer?.error?.message ?? t('The server answered {status}', { status: response.status }));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
