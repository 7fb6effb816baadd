/** An ISO time as a `datetime-local` value in the browser's time zone ("2026-12-02T14:30"). */
export function toLocalInput(iso: string | Date): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value (local time, no offset) as the ISO instant the API expects; an empty
 * or unreadable value is passed on as it is so the API names the field in its answer.
 */
export function fromLocalInput(value: string): string {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
}

/** The browser's IANA time zone: where "today" is for My day. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
