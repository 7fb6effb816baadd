import { msg, t } from '../../../i18n/i18n';
const variables: [string, string][] = [
  ['{{ account.name }}', msg('the account’s name')],
  ['{{ account.segment }}', msg('its segment')],
  ['{{ account.<field> }}', msg('one of its custom fields, e.g. {{ account.city }}')],
  ['{{ contact.name }}, {{ contact.email }}, {{ contact.title }}', msg('the recipient')],
  ['{{ owner.name }}, {{ owner.email }}', msg('the account’s owner')],
  ['{{ campaign.id }}, {{ campaign.name }}, {{ campaign.description }}', msg('the campaign that sends it')],
  ['{{ unsubscribeUrl }}', msg('the recipient’s own unsubscribe link')],
];

/** What a template may use; an unknown variable is refused when saving, naming it. */
export function VariablesHelp() {
  return (
    <details class="variables-help" open>
      <summary>{t('Variables you can use')}</summary>
      <dl>
        {variables.map(([code, meaning]) => (
          <div key={code}>
            <dt>
              <code>{code}</code>
            </dt>
            <dd>{t(meaning)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('A missing value renders empty. In the HTML body every value is HTML-escaped.')}</p>
    </details>
  );
}
