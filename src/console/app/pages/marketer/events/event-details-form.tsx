import type { ApiError } from '../../../api';
import { DurationField } from '../../../components/duration-field';
import { Field } from '../../../components/field';
import { userLabel, type DirectoryUser } from '../../../use-users';
import type { EventDraft } from './event-draft';
import { registrationModeLabels, registrationModes } from './event-model';
import { t } from '../../../i18n/i18n';

export interface CampaignChoice {
  id: string;
  name: string;
}

/** What, where, when (on the event's own clock), how many, for how much, and who registers how. */
export function EventDetailsForm({ draft, error, users, campaigns, onChange }: { draft: EventDraft; error: ApiError | undefined; users: DirectoryUser[]; campaigns: CampaignChoice[]; onChange(change: Partial<EventDraft>): void }) {
  const at = (field: string) => error?.detailFor(`body.${field}`);
  const input = (field: keyof EventDraft) => (event: { currentTarget: { value: string } }) => onChange({ [field]: event.currentTarget.value });
  return (
    <>
      <section class="card" aria-labelledby="event-details-heading">
        <h2 id="event-details-heading">{t('Event')}</h2>
        <div class="row">
          <Field label={t('Event name')} error={at('name')}>
            {(props) => <input {...props} value={draft.name} maxLength={200} required onInput={input('name')} />}
          </Field>
          <Field label={t('Kind')} hint={t('seminar, webinar, trade fair, customer day…')} error={at('kind')}>
            {(props) => <input {...props} value={draft.kind} maxLength={100} list="event-kinds" onInput={input('kind')} />}
          </Field>
          <datalist id="event-kinds">
            {['seminar', 'webinar', 'trade fair', 'customer day', 'workshop'].map((kind) => (
              <option key={kind} value={kind} />
            ))}
          </datalist>
        </div>
        <Field label={t('Description')} error={at('description')}>
          {(props) => <textarea {...props} value={draft.description} maxLength={5000} onInput={input('description')} />}
        </Field>
        <div class="row">
          <Field label={t('Venue')} error={at('venue')}>
            {(props) => <input {...props} value={draft.venue} maxLength={500} onInput={input('venue')} />}
          </Field>
          <Field label={t('Online link')} hint={t('http or https, for an online event')} error={at('onlineUrl')}>
            {(props) => <input {...props} type="url" value={draft.onlineUrl} onInput={input('onlineUrl')} />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('Owner')} hint={t('Empty: you')} error={at('ownerId')}>
            {(props) => (
              <select {...props} value={draft.ownerId} onChange={input('ownerId')}>
                <option value="">—</option>
                {users.map((user) => (
                  <option key={user.id} value={user.id}>
                    {userLabel(user)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Campaign')} hint={t('The parent campaign: registrations become its responses')} error={at('campaignId')}>
            {(props) => (
              <select {...props} value={draft.campaignId} onChange={input('campaignId')}>
                <option value="">{t('None (an event on its own)')}</option>
                {campaigns.map((campaign) => (
                  <option key={campaign.id} value={campaign.id}>
                    {campaign.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </section>
      <section class="card" aria-labelledby="event-when-heading">
        <h2 id="event-when-heading">{t('When')}</h2>
        <p class="hint">{t('Dates and times are read on the clock of the event’s time zone, wherever you plan it from.')}</p>
        <div class="row">
          <Field label={t('Time zone')} hint={t('IANA, e.g. Europe/Paris')} error={at('timeZone')}>
            {(props) => <input {...props} value={draft.timeZone} onInput={input('timeZone')} />}
          </Field>
          <Field label={t('Starts')} error={at('startsAt')}>
            {(props) => <input {...props} type="datetime-local" value={draft.startsAt} onInput={input('startsAt')} />}
          </Field>
          <Field label={t('Ends')} error={at('endsAt')}>
            {(props) => <input {...props} type="datetime-local" value={draft.endsAt} onInput={input('endsAt')} />}
          </Field>
        </div>
      </section>
      <section class="card" aria-labelledby="event-registration-heading">
        <h2 id="event-registration-heading">{t('Registration')}</h2>
        <div class="row">
          <Field label={t('Registration')} error={at('registrationMode')}>
            {(props) => (
              <select {...props} value={draft.registrationMode} onChange={(event) => onChange({ registrationMode: event.currentTarget.value as EventDraft['registrationMode'] })}>
                {registrationModes.map((mode) => (
                  <option key={mode} value={mode}>
                    {t(registrationModeLabels[mode])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Capacity')} hint={t('Seats; empty: no limit (beyond it, a waiting list)')} error={at('capacity')}>
            {(props) => <input {...props} type="number" min={1} step={1} value={draft.capacity} onInput={input('capacity')} />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('Registration opens')} hint={t('Empty: when scheduled')} error={at('registrationOpensAt')}>
            {(props) => <input {...props} type="datetime-local" value={draft.registrationOpensAt} onInput={input('registrationOpensAt')} />}
          </Field>
          <Field label={t('Registration closes')} hint={t('Empty: at the start')} error={at('registrationClosesAt')}>
            {(props) => <input {...props} type="datetime-local" value={draft.registrationClosesAt} onInput={input('registrationClosesAt')} />}
          </Field>
          <DurationField label={t('Reminder before the start')} hint={t('Empty: no reminder')} error={at('reminderBefore')} value={draft.reminderBefore} onChange={(reminderBefore) => onChange({ reminderBefore })} />
        </div>
        <div class="row">
          <Field label={t('Price')} hint={t('Empty: free')} error={at('price')}>
            {(props) => <input {...props} type="number" min={0} step="0.01" value={draft.price} onInput={input('price')} />}
          </Field>
          <Field label={t('Currency')} hint={t('ISO 4217, for the price and costs')} error={at('currency')}>
            {(props) => <input {...props} value={draft.currency} maxLength={3} autoCapitalize="characters" onInput={input('currency')} />}
          </Field>
        </div>
      </section>
    </>
  );
}
