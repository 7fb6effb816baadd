import { formatNumber } from '../format';
import { t } from '../i18n/i18n';

/** A long operation's progress (imports, bulk applies, mailings) with its numbers in words. */
export function Progress({ label, done, total }: { label: string; done: number; total: number | null }) {
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  return (
    <div class="progress">
      <div class="progress-label">
        {label}: {formatNumber(done)}
        {total !== null && (' ' + t('of {value}', { value: formatNumber(total) }))}
        {percent !== undefined && ` (${percent} %)`}
      </div>
      <progress max={total ?? undefined} value={total ? done : undefined} aria-label={label} />
    </div>
  );
}
