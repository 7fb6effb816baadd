/**
 * An event's date and time as its visitors read them: in the event's own time zone, named, e.g.
 * "Friday, 11 December 2026, 09:00–17:00 (Europe/Berlin)". Used by the public pages and the event e-mails.
 */

const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(timeZone: string) {
  let found = formatters.get(timeZone);
  if (!found) {
    // A zone the runtime does not know (it was valid when stored) falls back to UTC rather than failing a page.
    const zone = Intl.supportedValuesOf('timeZone').includes(timeZone) || timeZone === 'UTC' ? timeZone : 'UTC';
    found = {
      date: new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formatters.set(timeZone, found);
  }
  return found;
}

/** The start (and end, on the same day as a time only) in the event's zone; null when the event has no date yet. */
export function eventLocalTime(event: { startsAt: Date | null; endsAt: Date | null; timeZone: string }): string | null {
  if (!event.startsAt) return null;
  const { date, time } = formattersFor(event.timeZone);
  const startDay = date.format(event.startsAt);
  let text = `${startDay}, ${time.format(event.startsAt)}`;
  if (event.endsAt) {
    const endDay = date.format(event.endsAt);
    text += endDay === startDay ? `–${time.format(event.endsAt)}` : ` – ${endDay}, ${time.format(event.endsAt)}`;
  }
  return `${text} (${event.timeZone})`;
}
