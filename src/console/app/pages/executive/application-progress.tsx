import { useEffect, useState } from 'preact/hooks';
import type { ApplicationView } from '../../../../plan-apply/plan-apply.schemas';
import { ApiError, asApiError, get } from '../../api';
import { ErrorNotice, Notice } from '../../components/notices';
import { Progress } from '../../components/progress';
import { formatNumber } from '../../format';
import { t, tp } from '../../i18n/i18n';

const POLL_MS = 400;

/**
 * Follows one apply operation (GET /plan-applications/:id) from before its record exists until it is
 * no longer RUNNING, then reports its counts once through `onFinished`.
 */
export function ApplicationProgress({ applicationId, expected, onFinished }: { applicationId: string; expected: number | null; onFinished(application: ApplicationView): void }) {
  const [application, setApplication] = useState<ApplicationView>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const current = await get<ApplicationView>(`/plan-applications/${applicationId}`);
        if (stopped) return;
        setApplication(current);
        setError(undefined);
        if (current.state !== 'RUNNING') return onFinished(current);
      } catch (caught) {
        if (stopped) return;
        const failure = asApiError(caught);
        // Until the POST that creates it has written the record, there is nothing to read yet.
        if (failure.status !== 404) setError(failure);
      }
      timer = window.setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [applicationId]);

  const finished = application && application.state !== 'RUNNING';
  // While running the total is what was asked for (chosen accounts) or unknown (a segment, all).
  const total = finished ? application.matched : expected;
  return (
    <div aria-live="polite">
      <Progress label={t('Accounts matched')} done={application?.matched ?? 0} total={total} />
      <ErrorNotice error={error} title={t('The progress could not be read (retrying)')} />
      {application?.state === 'COMPLETED' && (
        <Notice kind="success">
          {tp(application.matched, 'Done: {count} account matched, {added} newly applied, {already} already applied.', 'Done: {count} accounts matched, {added} newly applied, {already} already applied.', { count: formatNumber(application.matched), added: formatNumber(application.added), already: formatNumber(application.matched - application.added) })}</Notice>
      )}
      {application?.state === 'FAILED' && (
        <div class="notice notice-error" role="alert">
          {t('Applying failed:')}{' '}{application.error ?? t('unknown error')}
        </div>
      )}
    </div>
  );
}
