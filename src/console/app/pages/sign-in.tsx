import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, asApiError } from '../api';
import { ErrorNotice, Notice } from '../components/notices';
import { Field } from '../components/field';
import { requestEmailLink, signInOptions, type SignInOptions } from '../sign-in-api';
import { session, signedOutNotice, type Me } from '../session';
import { useSignal } from '../signal';
import { t } from '../i18n/i18n';

/**
 * People sign in with a link e-mailed to them, or with their organization's OpenID Connect provider
 * when the server has one; an API key still works (scripts, and the first admin before any e-mail).
 */
export function SignIn() {
  const ended = useSignal(signedOutNotice);
  const [options, setOptions] = useState<SignInOptions>();
  useEffect(() => {
    // Without the answer the page still offers the e-mail link and the key.
    signInOptions().then(setOptions, () => undefined);
  }, []);

  return (
    <main class="sign-in" id="main">
      <div class="sign-in-methods">
        <h1>{t('CRM console')}</h1>
        {ended && <Notice kind="warning">{ended}</Notice>}
        <EmailLinkForm />
        {options?.oidc && (
          // A plain GET form: the server redirects to the provider, which sends the browser back signed in.
          <form method="get" action={options.oidc.url} class="card">
            <p>{t('Your organization\'s single sign-on:')}</p>
            <button type="submit" class="primary">
              {t('Continue with {label}', { label: options.oidc.label })}
            </button>
          </form>
        )}
        <ApiKeyForm />
      </div>
    </main>
  );
}

function EmailLinkForm() {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<ApiError>();

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent(undefined);
    try {
      setSent((await requestEmailLink(email.trim())).message);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} class="card">
      <h2>{t('Sign in with your e-mail')}</h2>
      <p>{t('We e-mail you a link that signs you in on this device. It works once, for a few minutes.')}</p>
      <ErrorNotice error={error?.details.length ? undefined : error} />
      <Field label={t('E-mail address')} error={error?.detailFor('body.email')}>
        {(props) => <input {...props} type="email" name="email" autoComplete="email" required value={email} onInput={(event) => setEmail(event.currentTarget.value)} />}
      </Field>
      {sent && (
        <Notice kind="success">
          <strong>{t('Check your inbox.')}</strong> {sent}
        </Notice>
      )}
      <button type="submit" class="primary" disabled={busy || email.trim() === ''}>
        {busy ? t('Sending…') : t('E-mail me a sign-in link')}
      </button>
    </form>
  );
}

function ApiKeyForm() {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function signIn(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const me = await api<Me>('GET', '/me', undefined, { key: key.trim() });
      session.signIn(key.trim(), me, remember);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 401 ? new ApiError(401, caught.code, t('This API key is not valid. Check it and try again.')) : asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={signIn} class="card">
      <h2>{t('Or with an API key')}</h2>
      <p>{t('For scripts, and for the first admin: the key printed at the first start, or one an admin issued.')}</p>
      <ErrorNotice error={error} />
      <Field label={t('API key')}>
        {(props) => <input {...props} type="password" name="apiKey" autoComplete="current-password" required value={key} onInput={(event) => setKey(event.currentTarget.value)} placeholder={t('crm_…')} />}
      </Field>
      <label class="checkbox">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} />{' '}{t('Keep me signed in on this device')}</label>
      <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
        {busy ? t('Signing in…') : t('Sign in')}
      </button>
    </form>
  );
}
