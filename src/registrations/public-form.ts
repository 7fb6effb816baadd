import { z } from 'zod';

/**
 * The public registration form as posted (application/x-www-form-urlencoded): what the person typed,
 * kept as typed to show the form again, and the problems named per field.
 */

export interface PublicFormValues {
  name: string;
  email: string;
  company: string;
  phone: string;
  /** Hidden: the sub-source code of the link the page was opened with (?source=). */
  source: string;
  /** Hidden: the invitation token of the link (?invite=). */
  invite: string;
}

export type PublicFormField = 'name' | 'email' | 'company' | 'phone';

export interface PublicFormProblem {
  field: PublicFormField;
  message: string;
}

export const EMPTY_FORM: PublicFormValues = { name: '', email: '', company: '', phone: '', source: '', invite: '' };

// The same check as the registrations API's (registrations.schemas.ts): what passes here passes there.
const Email = z.email().max(254);
// Control characters (NUL included) have no place in a name or a phone number.
const controlCharacters = /[\u0000-\u001f\u007f]/;

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');

/** The posted fields as strings (a repeated or missing field reads as empty), cut to sane lengths. */
export function readPublicForm(body: unknown): PublicFormValues {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  return {
    name: text(fields.name, 1000),
    email: text(fields.email, 1000),
    company: text(fields.company, 1000),
    phone: text(fields.phone, 1000),
    source: text(fields.source, 100),
    invite: text(fields.invite, 200),
  };
}

/** What is wrong with the form, field by field; empty when it can be registered. */
export function publicFormProblems(values: PublicFormValues): PublicFormProblem[] {
  const problems: PublicFormProblem[] = [];
  const name = values.name.trim();
  const email = values.email.trim();
  if (!name) problems.push({ field: 'name', message: 'Please enter your name.' });
  else if (name.length > 200) problems.push({ field: 'name', message: 'The name is too long (200 characters at most).' });
  else if (controlCharacters.test(name)) problems.push({ field: 'name', message: 'The name contains characters that are not allowed.' });
  if (!email) problems.push({ field: 'email', message: 'Please enter your e-mail address.' });
  else if (!Email.safeParse(email).success) problems.push({ field: 'email', message: 'Please enter a valid e-mail address, such as name@example.com.' });
  const company = values.company.trim();
  if (company.length > 200) problems.push({ field: 'company', message: 'The company name is too long (200 characters at most).' });
  else if (controlCharacters.test(company)) problems.push({ field: 'company', message: 'The company name contains characters that are not allowed.' });
  const phone = values.phone.trim();
  if (phone.length > 50) problems.push({ field: 'phone', message: 'The phone number is too long (50 characters at most).' });
  else if (phone && !/^[0-9+()./\s-]+$/.test(phone)) problems.push({ field: 'phone', message: 'The phone number may contain only digits, spaces and + ( ) - . /' });
  return problems;
}

/** The contact registerForEvent takes, from a form without problems. */
export function formContact(values: PublicFormValues): { name: string; email: string; phone?: string; accountName?: string } {
  const company = values.company.trim();
  const phone = values.phone.trim();
  return { name: values.name.trim(), email: values.email.trim(), ...(phone ? { phone } : {}), ...(company ? { accountName: company } : {}) };
}
