import type { ComponentChildren } from 'preact';
import { Notice } from '../../../components/notices';
import { formatDuration } from '../../../duration';
import { formatDateTime, formatNumber } from '../../../format';
import { href } from '../../../router';
import { registrationModeLabels, type EventView } from './event-model';
import { formatInZone } from './zoned-time';
import { t, tp } from '../../../i18n/i18n';

const money = (amount: string | null, currency: string | null) => (amount === null ? '—' : `${amount} ${currency ?? ''}`.trim());
const sum = (amounts: (string | null)[]) => amounts.reduce((total, amount) => total + (amount === null ? 0 : Number(amount)), 0).toFixed(2);

/** The plan at a glance: when (on the event's clock), where, who, registration and its public link, counts, sources and budget. */
export function EventSummary({ event, nameOf }: { event: EventView; nameOf(id: string | null): string | undefined }) {
  const zoned = (iso: string | null) => formatInZone(iso, event.timeZone);
  const facts: [string, ComponentChildren][] = [
    [t('Kind'), event.kind],
    [t('When'), event.startsAt ? `${zoned(event.startsAt)} – ${zoned(event.endsAt)} (${event.timeZone})` : t('Not dated yet')],
    [t('Where'), [event.venue, event.onlineUrl].filter(Boolean).join(' · ') || '—'],
    [t('Owner'), nameOf(event.ownerId) ?? t('A user')],
    [t('Team'), event.teamIds.map((id) => nameOf(id) ?? t('a user')).join(', ') || '—'],
    [t('Campaign'), event.campaignId ? <a href={href(`/campaigns/${event.campaignId}`)}>{event.campaignName ?? t('The campaign')}</a> : t('None')],
    [t('Capacity'), event.capacity === null ? t('No limit') : tp(event.capacity, '{count} seat', '{count} seats', { count: formatNumber(event.capacity) })],
    [t('Price'), event.price === null ? t('Free') : money(event.price, event.currency)],
    [t('Registration'), t(registrationModeLabels[event.registrationMode])],
    [t('Registration window'), t('{opens} to {closes}', { opens: event.registrationOpensAt ? zoned(event.registrationOpensAt) : t('when scheduled'), closes: event.registrationClosesAt ? zoned(event.registrationClosesAt) : t('the start') })],
    [t('Reminder'), event.reminderBefore ? t('{duration} before the start', { duration: formatDuration(event.reminderBefore) }) : t('None')],
  ];
  return (
    <>
      <section class="card" aria-labelledby="event-summary-heading">
        <h2 id="event-summary-heading">{t('Plan')}</h2>
        {event.description && <p>{event.description}</p>}
        {event.endReason && <Notice kind="warning">{t('Ended: {endReason}', { endReason: event.endReason })}</Notice>}
        <dl class="event-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p class="registration-link">
          <strong>{t('Public registration page')}</strong> ({event.registrationOpen ? t('open now') : t('not open now')}):{' '}
          <a href={event.registrationUrl} target="_blank" rel="noopener noreferrer">
            {event.registrationUrl}
          </a>
          {event.sources.length > 0 && <span class="muted">{' '}{t('Add ?source=CODE for a sub-source.')}</span>}
        </p>
        <p class="muted">
          {t('Created {createdAt}', { createdAt: formatDateTime(event.createdAt) })}
          {event.scheduledAt ? t(', scheduled {scheduledAt}', { scheduledAt: formatDateTime(event.scheduledAt) }) : ''}
          {event.endedAt ? t(', ended {endedAt}', { endedAt: formatDateTime(event.endedAt) }) : ''}.{' '}
          {event.copiedFromId && (
            <>
              {t('Copied from')}{' '}<a href={href(`/events/${event.copiedFromId}`)}>{t('another event')}</a>.
            </>
          )}
        </p>
      </section>
      <dl class="figures" aria-label={t('Registration counts')}>
        {(
          [
            [t('Registered'), event.counts.registered],
            [t('Waiting'), event.counts.waiting],
            [t('Cancelled'), event.counts.cancelled],
            [t('Attended'), event.counts.attended],
            ['No-shows', event.counts.noShows],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value === null ? t('after the end') : formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      <section class="card" aria-labelledby="event-sources-view-heading">
        <h2 id="event-sources-view-heading">{t('Sub-sources')}</h2>
        {event.sources.length === 0 ? (
          <p class="muted">{t('None.')}</p>
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
        <h2 id="event-budget-heading">{t('Budget')}</h2>
        {event.costs.length === 0 ? (
          <p class="muted">{t('No cost lines.')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('Cost')}</th>
                  <th scope="col">{t('Category')}</th>
                  <th scope="col" class="number">
                    {t('Planned')}</th>
                  <th scope="col" class="number">
                    {t('Actual')}</th>
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
                    {t('Total')}</th>
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
