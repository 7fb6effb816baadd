/** The public event pages: registration form, outcome, cancellation. Every value is escaped; nothing runs script. */
import { escapeHtml, plainPage } from '../html/plain-page';
import type { PublicEvent } from './public-event';
import { eventLocalTime } from './public-event-time';
import type { PublicFormField, PublicFormProblem, PublicFormValues } from './public-form';

const page = (title: string, body: string) => plainPage(title, body, { accent: '#1a56a6' });
const extraStyle = `<style>
label { display: block; margin-top: 0.9rem; font-weight: 600; }
input[type=text], input[type=email], input[type=tel] { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 1px solid #888; border-radius: 0.3rem; }
input[aria-invalid=true] { border-color: #b3261e; }
.error { color: #b3261e; margin: 0.2rem 0 0; }
.facts { padding-left: 1.2rem; }
form button { margin-top: 1.2rem; }
</style>`;

/** The event's public facts: when, where, price, seats. `showOnlineUrl`: only to people registered (it is the way in). */
function eventFacts(event: PublicEvent, { showOnlineUrl }: { showOnlineUrl: boolean }): string {
  const facts: string[] = [];
  const when = eventLocalTime(event);
  if (when) facts.push(`<li><strong>When:</strong> ${escapeHtml(when)}</li>`);
  if (event.venue) facts.push(`<li><strong>Where:</strong> ${escapeHtml(event.venue)}</li>`);
  if (event.onlineUrl) {
    facts.push(
      showOnlineUrl
        ? `<li><strong>Online:</strong> <a href="${escapeHtml(event.onlineUrl)}" rel="noopener noreferrer">${escapeHtml(event.onlineUrl)}</a></li>`
        : '<li><strong>Online:</strong> the link comes with your confirmation</li>',
    );
  }
  facts.push(`<li><strong>Price:</strong> ${event.price ? `${escapeHtml(event.price)} ${escapeHtml(event.currency ?? '')}`.trim() : 'free'}</li>`);
  return `<ul class="facts">${facts.join('\n')}</ul>`;
}

function seats(event: PublicEvent): string {
  if (event.capacity === null) return '';
  const left = event.capacity - event.registered;
  if (left <= 0) return '<p><strong>The event is fully booked:</strong> you can join the waiting list, and you get a seat as soon as one is free.</p>';
  return `<p><strong>${left} ${left === 1 ? 'seat' : 'seats'} left.</strong></p>`;
}

const heading = (event: PublicEvent) => `<h1>${escapeHtml(event.name)}</h1>`;
const description = (event: PublicEvent) => (event.description ? `<p>${escapeHtml(event.description)}</p>` : '');

const fieldInput = (field: PublicFormField, label: string, type: string, values: PublicFormValues, problems: readonly PublicFormProblem[], extra: string) => {
  const problem = problems.find((candidate) => candidate.field === field);
  const error = problem ? `\n<p class="error" id="${field}-error">${escapeHtml(problem.message)}</p>` : '';
  const invalid = problem ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  return `<label for="${field}">${label}</label>
<input type="${type}" id="${field}" name="${field}" value="${escapeHtml(values[field])}"${extra}${invalid}>${error}`;
};

/** The form, empty or again with the values and the problems of a refused post. */
export function registrationFormPage(event: PublicEvent, values: PublicFormValues, problems: readonly PublicFormProblem[] = []): string {
  const summary = problems.length
    ? `<div role="alert"><p class="error"><strong>Please check the form:</strong></p><ul class="error">${problems.map((problem) => `<li><a href="#${problem.field}">${escapeHtml(problem.message)}</a></li>`).join('')}</ul></div>`
    : '';
  const invitation = values.invite ? '<p>You were personally invited to this event.</p>' : '';
  return page(
    `Register: ${event.name}`,
    `${extraStyle}
${heading(event)}
${description(event)}
${eventFacts(event, { showOnlineUrl: false })}
${seats(event)}
${invitation}
${summary}
<form method="post" action="/events/${escapeHtml(event.id)}/register">
<input type="hidden" name="source" value="${escapeHtml(values.source)}">
<input type="hidden" name="invite" value="${escapeHtml(values.invite)}">
${fieldInput('name', 'Name', 'text', values, problems, ' required maxlength="200" autocomplete="name"')}
${fieldInput('email', 'E-mail', 'email', values, problems, ' required maxlength="254" autocomplete="email"')}
${fieldInput('company', 'Company (optional)', 'text', values, problems, ' maxlength="200" autocomplete="organization"')}
${fieldInput('phone', 'Phone (optional)', 'tel', values, problems, ' maxlength="50" autocomplete="tel"')}
<button type="submit">Register</button>
</form>`,
  );
}

/** After a registration: a seat, or the waiting list and its position; with the cancellation link. */
export function registeredPage(event: PublicEvent, outcome: { status: string; waitingPosition: number | null; existing: boolean }, cancelUrl: string): string {
  const title =
    outcome.status === 'WAITING'
      ? `You are on the waiting list, position ${outcome.waitingPosition ?? '?'}`
      : 'You are registered';
  const again = outcome.existing ? '<p>You had already registered with this e-mail address: nothing was changed.</p>' : '';
  const next =
    outcome.status === 'WAITING'
      ? '<p>We will e-mail you as soon as a seat is free for you.</p>'
      : '<p>A confirmation is on its way to your e-mail address.</p>';
  return page(
    title,
    `${heading(event)}
<h2>${escapeHtml(title)}</h2>
${again}
${next}
${eventFacts(event, { showOnlineUrl: outcome.status === 'REGISTERED' })}
<p>If you cannot come, please <a href="${escapeHtml(cancelUrl)}">cancel your registration</a>, so that someone else can have your seat. The link is in the e-mail too.</p>`,
  );
}

/** Registration is not possible (closed, not open yet, over, cancelled): the event and why. */
export function closedPage(event: PublicEvent, refusal: { title: string; message: string }): string {
  return page(refusal.title, `${heading(event)}\n<h2>${escapeHtml(refusal.title)}</h2>\n<p>${escapeHtml(refusal.message)} Nothing was recorded.</p>\n${eventFacts(event, { showOnlineUrl: false })}`);
}

/** An invitation-only event opened without a valid invitation: the event, and that it is by invitation. */
export function invitationOnlyPage(event: PublicEvent, { badToken }: { badToken: boolean }): string {
  const why = badToken
    ? '<p>The invitation link you used is not valid: it may have been cut or changed on its way. Please open the link exactly as it appears in your invitation e-mail.</p>'
    : '<p>Registration for this event is by invitation: please use the personal link in your invitation e-mail.</p>';
  return page('By invitation', `${heading(event)}\n<h2>This event is by invitation</h2>\n${why}\n<p>Nothing was recorded.</p>\n${eventFacts(event, { showOnlineUrl: false })}`);
}

/** Registration refused for a reason the registration itself gave (AppError). */
export function refusedPage(event: PublicEvent, message: string): string {
  return page('Registration not possible', `${heading(event)}\n<h2>We could not register you</h2>\n<p>${escapeHtml(message)}</p>\n<p>Nothing was recorded.</p>`);
}

/** No such event, or not published yet (a draft): the same page, so nobody learns which. */
export const eventNotFoundPage = () =>
  page('Event not found', `<h1>Event not found</h1>
<p>There is no event at this address. Please check the link, or ask the person who sent it to you.</p>`);

export const badCancelLinkPage = () =>
  page('Invalid link', `<h1>This cancellation link is not valid</h1>
<p>It may have been cut or changed on its way. Please use the link exactly as it appears in the e-mail, or reply to the e-mail and ask us to cancel. Nothing was changed.</p>`);

/** GET of a cancellation link: asks, and changes nothing (mail scanners follow links). The token matched its pattern. */
export function cancelConfirmPage(event: PublicEvent, token: string): string {
  return page(
    `Cancel: ${event.name}`,
    `${heading(event)}
${eventFacts(event, { showOnlineUrl: false })}
<h2>Cancel your registration?</h2>
<p>Your seat goes to the next person on the waiting list.</p>
<form method="post" action="/event-registrations/${escapeHtml(token)}/cancel">
<button type="submit">Cancel my registration</button>
</form>`,
  );
}

export function cancelledPage(event: PublicEvent, { already }: { already: boolean }): string {
  return page(
    'Registration cancelled',
    `${heading(event)}
<h2>Your registration is cancelled</h2>
<p>${already ? 'It had already been cancelled: nothing was changed.' : 'Thank you for letting us know.'}</p>
<p>You can register again on the event's page while registration is open.</p>`,
  );
}

/** Cancelling is no longer possible: the event is over or was cancelled. */
export function cannotCancelPage(event: PublicEvent, message: string): string {
  return page('Cancellation not possible', `${heading(event)}\n<h2>Your registration cannot be cancelled</h2>\n<p>${escapeHtml(message)} Nothing was changed.</p>`);
}

export const formRefusedPage = () =>
  page('Form not accepted', `<h1>The form could not be read</h1>
<p>It was too long or not sent as a web form. Please go back, shorten what you typed and try again. Nothing was recorded.</p>`);

export const tooManyRequestsPage = () =>
  page('Try again shortly', `<h1>Too many requests</h1>
<p>Please wait a minute and try again. Nothing was changed.</p>`);

export const unavailablePage = () =>
  page('Try again shortly', `<h1>We could not do this right now</h1>
<p>Please try again in a few minutes. Nothing was changed.</p>`);
