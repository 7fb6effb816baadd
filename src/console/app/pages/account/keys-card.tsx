import { useState } from 'preact/hooks';
import { post } from '../../api';
import { Field } from '../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDateTime } from '../../format';
import { useAction, useApi } from '../../use-api';
import type { IssuedKey, KeyView } from './account-types';
import { ConfirmAction } from './confirm-action';
import { OneTimeKey } from './one-time-key';

/** A date input's day as the instant that day ends in the browser's time zone: the key works through that day. */
const endOfLocalDay = (day: string) => {
  const date = new Date(`${day}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? day : date.toISOString();
};

function keyState(key: KeyView, now = Date.now()): { label: string; active: boolean } {
  if (key.revokedAt) return { label: `Revoked ${formatDateTime(key.revokedAt)}`, active: false };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return { label: 'Expired', active: false };
  return { label: 'Active', active: true };
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
      <h2 id={headingId}>API keys</h2>
      <p class="muted">For scripts and integrations. Each key acts as {owner}, with the same role.</p>
      {suspended && <Notice kind="warning">{suspended}</Notice>}
      {issued && <OneTimeKey apiKey={issued.apiKey} owner={`${owner}: “${issued.name}”`} onDismiss={() => setIssued(undefined)} />}
      {revoked && <Notice kind="success">Key “{revoked.name}” revoked: requests made with it are refused from now on.</Notice>}
      <ErrorNotice error={keys.error} title="The keys could not be loaded" />
      <ErrorNotice error={revoke.error} title="The key was not revoked" />
      {keys.loading && !keys.data && <Loading label="Loading keys…" />}
      {keys.data && items.length === 0 && <Empty>No keys.</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">API keys, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
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
                      {inUse && state.active && <span class="badge badge-running current-badge">This browser</span>}
                    </th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{formatDateTime(key.createdAt)}</td>
                    <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : <span class="muted">Never</span>}</td>
                    <td>{key.expiresAt ? formatDateTime(key.expiresAt) : <span class="muted">Never</span>}</td>
                    <td>
                      <span class={`badge ${state.active ? 'badge-approved' : 'badge-cancelled'}`}>{state.label}</span>
                    </td>
                    <td>
                      {state.active && (
                        <ConfirmAction
                          label="Revoke"
                          name={`Revoke key “${key.name}”`}
                          question={
                            inUse ? (
                              <>Revoke “{key.name}”? This browser signed in with it: you are signed out, and scripts using it are refused. This cannot be undone.</>
                            ) : (
                              <>Revoke “{key.name}”? Scripts using it are refused from their next request. This cannot be undone.</>
                            )
                          }
                          confirmLabel="Revoke key"
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
      <form class="inline-form" aria-label="Issue a new key" noValidate onSubmit={submit}>
        <h3>Issue a new key</h3>
        <ErrorNotice error={issue.error} title="The key was not issued" />
        <div class="row">
          <Field label="Key name" hint="What uses it, e.g. “nightly import”" error={issue.error?.detailFor('body.name')}>
            {(props) => <input {...props} required maxLength={100} value={name} onInput={(event) => setName(event.currentTarget.value)} />}
          </Field>
          <Field label="Expires on (optional)" hint="It works through that day; empty: no expiry" error={issue.error?.detailFor('body.expiresAt')}>
            {(props) => <input {...props} type="date" value={expiresOn} onInput={(event) => setExpiresOn(event.currentTarget.value)} />}
          </Field>
        </div>
        <button type="submit" class="primary" disabled={issue.busy}>
          {issue.busy ? 'Issuing…' : 'Issue key'}
        </button>
      </form>
    </section>
  );
}
