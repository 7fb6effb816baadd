import { humanize } from '../format';
import { t } from '../i18n/i18n';

/** The options of a status filter: "Any status" (the empty value), then each status in words. */
export function StatusOptions({ statuses }: { statuses: readonly string[] }) {
  return (
    <>
      <option value="">{t('Any status')}</option>
      {statuses.map((status) => (
        <option key={status} value={status}>
          {humanize(status)}
        </option>
      ))}
    </>
  );
}
