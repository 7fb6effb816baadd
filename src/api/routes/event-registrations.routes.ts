import { cancelRegistration } from '../../registrations/cancel-registration';
import { checkInRegistration } from '../../registrations/check-in-registration';
import { importRegistrations } from '../../registrations/import-registrations';
import { listRegistrations } from '../../registrations/list-registrations';
import { markPayment } from '../../registrations/mark-payment';
import { registerForEvent } from '../../registrations/register-for-event';
import { csvToRegistrationImport } from '../../registrations/registration-import-csv';
import {
  CancelRegistrationResult,
  EventIdParams,
  ListRegistrationsQuery,
  MarkPaymentRequest,
  REGISTRATION_IMPORT_BODY_LIMIT,
  RegisterRequest,
  RegisterResult,
  RegistrationImportRequest,
  RegistrationImportResult,
  RegistrationPage,
  RegistrationParams,
  RegistrationView,
} from '../../registrations/registrations.schemas';
import { InvitationsParams, InvitationsRequest, InvitationsView, inviteContacts } from '../../registrations/public-invitations';
import { AppError } from '../../errors/app-error';
import { defineRoute, type RouteDefinition } from '../route';

const tag = 'Event registrations';

export const eventRegistrationRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'post', path: '/events/:id/registrations', tag, roles: 'any',
    summary: 'Register a person (an existing contact, or contact fields matched or created as a NEW account) for a scheduled event: a seat, or the waiting list when it is full; registering again answers the existing registration',
    params: EventIdParams,
    body: RegisterRequest,
    response: { status: 201, description: 'The registration, and whether the person was already registered', schema: RegisterResult },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => registerForEvent(deps, params.id, { ...body, channel: 'API', createdById: caller.id }),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/registrations/import', tag, roles: 'any',
    summary: 'Register many people from JSON rows or a CSV file (text/csv; columns name, email, accountName, phone, sourceCode), each row on its own: bad rows reported, the others registered',
    params: EventIdParams,
    body: RegistrationImportRequest,
    csvBody: { limit: REGISTRATION_IMPORT_BODY_LIMIT, toBody: csvToRegistrationImport },
    rowsValidatedOneByOne: true,
    response: { status: 200, description: 'How many got a seat, waited or were already registered, and each row with its registration or error', schema: RegistrationImportResult },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps, req }) => importRegistrations(deps, params.id, body.rows, { createdById: caller.id, firstRow: req.is('text/csv') ? 2 : 1 }),
  }),
  defineRoute({
    method: 'get', path: '/events/:id/registrations', tag, roles: 'any',
    summary: "List an event's registrations in registration order (WAITING ones in waiting-list order), by status and name or e-mail, paginated by cursor",
    params: EventIdParams,
    query: ListRegistrationsQuery,
    response: { status: 200, description: 'One page of registrations', schema: RegistrationPage },
    errors: [404, 503],
    handler: ({ params, query, deps }) => listRegistrations(deps.db, params.id, query),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/registrations/:registrationId/cancel', tag, roles: 'any',
    summary: 'Cancel a registration; a freed seat goes to the first person on the waiting list (idempotent)',
    params: RegistrationParams,
    response: { status: 200, description: 'The cancelled registration and the one promoted from the waiting list, if any', schema: CancelRegistrationResult },
    errors: [404, 409, 503],
    handler: ({ params, caller, deps }) => cancelRegistration(deps, params.id, params.registrationId, { userId: caller.id }),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/registrations/:registrationId/payment', tag, roles: ['marketer', 'admin'],
    summary: "Record a registration's payment (paid, unpaid or waived, and the amount; PAID defaults to the event's price): audited",
    params: RegistrationParams,
    body: MarkPaymentRequest,
    response: { status: 200, description: 'The registration with its payment', schema: RegistrationView },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => markPayment(deps.db, params.id, params.registrationId, body, { userId: caller.id }),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/registrations/:registrationId/check-in', tag, roles: 'any',
    summary: 'Check a registered person in (idempotent): recorded as an attendance of the campaign and on the account',
    params: RegistrationParams,
    response: { status: 200, description: 'The checked-in registration', schema: RegistrationView },
    errors: [404, 409, 503],
    handler: ({ params, caller, deps }) => checkInRegistration(deps, params.id, params.registrationId, { userId: caller.id }),
  }),
  defineRoute({
    method: 'post', path: '/events/:id/invitations', tag, roles: ['marketer', 'admin'],
    summary: 'Invite contacts to an event (recorded once each) and answer their personal registration links, which also open an invitation-only event',
    params: InvitationsParams,
    body: InvitationsRequest,
    response: { status: 200, description: 'How many invitations are new, and one personal link per contact', schema: InvitationsView },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => {
      if (!deps.publicUrl) throw new AppError('INTERNAL', 'The app was built without its public URL');
      return inviteContacts({ db: deps.db, publicUrl: deps.publicUrl }, params.id, body, caller.id);
    },
  }),
];
