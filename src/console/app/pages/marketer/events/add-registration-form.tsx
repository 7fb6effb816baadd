import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import type { EventView, PaymentState, RegistrationView } from './event-model';
import { t } from '../../../i18n/i18n';

interface Person {
  name: string;
  email: string;
  accountName: string;
  phone: string;
  sourceCode: string;
  payment: '' | PaymentState;
}

const nobody: Person = { name: '', email: '', accountName: '', phone: '', sourceCode: '', payment: '' };
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** Registers someone on their behalf (a phone call, a visit): matched by e-mail or company, else a new account in the pool. */
export function AddRegistrationForm({ event, mayMarkPaid, onAdded }: { event: EventView; mayMarkPaid: boolean; onAdded(): void }) {
  const [person, setPerson] = useState<Person>(nobody);
  const [outcome, setOutcome] = useState<string>();
  const add = useAction(() =>
    post<{ registration: RegistrationView; existing: boolean }>(`/events/${event.id}/registrations`, {
      contact: { name: person.name.trim(), email: optional(person.email), accountName: optional(person.accountName), phone: optional(person.phone) },
      sourceCode: optional(person.sourceCode),
      payment: person.payment ? { state: person.payment } : undefined,
    }),
  );
  const set = (field: keyof Person) => (change: { currentTarget: { value: string } }) => setPerson({ ...person, [field]: change.currentTarget.value });
  const at = (field: string) => add.error?.detailFor(`body.${field}`);

  async function submit(submitted: Event) {
    submitted.preventDefault();
    setOutcome(undefined);
    const answer = await add.run();
    if (!answer) return;
    const { registration, existing } = answer;
    const where = registration.status === 'WAITING' ? t('on the waiting list (position {waitingPosition})', { waitingPosition: registration.waitingPosition ?? '' }) : registration.status.toLowerCase();
    setOutcome(existing ? t('{name} was already registered: {where}.', { name: registration.name, where }) : t('{name} is {where}.', { name: registration.name, where }));
    setPerson(nobody);
    onAdded();
  }

  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="add-registration-heading">
      <h2 id="add-registration-heading">{t('Add a registration')}</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      <ErrorNotice error={add.error} title={t('Not registered')} />
      <div class="row">
        <Field label={t('Name')} error={at('contact.name') ?? at('contactId')}>
          {(props) => <input {...props} value={person.name} maxLength={200} onInput={set('name')} />}
        </Field>
        <Field label={t('E-mail')} error={at('contact.email')}>
          {(props) => <input {...props} type="email" value={person.email} onInput={set('email')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Company')} hint={t('Empty: a private person')} error={at('contact.accountName')}>
          {(props) => <input {...props} value={person.accountName} maxLength={200} onInput={set('accountName')} />}
        </Field>
        <Field label={t('Phone')} error={at('contact.phone')}>
          {(props) => <input {...props} type="tel" value={person.phone} onInput={set('phone')} />}
        </Field>
        <Field label={t('Sub-source')} error={at('sourceCode')}>
          {(props) => (
            <select {...props} value={person.sourceCode} onChange={set('sourceCode')}>
              <option value="">{event.sources[0] ? t('The first ({code})', { code: event.sources[0].code }) : t('None')}</option>
              {event.sources.map((source) => (
                <option key={source.code} value={source.code}>
                  {source.code} ({source.name})
                </option>
              ))}
            </select>
          )}
        </Field>
        {event.price !== null && mayMarkPaid && (
          <Field label={t('Payment')} error={at('payment.state')}>
            {(props) => (
              <select {...props} value={person.payment} onChange={set('payment')}>
                <option value="">{t('Unpaid')}</option>
                <option value="PAID">{t('Paid ({price} {currency})', { price: event.price ?? '', currency: event.currency ?? '' })}</option>
                <option value="WAIVED">{t('Waived')}</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <button type="submit" class="primary" disabled={add.busy}>
        {add.busy ? t('Registering…') : t('Register')}
      </button>
    </form>
  );
}
