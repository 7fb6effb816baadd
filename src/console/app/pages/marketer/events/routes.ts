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

const planners = ['marketer', 'admin'] as const;

/**
 * Events: every role reads them (the API lets managers read, register people and check in); only
 * marketers and admins plan them. Literal paths (`/events/new`) come before the `:id` patterns.
 */
export const eventRoutes: PageRoute[] = [
  { path: '/events', title: 'Events', nav: { label: 'Events', order: 42 }, component: EventListPage },
  { path: '/events/new', title: 'New event', roles: planners, component: EventFormPage },
  { path: '/events/:id', title: 'Event', component: EventPage },
  { path: '/events/:id/edit', title: 'Event plan', roles: planners, component: EventFormPage },
  { path: '/events/:id/resources', title: 'Event resources', component: EventBookingsPage },
  { path: '/events/:id/registrations', title: 'Registrations', component: RegistrationsPage },
  { path: '/events/:id/check-in', title: 'Check-in', component: CheckInPage },
  { path: '/events/:id/report', title: 'Event report', component: EventReportPage },
  { path: '/resources', title: 'Resource catalog', component: ResourceCatalogPage },
  { path: '/event-measures', title: 'Event measures', component: EventMeasuresPage },
];
