import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n';

/**
 * A button that asks before acting: it opens a small form under it with the question, any fields
 * the action needs (`children`), the confirming button and a way back (Cancel or Escape), which
 * returns focus to the button. Focus moves into the form: its first field, else the confirming
 * button, so Enter or Space confirms.
 */
export function ConfirmAction({ label, name, question, confirmLabel, busy, danger = true, onConfirm, children }: {
  label: string;
  /** The button's accessible name when `label` alone is ambiguous in a list, e.g. `Revoke key "deploy"`. */
  name?: string;
  question: ComponentChildren;
  confirmLabel: string;
  busy: boolean;
  danger?: boolean;
  /** Answers whether the action happened: the form closes then, and stays open (with its error) otherwise. */
  onConfirm(): Promise<boolean>;
  children?: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // The first field of the form, or the confirming button when it has none.
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('input, select, textarea, button[type="submit"]')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <div class="confirm-action">
      <button type="button" ref={opener} aria-expanded={open} aria-label={name} disabled={busy} class={danger ? undefined : 'primary'} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <form
          class="inline-form confirm-form"
          ref={form}
          onKeyDown={(event) => event.key === 'Escape' && close()}
          aria-label={name ?? label}
          onSubmit={async (event) => {
            event.preventDefault();
            if (await onConfirm()) setOpen(false);
          }}
        >
          <p>{question}</p>
          {children}
          <div class="actions">
            <button type="submit" class={danger ? 'danger' : 'primary'} disabled={busy}>
              {busy ? t('Working…') : confirmLabel}
            </button>
            <button type="button" onClick={close}>
              {t('Cancel')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
