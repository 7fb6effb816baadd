const variables: [string, string][] = [
  ['{{ account.name }}', 'the account’s name'],
  ['{{ account.segment }}', 'its segment'],
  ['{{ account.<field> }}', 'one of its custom fields, e.g. {{ account.city }}'],
  ['{{ contact.name }}, {{ contact.email }}, {{ contact.title }}', 'the recipient'],
  ['{{ owner.name }}, {{ owner.email }}', 'the account’s owner'],
  ['{{ campaign.id }}, {{ campaign.name }}, {{ campaign.description }}', 'the campaign that sends it'],
  ['{{ unsubscribeUrl }}', 'the recipient’s own unsubscribe link'],
];

/** What a template may use; an unknown variable is refused when saving, naming it. */
export function VariablesHelp() {
  return (
    <details class="variables-help" open>
      <summary>Variables you can use</summary>
      <dl>
        {variables.map(([code, meaning]) => (
          <div key={code}>
            <dt>
              <code>{code}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">A missing value renders empty. In the HTML body every value is HTML-escaped.</p>
    </details>
  );
}
