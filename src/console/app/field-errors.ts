import { formatDuration } from './duration';
import { formatDateTime } from './format';
import { t } from './i18n/i18n';
import { signal } from './signal';

// The API names a bad field by its path ("body.stages.0.startAt") and says what is wrong in its own
// words, which may hold ISO instants, ISO durations and ids. People read the field's label and
// what to do. The labels come from the fields themselves: each Field on screen registers its label
// with the error it shows (and its API path when it knows it), so every form gets this for free.

export interface RegisteredField {
  label: string;
  /** The API path the field edits (`body.name`), when the form gives it. */
  path?: string;
  /** The error the field shows now, as the API worded it. */
  error?: string;
}

const fields = new Set<RegisteredField>();

/** Bumped when a field comes, goes or changes its error: error notices read the labels again. */
export const fieldsVersion = signal(0);

/** Adds a field on screen; the answer takes it away again. */
export function registerField(field: RegisteredField): () => void {
  fields.add(field);
  fieldsVersion.set(fieldsVersion.get() + 1);
  return () => {
    fields.delete(field);
    fieldsVersion.set(fieldsVersion.get() + 1);
  };
}

export const registeredFields = (): RegisteredField[] => [...fields];

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/g;
const ISO_DURATION = /"?\bP(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?\b"?/g;
const UUID = /\s*\(?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b\)?/gi;
const PATH = /\b(?:body|query|path)\.[\w.]+/g;

/** What a validator says, in the words a form shows, saying what to do where it can. */
const phrasings: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, () => t('is required — fill it in')],
  [/^Too small: expected string to have >=1 characters?$/, () => t('is required — fill it in')],
  [/^Too small: expected string to have >=(\d+) characters$/, (match) => t('is too short — write at least {count} characters', { count: match[1]! })],
  [/^Too big: expected string to have <=(\d+) characters$/, (match) => t('is too long — shorten it to {count} characters', { count: match[1]! })],
  [/^Too small: expected number to be >(=?)(-?[\d.]+)$/, (match) => (match[1] ? t('must be {count} or more', { count: match[2]! }) : t('must be more than {count}', { count: match[2]! }))],
  [/^Too big: expected number to be <(=?)(-?[\d.]+)$/, (match) => (match[1] ? t('must be {count} or less', { count: match[2]! }) : t('must be less than {count}', { count: match[2]! }))],
  [/^Too small: expected array to have >=(\d+) items?$/, (match) => t('needs at least {count} — add one', { count: match[1]! })],
  [/^Too big: expected array to have <=(\d+) items?$/, (match) => t('has too many — keep at most {count}', { count: match[1]! })],
  [/^Invalid input: expected (?:number|int), received \w+$/, () => t('must be a number')],
  [/^Invalid option: expected one of /, () => t('is not one of the choices — pick one from the list')],
  [/^Invalid ISO datetime$/, () => t('is not a date and time — pick one')],
  [/^Invalid ISO date$/, () => t('is not a date — pick one')],
  [/^Invalid email address$/, () => t('is not an e-mail address — check it')],
  [/^Invalid UUID$/, () => t('is not one of the choices — pick one from the list')],
  [/^Unknown field$/, () => t('is not expected here')],
  [/is in the past\b/, () => t('this date is in the past — pick a later one')],
  [/^must be in the future\b/, () => t('must be in the future — pick a later date')],
  [/is not an ISO 8601 duration/, () => t('is not a duration — choose a number and a unit')],
  [/must be longer than zero$/, () => t('must be longer than zero — choose a number of 1 or more')],
  [/must use whole numbers/, () => t('must be a whole number of its unit')],
  [/counts business days, so it must be whole days or weeks/, () => t('counts business days — choose days or weeks')],
];

/** A field's label guessed from its path when no field on screen claims it: `body.stages.0.startAt` → "Start at". */
export function labelFromPath(path: string): string {
  const name = path.split('.').reverse().find((segment) => !/^\d+$/.test(segment) && !['body', 'query', 'path'].includes(segment)) ?? '';
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase().trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : t('A value');
}

/**
 * A message from the API as the console shows it: a known validator message in the console's words
 * (and language), otherwise the server's text with its ISO instants in the reader's format and zone,
 * its ISO durations in words, its ids left out and any field path named by its label.
 */
export function readableMessage(message: string | undefined): string {
  const text = (message ?? '').trim();
  for (const [pattern, say] of phrasings) {
    const match = pattern.exec(text);
    if (match) return say(match);
  }
  return readableText(text);
}

/**
 * Words from the server (an error, why a task exists) with its ISO instants in the reader's format
 * and zone, its ISO durations in words, its ids left out and any field path named by its label.
 */
export function readableText(text: string): string {
  return text
    .replace(ISO_INSTANT, (instant) => formatDateTime(instant))
    .replace(ISO_DURATION, (duration) => formatDuration(duration.replace(/"/g, '')))
    .replace(UUID, '')
    .replace(PATH, (path) => `“${labelFor(path)}”`)
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The label of the field on screen that edits `path`, else one made from the path. */
function labelFor(path: string): string {
  const claimed = [...fields].filter((field) => field.path && (path === field.path || path.startsWith(`${field.path}.`)));
  claimed.sort((a, b) => b.path!.length - a.path!.length);
  return claimed[0]?.label ?? labelFromPath(path);
}

export interface DetailInWords {
  /** The field's label, as the form shows it. */
  label: string;
  message: string;
}

/**
 * The details of an error, each named by the field that shows it: first the field whose error is
 * this very detail (each field used once, in order), then the field registered at its path, then a
 * label made from the path. The raw path is never shown.
 */
export function detailsInWords(details: readonly { path?: string; message: string }[], onScreen: readonly RegisteredField[] = registeredFields()): DetailInWords[] {
  const unused = [...onScreen];
  return details.map((detail) => {
    const byPath = detail.path ? unused.filter((field) => field.path && (detail.path === field.path || detail.path!.startsWith(`${field.path}.`))) : [];
    byPath.sort((a, b) => b.path!.length - a.path!.length);
    const showing = unused.filter((field) => field.error === detail.message);
    const field = showing.find((candidate) => byPath.includes(candidate)) ?? showing[0] ?? byPath[0];
    if (field && field.error === detail.message) unused.splice(unused.indexOf(field), 1);
    const label = field?.label ?? (detail.path ? labelFromPath(detail.path) : '');
    return { label, message: readableMessage(detail.message) };
  });
}

/**
 * An error's headline. A refused input's message ("Invalid request body: body.a, body.b", "Invalid
 * campaign stages: …") only says again, by path, what its details say: it becomes an instruction,
 * and the details follow by label. Any other message (a conflict naming the other event) is kept,
 * made readable.
 */
export function headlineInWords(message: string, details: readonly { path?: string; message?: string }[], code = 'VALIDATION_FAILED'): string {
  const named = details.filter((detail) => detail.path).length;
  if (code === 'VALIDATION_FAILED' && named > 0) return named === 1 ? t('One value needs a change:') : t('Some values need a change:');
  return readableMessage(message);
}
