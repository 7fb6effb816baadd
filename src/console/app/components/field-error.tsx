import { useLayoutEffect, useRef } from 'preact/hooks';
import { fieldsVersion, readableMessage, registerField, type RegisteredField } from '../field-errors';

/** Keeps a field in the registry while it is on screen, with its current label, path and error (field-errors.ts). */
export function useRegisteredField(current: RegisteredField): void {
  const entry = useRef<RegisteredField>({ ...current });
  useLayoutEffect(() => registerField(entry.current), []);
  useLayoutEffect(() => {
    const field = entry.current;
    if (field.label === current.label && field.path === current.path && field.error === current.error) return;
    Object.assign(field, current);
    fieldsVersion.set(fieldsVersion.get() + 1);
  }, [current.label, current.path, current.error]);
}

/**
 * The error of a control that is not a single `Field` (a group of checkboxes, a list of items), in
 * the console's words; `label` is what the group is called on screen, so an error notice names the
 * detail by it.
 */
export function FieldError({ label, error, id, path }: { label: string; error: string | undefined; id?: string; path?: string }) {
  useRegisteredField({ label, path, error });
  if (!error) return null;
  return (
    <small id={id} class="field-error">
      {readableMessage(error)}
    </small>
  );
}
