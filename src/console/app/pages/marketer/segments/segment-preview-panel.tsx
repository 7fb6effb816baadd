import type { SegmentPreview } from '../../../../../segments/segments.schemas';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { LivePreview } from './use-live-preview';

/** The live count beside the criteria: contacts, accounts, suppressed, and a sample of who matches. */
export function SegmentPreviewPanel({ live }: { live: LivePreview }) {
  const { preview, error, counting } = live;
  return (
    <section class="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Live count</h2>
      <p class="muted" role="status" aria-live="polite">
        {counting ? 'Counting…' : error ? 'The criteria have a problem: the count is of the last valid criteria.' : preview ? `${formatNumber(preview.count)} contacts match.` : ''}
      </p>
      <ErrorNotice error={error} title="Cannot count these criteria" />
      {preview && <PreviewFigures preview={preview} />}
    </section>
  );
}

function PreviewFigures({ preview }: { preview: SegmentPreview }) {
  return (
    <>
      <dl class="figures" aria-label="Segment counts">
        <div>
          <dt>Contacts</dt>
          <dd>{formatNumber(preview.count)}</dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd>{formatNumber(preview.accounts)}</dd>
        </div>
        <div>
          <dt>Suppressed</dt>
          <dd>{formatNumber(preview.suppressed)}</dd>
        </div>
        <div>
          <dt>Mailable</dt>
          <dd>{formatNumber(preview.count - preview.suppressed)}</dd>
        </div>
      </dl>
      <p class="hint">Suppressed: do-not-contact, unsubscribed, bounced or without an e-mail; a list leaves them out.</p>
      {preview.sample.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Sample of matching contacts</caption>
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">E-mail</th>
                <th scope="col">Account</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row) => (
                <tr key={row.contactId}>
                  <td>{row.contactName}</td>
                  <td>{row.email ?? <span class="muted">none</span>}</td>
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
