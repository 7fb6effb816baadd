import { useState } from 'preact/hooks';
import type { SegmentPreview } from '../../../../../segments/segments.schemas';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { t } from '../../../i18n/i18n';

export type Recipient = SegmentPreview['sample'][number];

/**
 * Finds real contacts with an e-mail address by account name or e-mail. It asks the segment preview
 * (POST /segments/preview), the one call that answers contacts with their ids across accounts.
 */
export function RecipientPicker({ chosen, onChoose }: { chosen: Recipient | undefined; onChoose(recipient: Recipient): void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Recipient[]>();
  const search = useAction(async (term: string) => {
    const criteria = {
      all: [
        { field: 'contact.hasEmail', op: 'eq', value: true },
        { any: [{ field: 'account.name', op: 'contains', value: term }, { field: 'contact.email', op: 'contains', value: term }] },
      ],
    };
    const preview = await post<SegmentPreview>('/segments/preview?sample=20', { criteria });
    setFound(preview.sample);
  });

  return (
    <div>
      <div class="row">
        <Field label={t('Find a recipient')} hint={t('Part of an account name or an e-mail address')} error={search.error?.detailFor('body.criteria')}>
          {(props) => (
            <input
              {...props}
              type="search"
              value={text}
              onInput={(event) => setText(event.currentTarget.value)}
              onKeyDown={(event) => {
                // Enter searches here instead of submitting the preview form around it.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  if (text.trim()) void search.run(text.trim());
                }
              }}
            />
          )}
        </Field>
        <div class="field search-action">
          <button type="button" disabled={!text.trim() || search.busy} onClick={() => void search.run(text.trim())}>
            {search.busy ? t('Searching…') : t('Find')}
          </button>
        </div>
      </div>
      <ErrorNotice error={search.error} title={t('The search failed')} />
      {found && found.length === 0 && <Empty>{t('No contact with an e-mail address matches “{text}”.', { text })}</Empty>}
      {found && found.length > 0 && (
        <fieldset class="recipient-choice">
          <legend>{t('Recipient')}</legend>
          <ul class="choices">
            {found.map((recipient) => (
              <li key={recipient.contactId}>
                <label class="checkbox">
                  <input type="radio" name="recipient" checked={chosen?.contactId === recipient.contactId} onChange={() => onChoose(recipient)} />
                  {t('{contactName} <{email}> · {accountName}', { contactName: recipient.contactName ?? '', email: recipient.email ?? '', accountName: recipient.accountName ?? '' })}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
