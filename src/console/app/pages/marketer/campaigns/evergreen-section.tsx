import { StatusBadge } from '../../../components/badge';
import { Empty } from '../../../components/notices';
import { formatDateTime, formatNumber, formatRelative } from '../../../format';
import { href } from '../../../router';
import { stageTypeLabels } from './campaign-model';
import { durationWords, withLocalTimes } from './journey-words';
import type { EvergreenView, JourneyCampaignView } from './journey-view';
import { msg, t } from '../../../i18n/i18n';

const weekdays = [msg('Mon'), msg('Tue'), msg('Wed'), msg('Thu'), msg('Fri'), msg('Sat'), msg('Sun')];

/** "daily at 08:00 (Europe/Paris) on Mon, Tue, Wed, Thu, Fri", "every 6 hours". */
export function scheduleWords(schedule: EvergreenView['schedule']): string {
  if ('every' in schedule) return t('every {every}', { every: durationWords(schedule.every) });
  const days = schedule.days.length === 7 ? t('every day') : t('on {days}', { days: [...schedule.days].sort((a, b) => a - b).map((day) => t(weekdays[day - 1])).join(', ') });
  return t('daily at {time} ({timeZone}) {days}', { time: schedule.time, timeZone: schedule.timeZone, days });
}

/** An evergreen campaign's schedule, its next enrollment, and each enrollment with its counts and its run of each stage. */
export function EvergreenSection({ view }: { view: JourneyCampaignView }) {
  const evergreen = view.evergreen;
  if (!evergreen) return null;
  const enrollments = [...(view.enrollments ?? [])].sort((a, b) => b.number - a.number);
  return (
    <section class="card" aria-labelledby="enrollments-heading">
      <h2 id="enrollments-heading">{t('Enrollments')}</h2>
      <p>
        {t('Evergreen: enrolls the new contacts of')}{' '}<a href={href(`/segments/${evergreen.segmentId}`)}>{t('its segment')}</a> {scheduleWords(evergreen.schedule)}
        {evergreen.testCell ? t(', keeping a test cell apart') : ''}
        {evergreen.excludeContactsInRunningCampaigns ? t(', leaving out contacts in other running campaigns') : ''}.
      </p>
      {evergreen.stoppedAt ? (
        <p class="muted">{t('Enrollments stopped {stoppedAt}.', { stoppedAt: formatDateTime(evergreen.stoppedAt) })}</p>
      ) : evergreen.nextEnrollmentAt ? (
        <p>
          <strong>{t('Next enrollment:')}</strong> {formatDateTime(evergreen.nextEnrollmentAt)} ({formatRelative(evergreen.nextEnrollmentAt)})
        </p>
      ) : (
        <p class="muted">{t('The first enrollment is planned once the campaign is scheduled.')}</p>
      )}
      {view.enrollmentCount > enrollments.length && (
        <p class="hint">
          {t('The newest {length} of {enrollmentCount} enrollments.', { length: formatNumber(enrollments.length), enrollmentCount: formatNumber(view.enrollmentCount) })}</p>
      )}
      {enrollments.length === 0 ? (
        <Empty>{t('No enrollment yet.')}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Enrollments, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Enrollment')}</th>
                <th scope="col">{t('Scheduled for')}</th>
                <th scope="col">{t('Enrolled')}</th>
                <th scope="col" class="number">
                  {t('Contacts')}</th>
                <th scope="col">{t('Status')}</th>
                {view.stages.map((stage) => (
                  <th key={stage.id} scope="col">
                    {stage.position + 1}. {stage.name ?? t(stageTypeLabels[stage.type])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {enrollments.map((enrollment) => (
                <tr key={enrollment.id ?? enrollment.number}>
                  <th scope="row">#{enrollment.number}</th>
                  <td>{formatDateTime(enrollment.scheduledFor)}</td>
                  <td>{formatDateTime(enrollment.enrolledAt)}</td>
                  <td class="number" title={enrollment.counts ? t('{target} target, {testCell} test', { target: formatNumber(enrollment.counts.target), testCell: formatNumber(enrollment.counts.testCell) }) : undefined}>
                    {formatNumber(enrollment.counts?.listed)}
                  </td>
                  <td>
                    <StatusBadge status={enrollment.status} />
                  </td>
                  {view.stages.map((stage) => {
                    const run = enrollment.runs.find((item) => item.stageId === stage.id);
                    if (!run) return <td key={stage.id} class="muted">—</td>;
                    return (
                      <td key={stage.id}>
                        <StatusBadge status={run.status} />
                        {run.status === 'PENDING' && run.waitsFor && <div class="muted">{t('Waits for {waitsFor}', { waitsFor: withLocalTimes(run.waitsFor) })}</div>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
