import type { PageRoute } from '../../../page-route';
import { CheckInPage } from './check-in-page';
import { EventBookingsPage } from './event-bookings-page';
import { EventFormPage } from './event-form-page';
import { EventListPage } from './event-list-page';
import { EventPage } from './event-page';
import { EventMeasuresPage } from './event-measures-page';
import { EventReportPage } from './event-report-page';
import { RegistrationsPage } from './registrations-page';
import { ResourceCatalogPage } from './resource-catalog-page';
import { msg } from '../../../i18n/i18n';

const planners = ['marketer', 'admin'] as const;

/**
 * Events: every role reads them (the API lets managers read, register people and check in); only
 * marketers and admins plan them. Literal paths (`/events/new`) come before the `:id` patterns.
 */
export const eventRoutes: PageRoute[] = [
  { path: '/events', title: msg('Events'), nav: { label: msg('Events'), order: 42 }, component: EventListPage },
  { path: '/events/new', title: msg('New event'), roles: planners, component: EventFormPage },
  { path: '/events/:id', title: msg('Event'), component: EventPage },
  { path: '/events/:id/edit', title: msg('Event plan'), roles: planners, component: EventFormPage },
  { path: '/events/:id/resources', title: msg('Event resources'), component: EventBookingsPage },
  { path: '/events/:id/registrations', title: msg('Registrations'), component: RegistrationsPage },
  { path: '/events/:id/check-in', title: msg('Check-in'), component: CheckInPage },
  { path: '/events/:id/report', title: msg('Event report'), component: EventReportPage },
  { path: '/resources', title: msg('Resource catalog'), component: ResourceCatalogPage },
  { path: '/event-measures', title: msg('Event measures'), component: EventMeasuresPage },
];
