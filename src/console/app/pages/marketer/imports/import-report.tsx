import { Notice } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { ImportResultView as ImportResult } from './import-result';
import { t } from '../../../i18n/i18n';

/** What an import did: the counts, then every rejected row with its reasons. */
export function ImportReport({ result }: { result: ImportResult }) {
  const rejectedRows = result.rejected.length;
  const accepted = result.total - rejectedRows;
  return (
    <section class="card" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading">{t('Import done')}</h2>
      <Notice kind="success">
        {t('{accepted} of {total} rows imported', { accepted: formatNumber(accepted), total: formatNumber(result.total) })}{rejectedRows ? t('; {rejectedRows} rejected and not imported (see below).', { rejectedRows: formatNumber(rejectedRows) }) : '.'}
      </Notice>
      <div class="table-wrap">
        <table>
          <caption class="muted">{t('Rows of the file by outcome')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Outcome')}</th>
              <th scope="col" class="number">{t('Accounts')}</th>
              <th scope="col" class="number">{t('Contacts')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('Created')}</th>
              <td class="number">{formatNumber(result.created.accounts)}</td>
              <td class="number">{formatNumber(result.created.contacts)}</td>
            </tr>
            <tr>
              <th scope="row">{t('Merged into existing records')}</th>
              <td class="number">{formatNumber(result.merged.accounts)}</td>
              <td class="number">{formatNumber(result.merged.contacts)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted">
        {t('Accepted rows: {accepted} · Rejected rows: {rejectedRows} · Rows in the file: {total}. A merged contact only gains the phone, title or time zone it lacked; nothing already entered is overwritten.', { accepted: formatNumber(accepted), rejectedRows: formatNumber(rejectedRows), total: formatNumber(result.total) })}</p>
      {rejectedRows > 0 && <RejectedRows result={result} />}
    </section>
  );
}

function RejectedRows({ result }: { result: ImportResult }) {
  return (
    <>
      <h3>{t('Rejected rows')}</h3>
      <p class="muted">{t('Row numbers are those a spreadsheet shows: the header is row 1. Fix these rows and import them again.')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" class="number">{t('Row')}</th>
              <th scope="col">{t('Column')}</th>
              <th scope="col">{t('Reason')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rejected.flatMap((rejected) =>
              rejected.reasons.map((reason, index) => (
                <tr key={`${rejected.row}-${index}`}>
                  <td class="number">{rejected.row}</td>
                  <td>
                    <code>{reason.field}</code>
                  </td>
                  <td>{reason.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
