import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import type { CollateralChoice, KitChoice } from '../directory';
import { fileSize } from '../collateral/collateral-model';
import type { AttachmentDraft } from './stage-draft';
import { t } from '../../../i18n/i18n';

interface Props {
  attachments: AttachmentDraft[];
  collateral: CollateralChoice[];
  kits: KitChoice[];
  /** The API's message for a field of the stage's settings (`attachments.1.itemId`). */
  problem(field: string): string | undefined;
  onChange(attachments: AttachmentDraft[]): void;
}

/**
 * A MAILING stage's attachments: approved items or active kits, each sent as a download link or as
 * a file attached to the message (files together under the server's size limit, which the API
 * names at `attachments` when passed).
 */
export function AttachmentsField({ attachments, collateral, kits, problem, onChange }: Props) {
  const change = (index: number, attachment: AttachmentDraft) => onChange(attachments.map((existing, position) => (position === index ? attachment : existing)));
  // Problems are looked up by prefix: the list's own (the size limit) is the one no row shows.
  const rowProblems = attachments.map((_, index) => problem(`attachments.${index}`));
  const listProblem = problem('attachments');
  const ownProblem = listProblem !== undefined && !rowProblems.includes(listProblem) ? listProblem : undefined;
  return (
    <fieldset class={`attachments${ownProblem ? ' field-invalid' : ''}`}>
      <legend>{t('Collateral sent with each message')}</legend>
      {attachments.map((attachment, index) => (
        <div class="row" key={index}>
          <Field label={t('Attachment {value}', { value: index + 1 })} error={problem(`attachments.${index}.itemId`) ?? problem(`attachments.${index}.kitId`) ?? problem(`attachments.${index}`)}>
            {(props) => (
              <select {...props} value={attachment.ref} onChange={(event) => change(index, { ...attachment, ref: event.currentTarget.value })}>
                <option value="">{t('Choose an item or a kit…')}</option>
                <optgroup label={t('Approved items')}>
                  {collateral.map((item) => (
                    <option key={item.id} value={`item:${item.id}`}>
                      {item.name}
                      {item.currentVersion ? ` (${fileSize(item.currentVersion.sizeBytes)})` : ''}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('Kits')}>
                  {kits.map((kit) => (
                    <option key={kit.id} value={`kit:${kit.id}`}>
                      {t('Kit: {name}', { name: kit.name })}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          <Field label={t('Sent as')} error={problem(`attachments.${index}.as`)}>
            {(props) => (
              <select {...props} value={attachment.as} onChange={(event) => change(index, { ...attachment, as: event.currentTarget.value as AttachmentDraft['as'] })}>
                <option value="link">{t('A download link')}</option>
                <option value="file">{t('An attached file')}</option>
              </select>
            )}
          </Field>
          <button type="button" class="link" onClick={() => onChange(attachments.filter((_, position) => position !== index))}>
            {t('Remove attachment')}{' '}{index + 1}
          </button>
        </div>
      ))}
      <FieldError label={t('Collateral sent with each message')} error={ownProblem} />
      <button type="button" onClick={() => onChange([...attachments, { ref: '', as: 'link' }])}>
        {t('Add an attachment')}</button>
      <small class="hint">{t('Links work without signing in until they expire; attached files must stay under the size limit together.')}</small>
    </fieldset>
  );
}
