/** The unsubscribe pages. */
import { plainPage } from '../html/plain-page';

const page = (title: string, body: string) => plainPage(title, body, { accent: '#b3261e' });

/** GET: asks, and changes nothing (mail scanners follow links). The token matched its pattern. */
export const confirmPage = (token: string) =>
  page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1>
<p>Do you want to stop receiving our campaign e-mails at this address?</p>
<form method="post" action="/unsubscribe/${token}">
<button type="submit">Unsubscribe</button>
</form>`,
  );

export const donePage = () =>
  page('Unsubscribed', `<h1>You are unsubscribed</h1>
<p>You will receive no more campaign e-mails from us at this address. A mailing already under way may still deliver a message sent before you clicked.</p>`);

export const badLinkPage = () =>
  page('Invalid link', `<h1>This unsubscribe link is not valid</h1>
<p>It may have been cut or changed on its way. Please use the link exactly as it appears in the e-mail, or reply to the e-mail and ask us to remove your address. Nothing was changed.</p>`);

export const unavailablePage = () =>
  page('Try again shortly', `<h1>We could not do this right now</h1>
<p>Please try again in a few minutes. Nothing was changed.</p>`);
