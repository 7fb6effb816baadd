import { useState } from 'preact/hooks';
import { post } from '../../api';
import { Field } from '../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDateTime } from '../../format';
import { useAction, useApi } from '../../use-api';
import type { IssuedKey, KeyView } from './account-types';
import { ConfirmAction } from './confirm-action';
import { OneTimeKey } from './one-time-key';
import { dayEnd } from '../../date-input';
import { t } from '../../i18n/i18n';

/** A date input's day as the instant that day ends in the user's time zone: the key works through that day. */
const endOfLocalDay = (day: string) => {
  const end = dayEnd(day);
  return end ? new Date(new Date(end).getTime() - 1).toISOString() : day;
};

function keyState(key: KeyView, now = Date.now()): { label: string; active: boolean } {
  if (key.revokedAt) return { label: t('Revoked {revokedAt}', { revokedAt: formatDateTime(key.revokedAt) }), active: false };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return { label: t('Expired'), active: false };
  return { label: t('Active'), active: true };
}

/**
 * Someone's API keys (`basePath` is `/me/keys` or `/users/:id/keys`): the list, a new key (shown
 * once) and revocation, which the API applies from the next request made with the key.
 */
export function KeysCard({ basePath, owner, headingId, suspended, signedInKey }: {
  basePath: string;
  /** Whom the keys act as, in words: “you”, or the user's name. */
  owner: string;
  headingId: string;
  /** Why no key works now whatever its own state (a deactivated user), said above the list. */
  suspended?: string;
  /** The key this browser signed in with, if any: its row is marked, and revoking it signs you out. */
  signedInKey?: string | null;
}) {
  const keys = useApi<{ items: KeyView[] }>(basePath);
  const [name, setName] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [issued, setIssued] = useState<IssuedKey>();
  const [revoked, setRevoked] = useState<KeyView>();
  const issue = useAction(() => post<IssuedKey>(basePath, { name: name.trim(), ...(expiresOn ? { expiresAt: endOfLocalDay(expiresOn) } : {}) }));
  const revoke = useAction((key: KeyView) => post<KeyView>(`${basePath}/${key.id}/revoke`));

  async function submit(event: Event) {
    event.preventDefault();
    const answer = await issue.run();
    if (!answer) return;
    setIssued(answer);
    setRevoked(undefined);
    setName('');
    setExpiresOn('');
    void keys.reload();
  }

  async function revokeKey(key: KeyView) {
    const answer = await revoke.run(key);
    if (!answer) return false;
    setRevoked(answer);
    void keys.reload();
    return true;
  }

  const items = keys.data?.items ?? [];
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('API keys')}</h2>
      <p class="muted">{t('For scripts and integrations. Each key acts as {owner}, with the same role.', { owner })}</p>
      {suspended && <Notice kind="warning">{suspended}</Notice>}
      {issued && <OneTimeKey apiKey={issued.apiKey} owner={`${owner}: “${issued.name}”`} onDismiss={() => setIssued(undefined)} />}
      {revoked && <Notice kind="success">{t('Key “{name}” revoked: requests made with it are refused from now on.', { name: revoked.name })}</Notice>}
      <ErrorNotice error={keys.error} title={t('The keys could not be loaded')} />
      <ErrorNotice error={revoke.error} title={t('The key was not revoked')} />
      {keys.loading && !keys.data && <Loading label={t('Loading keys…')} />}
      {keys.data && items.length === 0 && <Empty>{t('No keys.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('API keys, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('Starts with')}</th>
                <th scope="col">{t('Created')}</th>
                <th scope="col">{t('Last used')}</th>
                <th scope="col">{t('Expires')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('Action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((key) => {
                const state = keyState(key);
                const inUse = !!signedInKey && signedInKey.startsWith(key.prefix);
                return (
                  <tr key={key.id}>
                    <th scope="row">
                      {key.name}
                      {inUse && state.active && <span class="badge badge-running current-badge">{t('This browser')}</span>}
                    </th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{formatDateTime(key.createdAt)}</td>
                    <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : <span class="muted">{t('Never')}</span>}</td>
                    <td>{key.expiresAt ? formatDateTime(key.expiresAt) : <span class="muted">{t('Never')}</span>}</td>
                    <td>
                      <span class={`badge ${state.active ? 'badge-approved' : 'badge-cancelled'}`}>{state.label}</span>
                    </td>
                    <td>
                      {state.active && (
                        <ConfirmAction
                          label={t('Revoke')}
                          name={t('Revoke key “{name}”', { name: key.name })}
                          question={
                            inUse ? (
                              t('Revoke “{name}”? This browser signed in with it: you are signed out, and scripts using it are refused. This cannot be undone.', { name: key.name })
                            ) : (
                              t('Revoke “{name}”? Scripts using it are refused from their next request. This cannot be undone.', { name: key.name })
                            )
                          }
                          confirmLabel={t('Revoke key')}
                          busy={revoke.busy}
                          onConfirm={() => revokeKey(key)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <form class="inline-form" aria-label={t('Issue a new key')} noValidate onSubmit={submit}>
        <h3>{t('Issue a new key')}</h3>
        <ErrorNotice error={issue.error} title={t('The key was not issued')} />
        <div class="row">
          <Field label={t('Key name')} hint={t('What uses it, e.g. “nightly import”')} error={issue.error?.detailFor('body.name')}>
            {(props) => <input {...props} required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />}
          </Field>
          <Field label={t('Expires on (optional)')} hint={t('It works through that day; empty: no expiry')} error={issue.error?.detailFor('body.expiresAt')}>
            {(props) => <input {...props} type="date" value={expiresOn} onInput={(event) => setExpiresOn(event.currentTarget.value)} />}
          </Field>
        </div>
        <button type="submit" class="primary" disabled={issue.busy}>
          {issue.busy ? t('Issuing…') : t('Issue key')}
        </button>
      </form>
    </section>
  );
}
