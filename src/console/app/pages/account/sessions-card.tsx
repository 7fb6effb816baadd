import { useState } from 'preact/hooks';
import { post } from '../../api';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDateTime } from '../../format';
import { useAction, useApi } from '../../use-api';
import type { SessionView } from './account-types';
import { ConfirmAction } from './confirm-action';

const methodLabels: Record<SessionView['method'], string> = { EMAIL_LINK: 'E-mail link', OIDC: 'Single sign-on' };

/** "Chrome on Linux" is what people recognise; the whole user agent stays in the cell's title. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : undefined;
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : undefined;
  return browser && system ? `${browser} on ${system}` : browser ?? system ?? userAgent.slice(0, 60);
}

const isOpen = (session: SessionView, now = Date.now()) => !session.revokedAt && new Date(session.expiresAt).getTime() > now;

/**
 * Someone's console sessions (`basePath` is `/me/sessions` or `/users/:id/sessions`), open ones
 * first; revoking one signs that browser out at its next request. Revoking your own current session
 * signs this browser out, which the API's next 401 does.
 */
export function SessionsCard({ basePath, headingId, mine }: { basePath: string; headingId: string; mine: boolean }) {
  const sessions = useApi<{ items: SessionView[] }>(basePath);
  const [revoked, setRevoked] = useState<SessionView>();
  const revoke = useAction((session: SessionView) => post<SessionView>(`${basePath}/${session.id}/revoke`));

  async function revokeSession(session: SessionView) {
    const answer = await revoke.run(session);
    if (!answer) return false;
    setRevoked(answer);
    void sessions.reload();
    return true;
  }

  const items = [...(sessions.data?.items ?? [])].sort((a, b) => Number(isOpen(b)) - Number(isOpen(a)));
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>Signed-in sessions</h2>
      <p class="muted">Browsers signed in to the console by e-mail link or single sign-on. API keys are listed apart.</p>
      {revoked && <Notice kind="success">Session revoked: that browser is signed out at its next request.</Notice>}
      <ErrorNotice error={sessions.error} title="The sessions could not be loaded" />
      <ErrorNotice error={revoke.error} title="The session was not revoked" />
      {sessions.loading && !sessions.data && <Loading label="Loading sessions…" />}
      {sessions.data && items.length === 0 && <Empty>{mine ? 'You have no console sessions: you signed in with an API key.' : 'No console sessions.'}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Sessions, open ones first</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Signed in with</th>
                <th scope="col">Address</th>
                <th scope="col">Started</th>
                <th scope="col">Last seen</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((session) => {
                const open = isOpen(session);
                const device = deviceOf(session.userAgent);
                return (
                  <tr key={session.id} class={session.current ? 'current-session' : undefined}>
                    <th scope="row" title={session.userAgent ?? undefined}>
                      {device}
                      {session.current && <span class="badge badge-running current-badge">This browser</span>}
                    </th>
                    <td>{methodLabels[session.method] ?? session.method}</td>
                    <td>{session.ipAddress ?? '—'}</td>
                    <td>{formatDateTime(session.createdAt)}</td>
                    <td>{formatDateTime(session.lastSeenAt)}</td>
                    <td>
                      {session.revokedAt ? (
                        <span class="badge badge-cancelled">Revoked {formatDateTime(session.revokedAt)}</span>
                      ) : open ? (
                        <span class="badge badge-approved">Open until {formatDateTime(session.expiresAt)}</span>
                      ) : (
                        <span class="badge badge-expired">Expired</span>
                      )}
                    </td>
                    <td>
                      {open && (
                        <ConfirmAction
                          label="Revoke"
                          name={`Revoke session: ${device}, started ${formatDateTime(session.createdAt)}${session.current ? ' (this browser)' : ''}`}
                          question={session.current ? 'Revoke the session of this browser? You are signed out.' : `Sign out ${device}? It is signed out at its next request.`}
                          confirmLabel="Revoke session"
                          busy={revoke.busy}
                          onConfirm={() => revokeSession(session)}
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
    </section>
  );
}
