import { useEffect } from 'preact/hooks';
import type { ApprovalInbox } from '../../../../approvals/approvals.schemas';
import { get } from '../../api';
import { signal, useSignal } from '../../signal';
import { t } from '../../i18n/i18n';

const waiting = signal<number | null>(null);

/** How many decisions wait for the signed-in user, shared by the nav badge and the inbox. */
export const approvalCount = {
  async refresh() {
    try {
      waiting.set((await get<ApprovalInbox>('/approvals')).counts.total);
    } catch {
      // The badge is a hint: the inbox page shows the error itself.
      waiting.set(null);
    }
  },
};

/** "(3)" after the nav label while something waits; polled so a new request shows without a reload. */
export function ApprovalCountBadge() {
  const count = useSignal(waiting);
  useEffect(() => {
    void approvalCount.refresh();
    const timer = window.setInterval(() => void approvalCount.refresh(), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!count) return null;
  // The hidden text is what screen readers say: "Approvals (2 waiting)"; sighted users see "(2)".
  return (
    <>
      <span class="nav-count" aria-hidden="true">
        {` (${count})`}
      </span>
      <span class="visually-hidden">{(' ' + t('({count} waiting)', { count }))}</span>
    </>
  );
}
