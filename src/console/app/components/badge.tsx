import { humanize } from '../format';

/** A status (account, campaign, stage, plan, task) as a coloured label whose text says it all. */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status.toLowerCase()}`}>{humanize(status)}</span>;
}
