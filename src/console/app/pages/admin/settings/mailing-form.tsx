import { useEffect, useState } from 'preact/hooks';
import type { MailingSettingsView } from '../../../../../settings/mailing-settings';
import { put } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction, useApi } from '../../../use-api';
import { t } from '../../../i18n/i18n';

/** A number input's text as the API's number: an empty or unreadable box is sent as it is, so the API names the field. */
const asNumber = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** The frequency cap across campaigns: at most N campaign e-mails per contact in any D days, or no cap. */
export function MailingForm() {
  const loaded = useApi<MailingSettingsView>('/settings/mailing');
  const [capped, setCapped] = useState(false);
  const [maxMessages, setMaxMessages] = useState('');
  const [windowDays, setWindowDays] = useState('');
  const [savedAt, setSavedAt] = useState<string>();
  const save = useAction(() => put<MailingSettingsView>('/settings/mailing', { frequencyCap: capped ? { maxMessages: asNumber(maxMessages), windowDays: asNumber(windowDays) } : null }));
  useEffect(() => {
    const cap = loaded.data?.frequencyCap;
    if (!loaded.data) return;
    setCapped(cap !== null && cap !== undefined);
    setMaxMessages(cap ? String(cap.maxMessages) : '3');
    setWindowDays(cap ? String(cap.windowDays) : '30');
  }, [loaded.data]);
  const detail = (name: string) => save.error?.detailFor(`body.frequencyCap.${name}`);

  return (
    <form
      class="card"
      aria-labelledby="mailing-heading"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await save.run();
        if (!answer) return;
        setSavedAt(answer.updatedAt ?? new Date().toISOString());
        void loaded.reload();
      }}
    >
      <h2 id="mailing-heading">{t('Mailing settings')}</h2>
      <p class="muted">{t('Applies to every campaign mailing from its next batch. A message over the cap is skipped, with the reason recorded.')}</p>
      <ErrorNotice error={loaded.error} title={t('The mailing settings could not be loaded')} />
      {loaded.loading && !loaded.data && <Loading label={t('Loading the mailing settings…')} />}
      {loaded.data && (
        <>
          {savedAt && <Notice kind="success">{t('Mailing settings saved at {savedAt}.', { savedAt: formatDateTime(savedAt) })}</Notice>}
          <ErrorNotice error={save.error} title={t('The mailing settings were not saved')} />
          <label class="checkbox">
            <input type="checkbox" checked={capped} onChange={(event) => (setCapped(event.currentTarget.checked), setSavedAt(undefined))} />{' '}{t('Limit how many campaign e-mails a contact receives')}</label>
          {capped && (
            <div class="row">
              <Field label={t('At most (e-mails)')} hint={t('1 to 1000 campaign e-mails per contact…')} error={detail('maxMessages')}>
                {(props) => <input {...props} type="number" inputMode="numeric" min={1} max={1000} value={maxMessages} onInput={(event) => (setMaxMessages(event.currentTarget.value), setSavedAt(undefined))} />}
              </Field>
              <Field label={t('In any window of (days)')} hint={t('…in any rolling window of 1 to 365 days, across all campaigns')} error={detail('windowDays')}>
                {(props) => <input {...props} type="number" inputMode="numeric" min={1} max={365} value={windowDays} onInput={(event) => (setWindowDays(event.currentTarget.value), setSavedAt(undefined))} />}
              </Field>
            </div>
          )}
          <p>
            {t('Now:')}{' '}
            {loaded.data.frequencyCap
              ? t('at most {maxMessages} campaign e-mails per contact in any {windowDays} days', { maxMessages: loaded.data.frequencyCap.maxMessages, windowDays: loaded.data.frequencyCap.windowDays })
              : t('no cap')}
            {loaded.data.updatedAt && <span class="muted">{' '}{t('(changed {updatedAt})', { updatedAt: formatDateTime(loaded.data.updatedAt) })}</span>}.
          </p>
          <button type="submit" class="primary" disabled={save.busy}>
            {save.busy ? t('Saving…') : t('Save mailing settings')}
          </button>
        </>
      )}
    </form>
  );
}
