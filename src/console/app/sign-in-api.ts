import { ApiError, type ErrorDetail } from './api';
import { t } from './i18n/i18n';

/** What the server offers besides API keys (GET /auth/sign-in-options). */
export interface SignInOptions {
  emailLink: true;
  oidc: { label: string; url: string } | null;
}

/** The public sign-in routes (outside /api/v1, no key): their errors come back as the ApiError the notices show. */
async function publicCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('The server could not be reached. Check your connection and try again.'));
  }
  const answer = (await response.json().catch(() => undefined)) as (T & { error?: { code?: string; message?: string; details?: ErrorDetail[] } }) | undefined;
  if (!response.ok) {
    const error = answer?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? t('The server answered {status}', { status: response.status }), error?.details ?? []);
  }
  return answer as T;
}

export const signInOptions = () => publicCall<SignInOptions>('GET', '/auth/sign-in-options');

/** Answers the same whether or not the address has a user: the message says to check the inbox. */
export const requestEmailLink = (email: string) => publicCall<{ message: string }>('POST', '/auth/email-link', { email });
