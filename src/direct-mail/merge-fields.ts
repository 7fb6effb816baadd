// The merge fields a letter template may use, and the template's parsing: `{{contact.name}}` is
// replaced by the contact's name in each letter. A field the contact has no data for skips the
// contact (the reason recorded); `{{contact.title?}}` marks a field as optional: empty when missing.

/** What one letter is made from. */
export interface LetterData {
  contact: { name: string; title: string | null; email: string | null; phone: string | null };
  account: { name: string; fields: Record<string, unknown> };
  sender: { name: string; email: string };
  today: string;
}

/** The fixed fields, each with what it says; `account.fields.<key>` reads an account's custom field. */
export const mergeFields = {
  'contact.name': 'the contact’s name',
  'contact.title': 'the contact’s title',
  'contact.email': 'the contact’s e-mail address',
  'contact.phone': 'the contact’s phone number',
  'account.name': 'the account’s name',
  'sender.name': 'the name of the user who started the run',
  'sender.email': 'the e-mail address of the user who started the run',
  today: 'the day the run started, written in the template’s language',
} as const;

/** A custom field of the account: keep a postal address there (the model has no address columns). */
const CUSTOM_FIELD = /^account\.fields\.([A-Za-z0-9_-]{1,100})$/;

export type TemplatePiece = string | { field: string; optional: boolean };

export interface TemplateError {
  /** 1-based, as an editor shows them. */
  line: number;
  column: number;
  message: string;
}

export type ParsedTemplate = { ok: true; pieces: TemplatePiece[]; fields: string[] } | { ok: false; errors: TemplateError[] };

const isKnownField = (field: string) => field in mergeFields || CUSTOM_FIELD.test(field);

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Splits the template into text and fields; every unknown or unclosed field is an error with its place. */
export function parseTemplate(text: string): ParsedTemplate {
  const pieces: TemplatePiece[] = [];
  const errors: TemplateError[] = [];
  const fields = new Set<string>();
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) {
      pieces.push(text.slice(at));
      break;
    }
    if (open > at) pieces.push(text.slice(at, open));
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      errors.push({ ...positionOf(text, open), message: 'a merge field opened with {{ is not closed with }}' });
      at = open + 2;
      continue;
    }
    const inner = text.slice(open + 2, close).trim();
    const optional = inner.endsWith('?');
    const field = optional ? inner.slice(0, -1).trim() : inner;
    if (isKnownField(field)) {
      pieces.push({ field, optional });
      fields.add(field);
    } else {
      errors.push({ ...positionOf(text, open), message: `unknown merge field {{${inner.slice(0, 60)}}}: known are ${Object.keys(mergeFields).map((name) => `{{${name}}}`).join(', ')} and {{account.fields.<key>}}` });
    }
    at = close + 2;
  }
  return errors.length ? { ok: false, errors } : { ok: true, pieces, fields: [...fields] };
}

/** Control characters other than line breaks are dropped: they have no place on paper. */
const clean = (value: string) => value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim();

export function fieldValue(field: string, data: LetterData): string {
  const custom = CUSTOM_FIELD.exec(field);
  if (custom) {
    const value = data.account.fields[custom[1]];
    return typeof value === 'string' || typeof value === 'number' ? clean(String(value)) : '';
  }
  switch (field as keyof typeof mergeFields) {
    case 'contact.name': return clean(data.contact.name);
    case 'contact.title': return clean(data.contact.title ?? '');
    case 'contact.email': return clean(data.contact.email ?? '');
    case 'contact.phone': return clean(data.contact.phone ?? '');
    case 'account.name': return clean(data.account.name);
    case 'sender.name': return clean(data.sender.name);
    case 'sender.email': return clean(data.sender.email);
    case 'today': return data.today;
  }
  return '';
}

/** The letter's text, or why the contact is skipped: the first required field it has no data for. */
export function fillTemplate(pieces: readonly TemplatePiece[], data: LetterData): { text: string } | { missing: string } {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    const value = fieldValue(piece.field, data);
    if (!value && !piece.optional) return { missing: piece.field };
    text += value;
  }
  return { text };
}

/** Why a contact without the field's data is skipped, in words. */
export function missingReason(field: string): string {
  const custom = CUSTOM_FIELD.exec(field);
  if (custom && /address/i.test(custom[1])) return `no postal address: {{${field}}} is empty`;
  return `no data for {{${field}}}`;
}
