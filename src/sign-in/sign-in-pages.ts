/** The sign-in pages served outside the console. */
import { escapeHtml, plainPage } from '../html/plain-page';
import type { LinkRefusal } from './sign-in-with-link';
import type { OidcRefusal } from './sign-in-with-oidc';

const page = (title: string, body: string) => plainPage(`${title} · CRM`, body, { accent: '#1a56a6' });

const backToSignIn = '<p><a href="/console/">Back to the sign-in page</a></p>';

/** GET of an e-mailed link: asks, and uses nothing (mail scanners and link previews follow links). The token matched its pattern. */
export const emailLinkPage = (token: string) =>
  page(
    'Sign in',
    `<h1>Sign in to the CRM</h1>
<p>Press the button to sign in on this device. The link works once.</p>
<form method="post" action="/auth/email-link/${escapeHtml(token)}">
<button type="submit" autofocus>Sign in</button>
</form>`,
  );

const linkRefusals: Record<LinkRefusal, { status: number; title: string; text: string }> = {
  unknown: { status: 400, title: 'This sign-in link is not valid', text: 'It may have been cut or changed on its way. Use the link exactly as it is in the e-mail, or ask for a new one.' },
  expired: { status: 410, title: 'This sign-in link has expired', text: 'Links work for a few minutes only. Ask for a new one on the sign-in page.' },
  used: { status: 410, title: 'This sign-in link was already used', text: 'Each link signs in once. Ask for a new one on the sign-in page.' },
  deactivated: { status: 403, title: 'Your CRM user is deactivated', text: 'Ask an administrator to reactivate it.' },
};

export function emailLinkRefusedPage(reason: LinkRefusal): { status: number; html: string } {
  const refusal = linkRefusals[reason];
  return { status: refusal.status, html: page(refusal.title, `<h1>${refusal.title}</h1>\n<p>${refusal.text} You are not signed in.</p>\n${backToSignIn}`) };
}

export function oidcRefusedPage(reason: OidcRefusal, label: string, email: string | undefined): { status: number; html: string } {
  const provider = escapeHtml(label);
  const texts: Record<OidcRefusal, string> = {
    unknown: `${provider} signed you in as ${email ? `<strong>${escapeHtml(email)}</strong>` : 'someone'}, but no active CRM user has this e-mail address. Ask an administrator to create your user with it.`,
    'unverified-email': `${provider} did not confirm an e-mail address for you, so your CRM user cannot be found. Ask your identity provider's administrator to verify your e-mail address, or sign in with an e-mail link.`,
    'linked-elsewhere': `The CRM user with your e-mail address is already linked to another account at ${provider}. Ask an administrator.`,
    deactivated: 'Your CRM user is deactivated. Ask an administrator to reactivate it.',
  };
  return { status: 403, html: page('Sign-in refused', `<h1>You could not be signed in</h1>\n<p>${texts[reason]}</p>\n${backToSignIn}`) };
}

/** The provider answered an error, the browser came back without the cookie of its request, or the answer did not check out. */
export const oidcFailedPage = (label: string, detail: string) =>
  page('Sign-in failed', `<h1>The sign-in with ${escapeHtml(label)} did not complete</h1>\n<p>${escapeHtml(detail)} You are not signed in; try again.</p>\n${backToSignIn}`);

export const crossSitePage = () => page('Sign-in refused', `<h1>Sign-in refused</h1>\n<p>This request came from another site. Open the link from your e-mail directly.</p>\n${backToSignIn}`);

export const unavailablePage = () => page('Try again shortly', `<h1>We could not sign you in right now</h1>\n<p>Please try again in a few minutes.</p>\n${backToSignIn}`);
