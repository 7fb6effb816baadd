import type { ApiError } from '../../../api';
import { DurationField } from '../../../components/duration-field';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import type { DirectoryUser } from '../../../use-users';
import type { CollateralChoice, KitChoice, SegmentChoice, TemplateChoice } from '../directory';
import { AttachmentsField } from './attachments-field';
import { stageDetail, type ApprovalDraft, type CallTasksDraft, type ListDraft, type MailingDraft, type StageDraft, type WaitDraft } from './stage-draft';
import { UserChecklist } from './user-checklist';
import { msg, t } from '../../../i18n/i18n';

export interface Choices {
  users: DirectoryUser[];
  segments: SegmentChoice[];
  templates: TemplateChoice[];
  /** APPROVED library items and ACTIVE kits, for attachments, call scripts and kits. */
  collateral: CollateralChoice[];
  kits: KitChoice[];
}

interface Props {
  stage: StageDraft;
  index: number;
  choices: Choices;
  error: ApiError | undefined;
  onChange(stage: StageDraft): void;
}

const weekdays = [msg('Mon'), msg('Tue'), msg('Wed'), msg('Thu'), msg('Fri'), msg('Sat'), msg('Sun')];

/** The settings of one stage, as the stage settings schema of its type describes them. */
export function StageSettingsForm({ stage, index, choices, error, onChange }: Props) {
  const problem = (field: string) => stageDetail(error, index, `settings.${field}`);
  // Each form edits its own type's settings; the stage keeps its type.
  const put = (settings: StageDraft['settings']) => onChange({ ...stage, settings } as StageDraft);
  switch (stage.type) {
    case 'LIST':
      return <ListSettingsForm settings={stage.settings} segments={choices.segments} problem={problem} put={put} />;
    case 'APPROVAL':
      return <ApprovalSettingsForm settings={stage.settings} users={choices.users} problem={problem} put={put} />;
    case 'MAILING':
      return <MailingSettingsForm settings={stage.settings} templates={choices.templates} choices={choices} problem={problem} put={put} />;
    case 'CALL_TASKS':
      return <CallTasksSettingsForm settings={stage.settings} choices={choices} problem={problem} put={put} />;
    case 'WAIT':
      return <WaitSettingsForm settings={stage.settings} problem={problem} put={put} />;
  }
}

export type FormProps<S> = { settings: S; problem(field: string): string | undefined; put(settings: S): void };

/** A segment and its test cell: a LIST stage's settings, and an evergreen campaign's. */
export function ListSettingsForm({ settings, segments, problem, put, segmentHint = t('Frozen into the target list when the stage starts') }: FormProps<ListDraft> & { segments: SegmentChoice[]; segmentHint?: string }) {
  const set = (change: Partial<ListDraft>) => put({ ...settings, ...change });
  return (
    <>
      <div class="row">
        <Field label={t('Segment')} error={problem('segmentId')} hint={segmentHint}>
          {(props) => (
            <select {...props} value={settings.segmentId} onChange={(event) => set({ segmentId: event.currentTarget.value })}>
              <option value="">{t('Choose a segment…')}</option>
              {segments.map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Test cell')} error={problem('testCell')} hint={t('Contacts kept apart from mailings and calls, to measure lift')}>
          {(props) => (
            <select {...props} value={settings.testCell} onChange={(event) => set({ testCell: event.currentTarget.value as ListDraft['testCell'] })}>
              <option value="none">{t('None')}</option>
              <option value="random">{t('A random share')}</option>
              <option value="everyNth">{t('Every n-th contact')}</option>
            </select>
          )}
        </Field>
        {settings.testCell === 'random' && (
          <Field label={t('Test cell share (%)')} error={problem('testCell.percent')} hint={t('1 to 50')}>
            {(props) => <input {...props} type="number" min={1} max={50} value={settings.percent} onInput={(event) => set({ percent: event.currentTarget.value })} />}
          </Field>
        )}
        {settings.testCell === 'everyNth' && (
          <Field label={t('Every n-th contact')} error={problem('testCell.n')} hint={t('2 to 1000')}>
            {(props) => <input {...props} type="number" min={2} max={1000} value={settings.n} onInput={(event) => set({ n: event.currentTarget.value })} />}
          </Field>
        )}
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={settings.excludeContactsInRunningCampaigns} onChange={(event) => set({ excludeContactsInRunningCampaigns: event.currentTarget.checked })} />{' '}{t('Leave out contacts already in another running campaign’s list')}</label>
    </>
  );
}

function ApprovalSettingsForm({ settings, users, problem, put }: FormProps<ApprovalDraft> & { users: DirectoryUser[] }) {
  const set = (change: Partial<ApprovalDraft>) => put({ ...settings, ...change });
  return (
    <>
      <UserChecklist legend={t('Approvers')} users={users} picked={settings.approverIds} error={problem('approverIds')} onChange={(approverIds) => set({ approverIds })} />
      <div class="row">
        <Field label={t('Approvals needed')} error={problem('require')}>
          {(props) => (
            <select {...props} value={settings.require} onChange={(event) => set({ require: event.currentTarget.value as ApprovalDraft['require'] })}>
              <option value="any">{t('One approver suffices')}</option>
              <option value="all">{t('Every approver')}</option>
            </select>
          )}
        </Field>
        <DurationField label={t('Remind after')} error={problem('remindAfter')} hint={t('Optional: empty, no reminder')} defaultUnit="hours" value={settings.remindAfter} onChange={(remindAfter) => set({ remindAfter })} />
        <DurationField label={t('Escalate after')} error={problem('escalateAfter')} hint={t('Optional: empty, no escalation')} value={settings.escalateAfter} onChange={(escalateAfter) => set({ escalateAfter })} />
      </div>
      {settings.escalateAfter.trim() !== '' && (
        <UserChecklist
          legend={t('Escalate to')}
          users={users}
          picked={settings.escalateToIds}
          hint={t('None picked: the approvers’ managers')}
          error={problem('escalateToIds')}
          onChange={(escalateToIds) => set({ escalateToIds })}
        />
      )}
    </>
  );
}

function MailingSettingsForm({ settings, templates, choices, problem, put }: FormProps<MailingDraft> & { templates: TemplateChoice[]; choices: Choices }) {
  const set = (change: Partial<MailingDraft>) => put({ ...settings, ...change });
  return (
    <>
      <div class="row">
        <Field label={t('Template')} error={problem('templateKey')}>
          {(props) => (
            <select {...props} value={settings.templateKey} onChange={(event) => set({ templateKey: event.currentTarget.value })}>
              <option value="">{t('Choose a template…')}</option>
              {templates.map((template) => (
                <option key={template.key} value={template.key}>
                  {template.name} ({template.key})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Messages per second')} error={problem('ratePerSecond')} hint={t('1 to 10,000')}>
          {(props) => <input {...props} type="number" min={1} max={10000} value={settings.ratePerSecond} onInput={(event) => set({ ratePerSecond: event.currentTarget.value })} />}
        </Field>
      </div>
      <label class="checkbox">
        <input type="checkbox" checked={settings.useSendWindow} onChange={(event) => set({ useSendWindow: event.currentTarget.checked })} />{' '}{t('Send only inside a window (in each contact’s time zone)')}</label>
      {settings.useSendWindow && (
        <>
          <fieldset class={`choice-list${problem('sendWindow.days') ? ' field-invalid' : ''}`}>
            <legend>{t('Send on')}</legend>
            {weekdays.map((label, position) => {
              const day = position + 1;
              return (
                <label key={day}>
                  <input
                    type="checkbox"
                    checked={settings.days.includes(day)}
                    onChange={(event) => set({ days: event.currentTarget.checked ? [...settings.days, day] : settings.days.filter((picked) => picked !== day) })}
                  />{' '}
                  {t(label)}
                </label>
              );
            })}
            <FieldError label={t('Send on')} error={problem('sendWindow.days')} />
          </fieldset>
          <div class="row">
            <Field label={t('From')} error={problem('sendWindow.start')}>
              {(props) => <input {...props} type="time" value={settings.start} onInput={(event) => set({ start: event.currentTarget.value })} />}
            </Field>
            <Field label={t('Until')} error={problem('sendWindow.end')}>
              {(props) => <input {...props} type="time" value={settings.end} onInput={(event) => set({ end: event.currentTarget.value })} />}
            </Field>
          </div>
        </>
      )}
      <AttachmentsField attachments={settings.attachments} collateral={choices.collateral} kits={choices.kits} problem={problem} onChange={(attachments) => set({ attachments })} />
    </>
  );
}

function CallTasksSettingsForm({ settings, choices, problem, put }: FormProps<CallTasksDraft> & { choices: Choices }) {
  const scripts = choices.collateral.filter((item) => item.kind === 'CALL_SCRIPT');
  return (
    <>
      <div class="row">
        <Field label={t('Task title')} error={problem('title')}>
          {(props) => <input {...props} value={settings.title} onInput={(event) => put({ ...settings, title: event.currentTarget.value })} />}
        </Field>
        <DurationField label={t('Due after')} error={problem('dueAfter')} value={settings.dueAfter} onChange={(dueAfter) => put({ ...settings, dueAfter })} />
      </div>
      <div class="row">
        <Field label={t('Call script')} error={problem('callScriptItemId')} hint={t('An approved call script, shown with each task')}>
          {(props) => (
            <select {...props} value={settings.callScriptItemId} onChange={(event) => put({ ...settings, callScriptItemId: event.currentTarget.value })}>
              <option value="">{t('None')}</option>
              {scripts.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Kit')} error={problem('kitId')} hint={t('Its items are shown with each task')}>
          {(props) => (
            <select {...props} value={settings.kitId} onChange={(event) => put({ ...settings, kitId: event.currentTarget.value })}>
              <option value="">{t('None')}</option>
              {choices.kits.map((kit) => (
                <option key={kit.id} value={kit.id}>
                  {kit.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </>
  );
}

function WaitSettingsForm({ settings, problem, put }: FormProps<WaitDraft>) {
  return (
    <DurationField label={t('Wait for')} error={problem('duration')} units={['seconds', 'minutes', 'hours', 'days', 'weeks']} value={settings.duration} onChange={(duration) => put({ duration })} />
  );
}
