import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { readableMessage } from '../field-errors';
import { useRegisteredField } from './field-error';

/**
 * A labelled form control; `error` (usually `apiError.detailFor('body.x')`) is announced with it, in
 * the console's words (field-errors.ts). The child is given its id through the render function so
 * label and control stay linked. The field registers its label with the error it shows (and `path`,
 * the API path it edits, when given), so an error notice names it by its label, never by its path.
 */
export function Field({ label, hint, error, path, children }: { label: string; hint?: string; error?: string; path?: string; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ComponentChildren }) {
  const id = useId();
  useRegisteredField({ label, path, error });
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {readableMessage(error)}
        </small>
      )}
    </div>
  );
}
