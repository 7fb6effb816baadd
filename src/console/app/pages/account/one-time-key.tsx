import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/i18n';

/** Copies `text`; the Clipboard API needs a secure context, so a selected field and execCommand stand in elsewhere. */
async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    field?.select();
    return document.execCommand('copy');
  }
}

/**
 * A new API key, shown once: the console keeps it nowhere, so the owner copies it now. Focus moves
 * here when it appears, so a screen reader reads the warning before anything else.
 */
export function OneTimeKey({ apiKey, owner, onDismiss }: { apiKey: string; owner: string; onDismiss(): void }) {
  const region = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<boolean>();
  useEffect(() => region.current?.focus(), [apiKey]);
  return (
    <div class="one-time-key notice notice-warning" role="region" aria-labelledby={`${id}-title`} tabIndex={-1} ref={region}>
      <h3 id={`${id}-title`}>{t('New API key for {owner}', { owner })}</h3>
      <p>
        <strong>{t('Copy it now: you won\'t see it again.')}</strong>{' '}{t('The server keeps only a hash of it, and this page forgets it when you leave.')}</p>
      <label for={id}>{t('API key')}</label>
      <div class="one-time-key-row">
        <input id={id} ref={field} class="code" readOnly value={apiKey} spellcheck={false} autoComplete="off" onFocus={(event) => event.currentTarget.select()} />
        <button type="button" class="primary" onClick={async () => setCopied(await copyText(apiKey, field.current))}>
          {t('Copy')}</button>
      </div>
      <p role="status" class="one-time-key-copied">
        {copied === true ? t('Copied to the clipboard.') : copied === false ? t('The browser did not allow copying: select the key and copy it yourself.') : ''}
      </p>
      <button type="button" onClick={onDismiss}>
        {t('I have stored it')}</button>
    </div>
  );
}
