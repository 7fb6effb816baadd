import type { ComponentChildren } from 'preact';
import { Notice } from '../../../components/notices';
import { formatDateTime, formatNumber } from '../../../format';
import { href } from '../../../router';
import { registrationModeLabels, type EventView } from './event-model';
import { formatInZone } from './zoned-time';

const money = (amount: string | null, currency: string | null) => (amount === null ? '—' : `${amount} ${currency ?? ''}`.trim());
const sum = (amounts: (string | null)[]) => amounts.reduce((total, amount) => total + (amount === null ? 0 : Number(amount)), 0).toFixed(2);

/** The plan at a glance: when (on the event's clock), where, who, registration and its public link, counts, sources and budget. */
export function EventSummary({ event, nameOf }: { event: EventView; nameOf(id: string | null): string | undefined }) {
  const zoned = (iso: string | null) => formatInZone(iso, event.timeZone);
  const facts: [string, ComponentChildren][] = [
    ['Kind', event.kind],
    ['When', event.startsAt ? `${zoned(event.startsAt)} – ${zoned(event.endsAt)} (${event.timeZone})` : 'Not dated yet'],
    ['Where', [event.venue, event.onlineUrl].filter(Boolean).join(' · ') || '—'],
    ['Owner', nameOf(event.ownerId) ?? 'A user'],
    ['Team', event.teamIds.map((id) => nameOf(id) ?? 'a user').join(', ') || '—'],
    ['Campaign', event.campaignId ? <a href={href(`/campaigns/${event.campaignId}`)}>{event.campaignName ?? 'The campaign'}</a> : 'None'],
    ['Capacity', event.capacity === null ? 'No limit' : `${formatNumber(event.capacity)} seats`],
    ['Price', event.price === null ? 'Free' : money(event.price, event.currency)],
    ['Registration', registrationModeLabels[event.registrationMode]],
    ['Registration window', `${event.registrationOpensAt ? zoned(event.registrationOpensAt) : 'when scheduled'} to ${event.registrationClosesAt ? zoned(event.registrationClosesAt) : 'the start'}`],
    ['Reminder', event.reminderBefore ? `${event.reminderBefore} before the start` : 'None'],
  ];
  return (
    <>
      <section class="card" aria-labelledby="event-summary-heading">
        <h2 id="event-summary-heading">Plan</h2>
        {event.description && <p>{event.description}</p>}
        {event.endReason && <Notice kind="warning">Ended: {event.endReason}</Notice>}
        <dl class="event-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p class="registration-link">
          <strong>Public registration page</strong> ({event.registrationOpen ? 'open now' : 'not open now'}):{' '}
          <a href={event.registrationUrl} target="_blank" rel="noopener noreferrer">
            {event.registrationUrl}
          </a>
          {event.sources.length > 0 && <span class="muted"> Add ?source=CODE for a sub-source.</span>}
        </p>
        <p class="muted">
          Created {formatDateTime(event.createdAt)}
          {event.scheduledAt ? `, scheduled ${formatDateTime(event.scheduledAt)}` : ''}
          {event.endedAt ? `, ended ${formatDateTime(event.endedAt)}` : ''}.{' '}
          {event.copiedFromId && (
            <>
              Copied from <a href={href(`/events/${event.copiedFromId}`)}>another event</a>.
            </>
          )}
        </p>
      </section>
      <dl class="figures" aria-label="Registration counts">
        {(
          [
            ['Registered', event.counts.registered],
            ['Waiting', event.counts.waiting],
            ['Cancelled', event.counts.cancelled],
            ['Attended', event.counts.attended],
            ['No-shows', event.counts.noShows],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value === null ? 'after the end' : formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      <section class="card" aria-labelledby="event-sources-view-heading">
        <h2 id="event-sources-view-heading">Sub-sources</h2>
        {event.sources.length === 0 ? (
          <p class="muted">None.</p>
        ) : (
          <ul>
            {event.sources.map((source) => (
              <li key={source.code}>
                <code>{source.code}</code> {source.name}
                {source.channel ? ` (${source.channel})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="event-budget-heading">
        <h2 id="event-budget-heading">Budget</h2>
        {event.costs.length === 0 ? (
          <p class="muted">No cost lines.</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Cost</th>
                  <th scope="col">Category</th>
                  <th scope="col" class="number">
                    Planned
                  </th>
                  <th scope="col" class="number">
                    Actual
                  </th>
                </tr>
              </thead>
              <tbody>
                {event.costs.map((cost) => (
                  <tr key={cost.id}>
                    <td>{cost.label}</td>
                    <td>{cost.category ?? '—'}</td>
                    <td class="number">{money(cost.planned, event.currency)}</td>
                    <td class="number">{money(cost.actual, event.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    Total
                  </th>
                  <td class="number">{money(sum(event.costs.map((cost) => cost.planned)), event.currency)}</td>
                  <td class="number">{money(sum(event.costs.map((cost) => cost.actual)), event.currency)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
