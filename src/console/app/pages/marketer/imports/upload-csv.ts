import { ApiError, type ErrorDetail } from '../../../api';
import { session } from '../../../session';
import { t } from '../../../i18n/i18n';

/** The server's body limit for imports (IMPORT_BODY_LIMIT, '5mb' as body-parser counts it). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export interface UploadProgress {
  sent: number;
  total: number | null;
  /** Every byte is sent: the server is reading and checking the rows. */
  uploaded: boolean;
}

/**
 * POSTs a CSV file to an import route with XMLHttpRequest rather than fetch: only XHR reports upload
 * progress, which a file of thousands of rows needs. Errors come back as the ApiError the console shows.
 */
export function uploadCsv<T>(path: string, csv: Blob, onProgress: (progress: UploadProgress) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${path}`);
    request.setRequestHeader('Content-Type', 'text/csv');
    request.setRequestHeader('Accept', 'application/json');
    const key = session.key();
    if (key) request.setRequestHeader('Authorization', `Bearer ${key}`);
    else for (const [name, value] of Object.entries(session.csrfHeader('POST'))) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : null, uploaded: false });
    request.upload.onload = () => onProgress({ sent: csv.size, total: csv.size, uploaded: true });
    request.onerror = () => reject(new ApiError(0, 'NETWORK', t('The server could not be reached. Check your connection and try again.')));
    request.onload = () => {
      const answer = parse(request.responseText);
      if (request.status >= 200 && request.status < 300) return resolve(answer as T);
      const error = (answer as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
      if (request.status === 401) session.signOut();
      reject(new ApiError(request.status, error?.code ?? `HTTP_${request.status}`, error?.message ?? t('The server answered {status}', { status: request.status }), error?.details ?? []));
    };
    request.send(csv);
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
