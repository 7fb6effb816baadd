import express, { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import type { WindowLimit } from '../rate-limit/rate-limit-settings';
import { unsubscribeRateLimit } from '../rate-limit/unsubscribe-limit';
import { cancelRegistration } from '../registrations/cancel-registration';
import { registerForEvent } from '../registrations/register-for-event';
import { knownSourceCode, loadPublicEvent, publicRegistrationRefusal, type PublicEvent } from '../registrations/public-event';
import { EMPTY_FORM, formContact, publicFormProblems, readPublicForm } from '../registrations/public-form';
import {
  badCancelLinkPage,
  cancelConfirmPage,
  cancelledPage,
  cannotCancelPage,
  closedPage,
  eventNotFoundPage,
  formRefusedPage,
  invitationOnlyPage,
  refusedPage,
  registeredPage,
  registrationFormPage,
  tooManyRequestsPage,
  unavailablePage,
} from '../registrations/public-pages';
import { cancellationUrl, readCancellationToken, readInvitationToken, signCancellationToken } from '../registrations/registration-token';
import { unsubscribeSecret } from '../unsubscribe/unsubscribe-token';
import type { ApiDependencies } from './route';

/** The form has four short fields and two hidden ones: anything bigger is not ours. */
const FORM_LIMIT = '8kb';

const queryText = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : '');

/**
 * The public event pages, outside /api/v1 and without an API key (contract: "Public"):
 * - `/events/:id/register`: GET shows the event and the form (`?source=` and `?invite=` go into hidden
 *   fields), POST registers through registerForEvent (channel PUBLIC) and shows the outcome with the
 *   cancellation link; a refused post writes nothing and names what is wrong.
 * - `/event-registrations/:token/cancel`: GET asks (mail scanners follow links), POST cancels, which
 *   gives the seat to the first person waiting.
 * Every page is plain HTML, never cached, and shows only the one event it is about. A draft event
 * answers exactly as an unknown one. Limited per client address (EVENT_REGISTRATION_RATE_*).
 */
export function eventPublicRoutes(deps: ApiDependencies & { publicUrl: string }, rateLimit: WindowLimit): Router {
  const router = Router();
  const registration = { db: deps.db, temporal: deps.temporal, logger: deps.logger };

  const answer = (res: Response, status: number, html: string) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  };
  const limited = unsubscribeRateLimit(deps.db, deps.logger, rateLimit, (res) => answer(res, 429, tooManyRequestsPage()), 'event-registration:');
  // The metrics' route label, set before the limiter can answer.
  const named =
    (pattern: string): RequestHandler =>
    (_req, res, next) => {
      res.locals.routePattern = pattern;
      next();
    };
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 });
  router.use('/events/:id/register', named('/events/:id/register'), limited);
  router.use('/event-registrations/:token/cancel', named('/event-registrations/:token/cancel'), limited);

  const failed = (res: Response, error: unknown, what: string) => {
    deps.logger.error({ err: error, what }, 'public event page failed');
    if (isDatabaseUnavailable(error)) res.set('Retry-After', '60');
    answer(res, isDatabaseUnavailable(error) ? 503 : 500, unavailablePage());
  };

  /** The invited contact a token names for this event: undefined without one, 'bad' when it is not valid for it. */
  const invitedContact = async (event: PublicEvent, invite: string): Promise<string | undefined | 'bad'> => {
    if (!invite) return undefined;
    const target = await readInvitationToken(deps.db, invite);
    return target && target.eventId === event.id ? target.contactId : 'bad';
  };

  router.get('/events/:id/register', async (req, res) => {
    try {
      const event = await loadPublicEvent(deps.db, req.params.id);
      if (!event) return answer(res, 404, eventNotFoundPage());
      const refusal = publicRegistrationRefusal(event);
      if (refusal) return answer(res, refusal.status, closedPage(event, refusal));
      const values = { ...EMPTY_FORM, source: queryText(req.query.source), invite: queryText(req.query.invite) };
      const invited = await invitedContact(event, values.invite);
      if (event.registrationMode === 'INVITATION' && (invited === undefined || invited === 'bad')) {
        return answer(res, 403, invitationOnlyPage(event, { badToken: invited === 'bad' }));
      }
      // A bad invitation to an open event is dropped: anyone may register.
      answer(res, 200, registrationFormPage(event, invited === 'bad' ? { ...values, invite: '' } : values));
    } catch (error) {
      failed(res, error, 'GET /events/:id/register');
    }
  });

  router.post('/events/:id/register', form, async (req, res) => {
    try {
      const event = await loadPublicEvent(deps.db, req.params.id);
      if (!event) return answer(res, 404, eventNotFoundPage());
      const refusal = publicRegistrationRefusal(event);
      if (refusal) return answer(res, refusal.status, closedPage(event, refusal));
      const values = readPublicForm(req.body);
      const invited = await invitedContact(event, values.invite);
      if (event.registrationMode === 'INVITATION' && (invited === undefined || invited === 'bad')) {
        return answer(res, 403, invitationOnlyPage(event, { badToken: invited === 'bad' }));
      }
      const problems = publicFormProblems(values);
      if (problems.length) return answer(res, 400, registrationFormPage(event, values, problems));
      let outcome: Awaited<ReturnType<typeof registerForEvent>>;
      try {
        outcome = await registerForEvent(registration, event.id, {
          contact: formContact(values),
          // A code the event does not have (a mistyped link) is not worth refusing the person for.
          sourceCode: knownSourceCode(event, values.source),
          channel: 'PUBLIC',
          ...(invited && invited !== 'bad' ? { invitedContactId: invited } : {}),
          createdById: null,
        });
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return answer(res, error.status, refusedPage(event, error.message));
        throw error;
      }
      const token = signCancellationToken(await unsubscribeSecret(deps.db), outcome.registration.id);
      answer(res, outcome.existing ? 200 : 201, registeredPage(event, { ...outcome.registration, existing: outcome.existing }, cancellationUrl(deps.publicUrl, token)));
    } catch (error) {
      failed(res, error, 'POST /events/:id/register');
    }
  });

  /** The registration and event a cancellation link names, or the page to answer instead. */
  const cancellable = async (token: string): Promise<{ registrationId: string; status: string; event: PublicEvent } | { status: number; html: string }> => {
    const registrationId = await readCancellationToken(deps.db, token);
    const row = registrationId ? await deps.db.eventRegistration.findUnique({ where: { id: registrationId }, select: { eventId: true, status: true } }) : null;
    const event = row ? await loadPublicEvent(deps.db, row.eventId) : undefined;
    if (!registrationId || !row || !event) return { status: 404, html: badCancelLinkPage() };
    if (row.status !== 'CANCELLED' && event.status === 'CANCELLED') return { status: 410, html: cannotCancelPage(event, 'The event itself was cancelled.') };
    if (row.status !== 'CANCELLED' && (event.status === 'COMPLETED' || (event.endsAt && event.endsAt <= new Date()))) {
      return { status: 410, html: cannotCancelPage(event, 'The event is over.') };
    }
    return { registrationId, status: row.status, event };
  };

  router.get('/event-registrations/:token/cancel', async (req, res) => {
    try {
      const found = await cancellable(req.params.token);
      if ('html' in found) return answer(res, found.status, found.html);
      if (found.status === 'CANCELLED') return answer(res, 200, cancelledPage(found.event, { already: true }));
      answer(res, 200, cancelConfirmPage(found.event, req.params.token));
    } catch (error) {
      failed(res, error, 'GET /event-registrations/:token/cancel');
    }
  });

  router.post('/event-registrations/:token/cancel', async (req, res) => {
    try {
      const found = await cancellable(req.params.token);
      if ('html' in found) return answer(res, found.status, found.html);
      if (found.status === 'CANCELLED') return answer(res, 200, cancelledPage(found.event, { already: true }));
      try {
        await cancelRegistration(registration, found.event.id, found.registrationId, { userId: null });
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return answer(res, error.status, cannotCancelPage(found.event, error.message));
        throw error;
      }
      answer(res, 200, cancelledPage(found.event, { already: false }));
    } catch (error) {
      failed(res, error, 'POST /event-registrations/:token/cancel');
    }
  });

  // A form the parser refused (too big, bad encoding): a page, not the API's JSON error.
  router.use('/events/:id/register', ((error, _req, res, next) => {
    const status = (error as { status?: number }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    answer(res, status, formRefusedPage());
  }) as ErrorRequestHandler);

  return router;
}
