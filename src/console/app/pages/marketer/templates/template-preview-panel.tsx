import { useState } from 'preact/hooks';
import type { CampaignPage } from '../../../../../campaigns/campaign-views.schemas';
import type { TemplatePreview } from '../../../../../templates/template-preview';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { useAction, useApi } from '../../../use-api';
import { RecipientPicker, type Recipient } from './recipient-picker';
import { t } from '../../../i18n/i18n';

/** Renders the saved template for one real contact (and campaign), exactly as a mailing would send it. */
export function TemplatePreviewPanel({ templateKey, unsaved }: { templateKey: string; unsaved: boolean }) {
  const [recipient, setRecipient] = useState<Recipient>();
  const [campaignId, setCampaignId] = useState('');
  const campaigns = useApi<CampaignPage>('/campaigns', { limit: 100 });
  const [preview, setPreview] = useState<TemplatePreview>();
  const render = useAction(async () => {
    setPreview(undefined);
    const body = { contactId: recipient!.contactId, ...(campaignId ? { campaignId } : {}) };
    setPreview(await post<TemplatePreview>(`/templates/${encodeURIComponent(templateKey)}/preview`, body));
  });

  return (
    <section class="card" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('Preview for a real recipient')}</h2>
      {unsaved && <Notice kind="warning">{t('You have unsaved changes: the preview shows the saved version. Save first to see them.')}</Notice>}
      <RecipientPicker
        chosen={recipient}
        onChoose={(next) => {
          setRecipient(next);
          setPreview(undefined);
        }}
      />
      <Field label={t('Campaign (optional)')} hint={t('Fills {{ campaign.* }}; without one they render empty')} error={render.error?.detailFor('body.campaignId')}>
        {(props) => (
          <select {...props} value={campaignId} onChange={(event) => (setCampaignId(event.currentTarget.value), setPreview(undefined))}>
            <option value="">{t('No campaign')}</option>
            {campaigns.data?.items.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNotice error={campaigns.error} title={t('The campaigns could not be loaded')} />
      <div class="actions">
        <button type="button" class="primary" disabled={!recipient || render.busy} onClick={() => void render.run()}>
          {render.busy ? t('Rendering…') : recipient ? t('Preview for {contactName}', { contactName: recipient.contactName }) : t('Preview (choose a recipient first)')}
        </button>
      </div>
      <ErrorNotice error={render.error} title={t('The preview failed')} />
      {preview && <RenderedMessage preview={preview} />}
    </section>
  );
}

function RenderedMessage({ preview }: { preview: TemplatePreview }) {
  return (
    <div aria-label={t('Rendered message')} role="region">
      <h3>{t('The message')}</h3>
      <dl class="preview-meta">
        <dt>{t('To')}</dt>
        <dd>{preview.to}</dd>
        <dt>{t('Subject')}</dt>
        <dd>{preview.subject}</dd>
        {Object.entries(preview.headers).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('Text body')}</h3>
      <pre class="preview-text">
        {preview.text}
      </pre>
      <h3>{t('HTML body')}</h3>
      {preview.html === null ? (
        <p class="muted">{t('This template has no HTML body: mail clients show the text.')}</p>
      ) : (
        // sandbox="" runs no script and treats the HTML as a foreign origin: a template cannot reach the console.
        <iframe class="preview-frame" title={t('HTML body as the recipient sees it')} sandbox="" srcdoc={preview.html} />
      )}
    </div>
  );
}
