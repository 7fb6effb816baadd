import { useState } from 'preact/hooks';
import { post } from '../../api';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import { formatDateTime } from '../../format';
import { useAction, useApi } from '../../use-api';
import type { SessionView } from './account-types';
import { ConfirmAction } from './confirm-action';
import { msg, t } from '../../i18n/i18n';

const methodLabels: Record<SessionView['method'], string> = { EMAIL_LINK: msg('E-mail link'), OIDC: msg('Single sign-on') };

/** "Chrome on Linux" is what people recognise; the whole user agent stays in the cell's title. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return t('Unknown device');
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : undefined;
  const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : undefined;
  return browser && system ? t('{browser} on {system}', { browser, system }) : browser ?? system ?? userAgent.slice(0, 60);
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
      <h2 id={headingId}>{t('Signed-in sessions')}</h2>
      <p class="muted">{t('Browsers signed in to the console by e-mail link or single sign-on. API keys are listed apart.')}</p>
      {revoked && <Notice kind="success">{t('Session revoked: that browser is signed out at its next request.')}</Notice>}
      <ErrorNotice error={sessions.error} title={t('The sessions could not be loaded')} />
      <ErrorNotice error={revoke.error} title={t('The session was not revoked')} />
      {sessions.loading && !sessions.data && <Loading label={t('Loading sessions…')} />}
      {sessions.data && items.length === 0 && <Empty>{mine ? t('You have no console sessions: you signed in with an API key.') : t('No console sessions.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Sessions, open ones first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Device')}</th>
                <th scope="col">{t('Signed in with')}</th>
                <th scope="col">{t('Address')}</th>
                <th scope="col">{t('Started')}</th>
                <th scope="col">{t('Last seen')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('Action')}</span>
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
                      {session.current && <span class="badge badge-running current-badge">{t('This browser')}</span>}
                    </th>
                    <td>{t(methodLabels[session.method] ?? session.method)}</td>
                    <td>{session.ipAddress ?? '—'}</td>
                    <td>{formatDateTime(session.createdAt)}</td>
                    <td>{formatDateTime(session.lastSeenAt)}</td>
                    <td>
                      {session.revokedAt ? (
                        <span class="badge badge-cancelled">{t('Revoked {revokedAt}', { revokedAt: formatDateTime(session.revokedAt) })}</span>
                      ) : open ? (
                        <span class="badge badge-approved">{t('Open until {expiresAt}', { expiresAt: formatDateTime(session.expiresAt) })}</span>
                      ) : (
                        <span class="badge badge-expired">{t('Expired')}</span>
                      )}
                    </td>
                    <td>
                      {open && (
                        <ConfirmAction
                          label={t('Revoke')}
                          name={
                            session.current
                              ? t('Revoke session: {device}, started {createdAt} (this browser)', { device, createdAt: formatDateTime(session.createdAt) })
                              : t('Revoke session: {device}, started {createdAt}', { device, createdAt: formatDateTime(session.createdAt) })
                          }
                          question={session.current ? t('Revoke the session of this browser? You are signed out.') : t('Sign out {device}? It is signed out at its next request.', { device })}
                          confirmLabel={t('Revoke session')}
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
