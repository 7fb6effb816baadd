import type { EnrollmentLines } from '../../../../../reports/lift.schemas';
import { formatDateTime, formatNumber, formatPercent, humanize } from '../../../format';
import { msg, t } from '../../../i18n/i18n';

const heads = [msg('Matched'), msg('Target contacts'), msg('Target responded'), msg('Target rate'), msg('Target contracts'), msg('Test contacts'), msg('Test responded'), msg('Test rate'), msg('Test contracts')];

/** An evergreen campaign's enrollments, newest first: each cohort, per cell, and what it brought. */
export function EnrollmentReturnTable({ enrollments }: { enrollments: EnrollmentLines }) {
  const shown = enrollments.items.length;
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">
          {t('Enrollments, newest first')}{shown < enrollments.total ? (' ' + t('(the newest {shown} of {total})', { shown: formatNumber(shown), total: formatNumber(enrollments.total) })) : ''}{t(': responses and contracts since each enrolled')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Enrollment')}</th>
            <th scope="col">{t('Status')}</th>
            {heads.map((head) => (
              <th key={head} scope="col" class="number">
                {t(head)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {enrollments.items.map((line) => (
            <tr key={line.enrollmentId}>
              <th scope="row" class="source-cell">
                #{line.number} <span class="source-name">{formatDateTime(line.scheduledFor)}</span>
              </th>
              <td>
                <span class={`badge badge-${line.status.toLowerCase()}`}>{humanize(line.status)}</span>
              </td>
              <td class="number">{formatNumber(line.counts.matched)}</td>
              <td class="number">{formatNumber(line.target.contacts)}</td>
              <td class="number">{formatNumber(line.target.respondingContacts)}</td>
              <td class="number">{formatPercent(line.target.responseRate)}</td>
              <td class="number">{formatNumber(line.target.contracts)}</td>
              <td class="number">{formatNumber(line.test.contacts)}</td>
              <td class="number">{formatNumber(line.test.respondingContacts)}</td>
              <td class="number">{formatPercent(line.test.responseRate)}</td>
              <td class="number">{formatNumber(line.test.contracts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
