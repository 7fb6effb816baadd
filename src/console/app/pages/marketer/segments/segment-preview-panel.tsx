import type { SegmentPreview } from '../../../../../segments/segments.schemas';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { LivePreview } from './use-live-preview';
import { t } from '../../../i18n/i18n';

/** The live count beside the criteria: contacts, accounts, suppressed, and a sample of who matches. */
export function SegmentPreviewPanel({ live }: { live: LivePreview }) {
  const { preview, error, counting } = live;
  return (
    <section class="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('Live count')}</h2>
      <p class="muted" role="status" aria-live="polite">
        {counting ? t('Counting…') : error ? t('The criteria have a problem: the count is of the last valid criteria.') : preview ? t('{count} contacts match.', { count: formatNumber(preview.count) }) : ''}
      </p>
      <ErrorNotice error={error} title={t('Cannot count these criteria')} />
      {preview && <PreviewFigures preview={preview} />}
    </section>
  );
}

function PreviewFigures({ preview }: { preview: SegmentPreview }) {
  return (
    <>
      <dl class="figures" aria-label={t('Segment counts')}>
        <div>
          <dt>{t('Contacts')}</dt>
          <dd>{formatNumber(preview.count)}</dd>
        </div>
        <div>
          <dt>{t('Accounts')}</dt>
          <dd>{formatNumber(preview.accounts)}</dd>
        </div>
        <div>
          <dt>{t('Suppressed')}</dt>
          <dd>{formatNumber(preview.suppressed)}</dd>
        </div>
        <div>
          <dt>{t('Mailable')}</dt>
          <dd>{formatNumber(preview.count - preview.suppressed)}</dd>
        </div>
      </dl>
      <p class="hint">{t('Suppressed: do-not-contact, unsubscribed, bounced or without an e-mail; a list leaves them out.')}</p>
      {preview.sample.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Sample of matching contacts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Contact')}</th>
                <th scope="col">{t('E-mail')}</th>
                <th scope="col">{t('Account')}</th>
                <th scope="col">{t('Status')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row) => (
                <tr key={row.contactId}>
                  <td>{row.contactName}</td>
                  <td>{row.email ?? <span class="muted">{t('none')}</span>}</td>
                  <td>{row.accountName}</td>
                  <td>
                    <StatusBadge status={row.accountStatus} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
