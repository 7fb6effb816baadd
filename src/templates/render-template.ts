/**
 * `{{ path.to.value }}` templates. One pass over the template's own text: a value is inserted
 * as it is and never scanned again, so a contact named "{{owner.email}}" stays that text.
 */

export interface TemplateVariables {
  /** The account's custom fields, with its name and segment. */
  account: Record<string, unknown>;
  contact: { name?: string | null; email?: string | null; title?: string | null };
  owner: { name?: string | null; email?: string | null };
  /** Filled by campaign mailings; empty for rule e-mails. */
  campaign?: Record<string, unknown>;
  unsubscribeUrl?: string;
  /** Filled by a MAILING stage with an eventId (an invitation): name, startsAt, venue, registrationUrl. */
  event?: Record<string, unknown>;
}

export interface TemplateSource {
  subject: string;
  text: string;
  html?: string | null;
}

export interface RenderedTemplate {
  subject: string;
  text: string;
  html?: string;
}

// `[^{}]` keeps one placeholder from swallowing the next one when a brace is missing.
const placeholder = /\{\{([^{}]*)\}\}/g;
const variablePath = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/**
 * What each root offers: `any` for open-ended objects (an account's custom fields, a
 * campaign's data), a list for known fields, `leaf` for a plain value. Extend here.
 */
const catalogue: Record<string, 'any' | 'leaf' | readonly string[]> = {
  account: 'any',
  contact: ['name', 'email', 'title'],
  owner: ['name', 'email'],
  campaign: 'any',
  unsubscribeUrl: 'leaf',
  event: ['name', 'startsAt', 'venue', 'registrationUrl'],
};

/** The variables a text uses, in order of first use, as written (trimmed). */
export function placeholdersOf(source: string): string[] {
  return [...new Set([...source.matchAll(placeholder)].map((match) => match[1].trim()))];
}

/** Why a placeholder cannot be rendered, or undefined when it can. */
export function variableProblem(name: string): string | undefined {
  if (!variablePath.test(name)) return `"{{${name}}}" is not a variable: write {{ account.name }}, {{ contact.email }}…`;
  const [root, ...rest] = name.split('.');
  const offer = catalogue[root];
  const known = `known variables start with ${Object.keys(catalogue).join(', ')}`;
  if (!offer) return `unknown variable "${name}": ${known}`;
  if (offer === 'leaf') return rest.length ? `unknown variable "${name}": ${root} has no fields` : undefined;
  if (!rest.length) return `"${name}" is not a value: name one of its fields, e.g. ${root}.name`;
  if (offer !== 'any' && (rest.length > 1 || !offer.includes(rest[0]))) return `unknown variable "${name}": ${root} has ${offer.join(', ')}`;
  return undefined;
}

/** One message per unknown or malformed variable of a text; empty when it renders. */
export function templateProblems(source: string): string[] {
  return placeholdersOf(source).flatMap((name) => variableProblem(name) ?? []);
}

/** The value at a path; own properties only, so `account.constructor` is not Object's. */
function lookup(variables: TemplateVariables, name: string): string {
  let value: unknown = variables;
  for (const key of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return '';
    value = (value as Record<string, unknown>)[key];
  }
  // A missing value renders empty; an object has no sensible text form in a message.
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => htmlEntities[char]);

// A line break in a header would start a new header (header injection): the subject is one line.
const oneLine = (value: string) => value.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');

function fill(source: string, variables: TemplateVariables, encode: (value: string) => string): string {
  return source.replace(placeholder, (_match, name: string) => encode(lookup(variables, name.trim())));
}

/** Renders a template for one recipient. Never throws: unknown variables render empty. */
export function renderTemplate(template: TemplateSource, variables: TemplateVariables): RenderedTemplate {
  const rendered: RenderedTemplate = {
    subject: oneLine(fill(template.subject, variables, (value) => value)).trim(),
    text: fill(template.text, variables, (value) => value),
  };
  if (template.html) rendered.html = fill(template.html, variables, escapeHtml);
  return rendered;
}
