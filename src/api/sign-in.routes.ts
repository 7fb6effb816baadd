import { Router, type Request, type RequestHandler, type Response } from 'express';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { findLiveSession, requireCsrfToken, sessionCookieHash } from '../sessions/session-auth';
import { clearSessionCookie, readCookie, secureCookies, setSessionCookie } from '../sessions/session-cookie';
import type { NewSession } from '../sessions/create-session';
import { createOidcSignIn, oidcCallbackPath, type PendingOidcSignIn } from '../sign-in/oidc-sign-in';
import { emailLinkRateLimit } from '../sign-in/email-link-rate-limit';
import { requestEmailLink } from '../sign-in/request-email-link';
import { crossSitePage, emailLinkPage, emailLinkRefusedPage, oidcFailedPage, oidcRefusedPage, unavailablePage } from '../sign-in/sign-in-pages';
import { EmailLinkRequest, type CurrentSession, type SignInOptions } from '../sign-in/sign-in.schemas';
import type { SignInSettings } from '../sign-in/sign-in-settings';
import { checkEmailLink, signInWithEmailLink, type SignInRequestMeta } from '../sign-in/sign-in-with-link';
import { signInWithOidc } from '../sign-in/sign-in-with-oidc';
import type { ApiDependencies } from './route';
import { parseRequestPart } from './validate';

const OIDC_COOKIE = 'crm_oidc';
const OIDC_COOKIE_MAX_AGE_MS = 10 * 60_000;
const CONSOLE = '/console/';

/**
 * The sign-in routes, outside /api/v1 and its API key: the e-mailed link (request it, open it, use
 * it), OpenID Connect (start, callback), the current session with its CSRF token, and sign-out.
 * JSON routes answer the API's error format; the pages a browser opens answer HTML.
 */
export function signInRoutes(deps: Pick<ApiDependencies, 'db' | 'temporal' | 'logger'>, options: { publicUrl: string; settings: SignInSettings }): Router {
  const { db, logger } = deps;
  const { publicUrl, settings } = options;
  const oidc = settings.oidc && createOidcSignIn(settings.oidc, publicUrl);
  const router = Router();
  const linkMinutes = Math.max(1, Math.round(settings.linkTtlMs / 60_000));
  const linkRequestedMessage = `If this address belongs to an active user, a sign-in link is on its way. It works once, for ${linkMinutes} minute${linkMinutes === 1 ? '' : 's'}.`;

  const html = (res: Response, status: number, body: string) => res.status(status).set('Cache-Control', 'no-store').type('html').send(body);
  const signedIn = (res: Response, session: NewSession) => {
    setSessionCookie(res, session.token, settings.sessions, publicUrl);
    res.set('Cache-Control', 'no-store').redirect(303, CONSOLE);
  };
  const meta = (req: Request): SignInRequestMeta => ({ userAgent: req.get('user-agent'), ipAddress: req.ip, replacedSessionHash: sessionCookieHash(req) });
  const pageFailed = (res: Response, error: unknown, what: string) => {
    logger.error({ err: error }, `${what} failed`);
    if (isDatabaseUnavailable(error)) res.set('Retry-After', '60');
    html(res, 503, unavailablePage());
  };

  router.get('/auth/sign-in-options', (_req, res) => {
    const answer: SignInOptions = { emailLink: true, oidc: oidc ? { label: oidc.label, url: '/auth/oidc' } : null };
    res.json(answer);
  });

  // Validated before it is counted: the limit is on link requests, and a malformed one costs nothing.
  const emailLinkBody: RequestHandler = (req, res, next) => {
    if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON, sent with "Content-Type: application/json"');
    res.locals.emailLinkRequest = parseRequestPart(EmailLinkRequest, req.body, 'body');
    next();
  };
  router.post('/auth/email-link', emailLinkBody, emailLinkRateLimit(db, logger, settings.linkRequests), (req, res) => {
    const { email } = res.locals.emailLinkRequest as EmailLinkRequest;
    // The same answer whoever asks, given before any work: neither its content, nor its timing, nor an
    // outage (logged here for the operator) tells whether the address has a user.
    res.status(202).json({ message: linkRequestedMessage });
    requestEmailLink(deps, { email, ipAddress: req.ip, linkTtlMs: settings.linkTtlMs }).then(
      (outcome) => logger.info({ outcome }, outcome === 'sent' ? 'sign-in link sent' : 'sign-in link not sent'),
      (error: unknown) => logger.error({ err: error }, 'a sign-in link could not be sent'),
    );
  });

  router.get('/auth/email-link/:token', async (req, res) => {
    try {
      const state = await checkEmailLink(db, req.params.token);
      if (state !== 'valid') {
        const refused = emailLinkRefusedPage(state);
        return html(res, refused.status, refused.html);
      }
      html(res, 200, emailLinkPage(req.params.token));
    } catch (error) {
      pageFailed(res, error, 'opening a sign-in link');
    }
  });

  router.post('/auth/email-link/:token', async (req, res) => {
    if (!fromThisSite(req, publicUrl)) return html(res, 403, crossSitePage());
    try {
      const outcome = await signInWithEmailLink(db, settings.sessions, req.params.token, meta(req));
      if ('refused' in outcome) {
        const refused = emailLinkRefusedPage(outcome.refused);
        return html(res, refused.status, refused.html);
      }
      signedIn(res, outcome.session);
    } catch (error) {
      pageFailed(res, error, 'signing in with a link');
    }
  });

  router.get('/auth/oidc', async (_req, res) => {
    if (!oidc) throw new AppError('NOT_FOUND', 'OpenID Connect sign-in is not configured (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)');
    try {
      const { url, pending } = await oidc.authorizationRequest();
      res.cookie(OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        httpOnly: true,
        // Lax: the provider sends the browser back with a top-level GET, which carries it.
        sameSite: 'lax',
        secure: secureCookies(publicUrl),
        path: '/auth/oidc',
        maxAge: OIDC_COOKIE_MAX_AGE_MS,
      });
      res.set('Cache-Control', 'no-store').redirect(303, url);
    } catch (error) {
      logger.error({ err: error }, 'the OpenID Connect provider could not be reached');
      html(res, 503, oidcFailedPage(oidc.label, 'Your identity provider could not be reached.'));
    }
  });

  router.get(oidcCallbackPath, async (req, res) => {
    if (!oidc) throw new AppError('NOT_FOUND', 'OpenID Connect sign-in is not configured');
    const pending = readPendingOidc(req);
    res.clearCookie(OIDC_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureCookies(publicUrl), path: '/auth/oidc' });
    if (!pending) return html(res, 400, oidcFailedPage(oidc.label, 'This browser did not start this sign-in, or it took longer than 10 minutes.'));
    let identity;
    try {
      identity = await oidc.identify(new URL(req.originalUrl, publicUrl), pending);
    } catch (error) {
      logger.warn({ err: error }, 'OpenID Connect sign-in refused by its checks');
      return html(res, 400, oidcFailedPage(oidc.label, providerMessage(error)));
    }
    try {
      const outcome = await signInWithOidc(db, settings.sessions, identity, meta(req));
      if ('refused' in outcome) {
        logger.info({ refused: outcome.refused }, 'OpenID Connect sign-in refused');
        const refused = oidcRefusedPage(outcome.refused, oidc.label, identity.email);
        return html(res, refused.status, refused.html);
      }
      signedIn(res, outcome.session);
    } catch (error) {
      pageFailed(res, error, 'OpenID Connect sign-in');
    }
  });

  router.get('/auth/session', async (req, res) => {
    const session = await withStaleCookieCleared(res, () => findLiveSession(db, req, { checkCsrf: false }));
    if (!session) throw new AppError('UNAUTHENTICATED', 'Not signed in: no session cookie');
    const answer: CurrentSession = { user: session.user, csrfToken: session.csrfToken, expiresAt: session.endsAt.toISOString() };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.post('/auth/sign-out', async (req, res) => {
    // An ended session signs out all the same; a live one only with its CSRF token (no other site signs people out).
    const session = await findLiveSession(db, req, { checkCsrf: false }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    });
    if (session) {
      requireCsrfToken(req, session);
      await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date(), revokedById: session.user.id } });
    }
    clearSessionCookie(res, publicUrl);
    res.status(204).end();
  });

  async function withStaleCookieCleared<T>(res: Response, find: () => Promise<T>): Promise<T> {
    try {
      return await find();
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') clearSessionCookie(res, publicUrl);
      throw error;
    }
  }

  return router;
}

/**
 * A form posted from another site's page must not sign anyone in (login CSRF: into the attacker's
 * account). Browsers say where a request comes from in Sec-Fetch-Site; Origin is the fallback, and
 * is "null" under this app's no-referrer policy, so only a foreign origin it names counts.
 */
function fromThisSite(req: Request, publicUrl: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (!origin || origin === 'null') return true;
  return origin === new URL(publicUrl).origin || origin === `${req.protocol}://${req.get('host')}`;
}

function readPendingOidc(req: Request): PendingOidcSignIn | undefined {
  const raw = readCookie(req, OIDC_COOKIE);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingOidcSignIn>;
    const fields = [value.codeVerifier, value.state, value.nonce];
    return fields.every((field) => typeof field === 'string' && field.length > 0 && field.length < 200) ? (value as PendingOidcSignIn) : undefined;
  } catch {
    return undefined;
  }
}

/** What the provider or the library said, for the person: an error the provider answered (access_denied...) or a failed check. */
function providerMessage(error: unknown): string {
  const answered = error as { error?: unknown; error_description?: unknown };
  if (typeof answered.error === 'string') {
    return `Your identity provider answered "${answered.error}"${typeof answered.error_description === 'string' ? `: ${answered.error_description}` : ''}.`;
  }
  return 'Its answer could not be verified.';
}
