import { placeholdersOf, renderTemplate, templateProblems, type TemplateVariables } from '../../src/templates/render-template';
import { CreateTemplateRequest } from '../../src/templates/templates.schemas';

const variables = (overrides: Partial<TemplateVariables> = {}): TemplateVariables => ({
  account: { name: 'Acme Bakery', segment: 'retail', city: 'Lyon', size: 12, address: { zip: '69001' } },
  contact: { name: 'Dana Buyer', email: 'dana@example.com', title: null },
  owner: { name: 'Nina', email: 'nina@example.com' },
  ...overrides,
});

describe('renderTemplate', () => {
  test('when a template names variables then each is replaced, with or without spaces, custom fields and nested ones too', () => {
    const rendered = renderTemplate(
      { subject: 'Hello {{contact.name}}', text: '{{ account.name }} ({{account.segment}}) in {{ account.city }}, {{account.size}} people, {{account.address.zip}}; {{owner.name}}' },
      variables(),
    );
    expect(rendered).toEqual({ subject: 'Hello Dana Buyer', text: 'Acme Bakery (retail) in Lyon, 12 people, 69001; Nina' });
  });

  test('when a value is missing, null or an object then it renders empty', () => {
    const rendered = renderTemplate({ subject: 's', text: '[{{contact.title}}][{{account.nothing}}][{{account.address}}][{{campaign.name}}][{{unsubscribeUrl}}][{{owner.name}}]' }, variables({ owner: {} }));
    expect(rendered.text).toBe('[][][][][][]');
  });

  test('when a path names an inherited property then it renders empty, not the prototype', () => {
    expect(renderTemplate({ subject: 's', text: '[{{account.constructor}}][{{account.name.length}}][{{account.__proto__}}]' }, variables()).text).toBe('[][][]');
  });

  test('when the HTML body is rendered then every value is HTML-escaped, while the text body keeps it as it is', () => {
    const account = { name: `<script>alert("x")</script> & 'Co'` };
    const rendered = renderTemplate({ subject: '{{account.name}}', text: '{{account.name}}', html: '<p title="{{account.name}}">{{account.name}}</p>' }, variables({ account }));
    expect(rendered.html).toBe('<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;</p>');
    expect(rendered.text).toBe(account.name);
  });

  test('when a value holds line breaks then the subject stays one line (no header injection), the text keeps them', () => {
    const account = { name: 'Acme\r\nBcc: victim@example.com\nX' };
    const rendered = renderTemplate({ subject: 'About {{account.name}}', text: '{{account.name}}' }, variables({ account }));
    expect(rendered.subject).toBe('About Acme Bcc: victim@example.com X');
    expect(rendered.subject).not.toMatch(/[\r\n]/);
    expect(rendered.text).toBe(account.name);
  });

  test('when a value contains a placeholder then it is not rendered again (no template injection)', () => {
    const contact = { name: '{{owner.email}}', email: null, title: null };
    const rendered = renderTemplate({ subject: '{{contact.name}}', text: 'Hi {{contact.name}}', html: '<b>{{contact.name}}</b>' }, variables({ contact }));
    expect(rendered).toEqual({ subject: '{{owner.email}}', text: 'Hi {{owner.email}}', html: '<b>{{owner.email}}</b>' });
  });

  test('when there is no HTML body then none is rendered', () => {
    expect(renderTemplate({ subject: 's', text: 't', html: null }, variables())).toEqual({ subject: 's', text: 't' });
  });
});

describe('template variables', () => {
  test('when a text is read then its variables are listed once, trimmed', () => {
    expect(placeholdersOf('{{ contact.name }} {{contact.name}} {{account.name}} {not} {{}}')).toEqual(['contact.name', 'account.name', '']);
  });

  test('when every variable is known then there is no problem', () => {
    expect(templateProblems('{{account.name}} {{account.any_field}} {{contact.email}} {{owner.name}} {{campaign.code}} {{ unsubscribeUrl }} {{ event.name }} {{ event.startsAt }} {{ event.venue }} {{ event.registrationUrl }}')).toEqual([]);
  });

  test.each([
    ['{{contact.phone}}', 'unknown variable "contact.phone": contact has name, email, title'],
    ['{{owner.title}}', 'unknown variable "owner.title": owner has name, email'],
    ['{{user.name}}', 'unknown variable "user.name": known variables start with account, contact, owner, campaign, unsubscribeUrl, event'],
    ['{{event.price}}', 'unknown variable "event.price": event has name, startsAt, venue, registrationUrl'],
    ['{{unsubscribeUrl.x}}', 'unknown variable "unsubscribeUrl.x": unsubscribeUrl has no fields'],
    ['{{account}}', '"account" is not a value: name one of its fields, e.g. account.name'],
    ['{{ contact.name | upper }}', '"{{contact.name | upper}}" is not a variable: write {{ account.name }}, {{ contact.email }}…'],
  ])('when a text uses %s then it is named as a problem', (source, problem) => {
    expect(templateProblems(source)).toEqual([problem]);
  });

  test('when a template is validated then each text with an unknown variable is named with the variable', () => {
    const result = CreateTemplateRequest.safeParse({ key: 'k', name: 'n', subject: 'Hi {{contact.nam}}', text: 'ok {{account.name}}', html: '<p>{{foo}}</p>' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(issues).toEqual([
      ['subject', expect.stringContaining('"contact.nam"')],
      ['html', expect.stringContaining('"foo"')],
    ]);
  });
});
