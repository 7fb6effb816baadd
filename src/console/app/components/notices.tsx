import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { detailsInWords, fieldsVersion, headlineInWords } from '../field-errors';
import { useSignal } from '../signal';
import { t } from '../i18n/i18n';

/**
 * An API error as the user reads it: what to do, then each field it names by the label the form
 * shows (field-errors.ts), never by its API path, with dates and durations in words.
 */
export function ErrorNotice({ error, title }: { error: ApiError | undefined; title?: string }) {
  useSignal(fieldsVersion);
  if (!error) return null;
  const details = detailsInWords(error.details);
  return (
    <div class="notice notice-error" role="alert">
      {title && <strong>{title}: </strong>}
      {headlineInWords(error.message, error.details, error.code)}
      {details.length > 0 && (
        <ul>
          {details.map((detail, index) => (
            <li key={index}>{detail.label ? `${detail.label}: ${detail.message}` : detail.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'success' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${kind}`} role="status">
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {label ?? t('Loading…')}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}
