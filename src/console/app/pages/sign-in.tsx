import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorNotice } from '../components/notices';
import { Field } from '../components/field';
import { session, type Me } from '../session';

export function SignIn() {
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
      setError(caught instanceof ApiError && caught.status === 401 ? new ApiError(401, caught.code, 'This API key is not valid. Check it and try again.') : (caught as ApiError));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="sign-in" id="main">
      <form onSubmit={signIn} class="card">
        <h1>CRM console</h1>
        <p>Sign in with your API key. An admin gives it to you when they create your user (POST /api/v1/users).</p>
        <ErrorNotice error={error} />
        <Field label="API key">
          {(props) => <input {...props} type="password" name="apiKey" autoComplete="current-password" required value={key} onInput={(event) => setKey(event.currentTarget.value)} placeholder="crm_…" />}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.currentTarget.checked)} /> Keep me signed in on this device
        </label>
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
