import { StatusBadge } from '../../../components/badge';
import { Empty } from '../../../components/notices';
import { formatDateTime, formatNumber, formatRelative } from '../../../format';
import { href } from '../../../router';
import { stageTypeLabels } from './campaign-model';
import { durationWords, withLocalTimes } from './journey-words';
import type { EvergreenView, JourneyCampaignView } from './journey-view';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** "daily at 08:00 (Europe/Paris) on Mon, Tue, Wed, Thu, Fri", "every 6 hours". */
export function scheduleWords(schedule: EvergreenView['schedule']): string {
  if ('every' in schedule) return `every ${durationWords(schedule.every)}`;
  const days = schedule.days.length === 7 ? 'every day' : `on ${[...schedule.days].sort((a, b) => a - b).map((day) => weekdays[day - 1]).join(', ')}`;
  return `daily at ${schedule.time} (${schedule.timeZone}) ${days}`;
}

/** An evergreen campaign's schedule, its next enrollment, and each enrollment with its counts and its run of each stage. */
export function EvergreenSection({ view }: { view: JourneyCampaignView }) {
  const evergreen = view.evergreen;
  if (!evergreen) return null;
  const enrollments = [...(view.enrollments ?? [])].sort((a, b) => b.number - a.number);
  return (
    <section class="card" aria-labelledby="enrollments-heading">
      <h2 id="enrollments-heading">Enrollments</h2>
      <p>
        Evergreen: enrolls the new contacts of <a href={href(`/segments/${evergreen.segmentId}`)}>its segment</a> {scheduleWords(evergreen.schedule)}
        {evergreen.testCell ? ', keeping a test cell apart' : ''}
        {evergreen.excludeContactsInRunningCampaigns ? ', leaving out contacts in other running campaigns' : ''}.
      </p>
      {evergreen.stoppedAt ? (
        <p class="muted">Enrollments stopped {formatDateTime(evergreen.stoppedAt)}.</p>
      ) : evergreen.nextEnrollmentAt ? (
        <p>
          <strong>Next enrollment:</strong> {formatDateTime(evergreen.nextEnrollmentAt)} ({formatRelative(evergreen.nextEnrollmentAt)})
        </p>
      ) : (
        <p class="muted">The first enrollment is planned once the campaign is scheduled.</p>
      )}
      {view.enrollmentCount > enrollments.length && (
        <p class="hint">
          The newest {formatNumber(enrollments.length)} of {formatNumber(view.enrollmentCount)} enrollments.
        </p>
      )}
      {enrollments.length === 0 ? (
        <Empty>No enrollment yet.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Enrollments, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Enrollment</th>
                <th scope="col">Scheduled for</th>
                <th scope="col">Enrolled</th>
                <th scope="col" class="number">
                  Contacts
                </th>
                <th scope="col">Status</th>
                {view.stages.map((stage) => (
                  <th key={stage.id} scope="col">
                    {stage.position + 1}. {stage.name ?? stageTypeLabels[stage.type]}
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
                  <td class="number" title={enrollment.counts ? `${formatNumber(enrollment.counts.target)} target, ${formatNumber(enrollment.counts.testCell)} test` : undefined}>
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
                        {run.status === 'PENDING' && run.waitsFor && <div class="muted">Waits for {withLocalTimes(run.waitsFor)}</div>}
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
