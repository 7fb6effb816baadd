import { formatDateTime, formatRelative } from '../../format';

/** A time both ways: absolute for the record, relative for "how soon" ("in 3 days"). */
export function When({ iso, prefix }: { iso: string; prefix?: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {prefix && `${prefix} `}
      {formatDateTime(iso)} <span class="muted">({formatRelative(iso)})</span>
    </time>
  );
}
