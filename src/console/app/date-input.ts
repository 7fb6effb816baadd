const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An instant as a `datetime-local` value in the browser's time zone: "2026-12-02T14:30", or with
 * `seconds` "2026-12-02T14:30:05" for an input with `step={1}` (without the step, a value with
 * seconds would fail the input's own validation). No instant gives ''.
 */
export function toLocalInput(iso: string | Date | null | undefined, { seconds = false } = {}): string {
  if (!iso) return '';
  const date = new Date(iso);
  const minutes = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return seconds ? `${minutes}:${pad(date.getSeconds())}` : minutes;
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
