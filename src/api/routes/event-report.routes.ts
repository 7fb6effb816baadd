import { getEventReport } from '../../events/event-report';
import { eventReportCsv } from '../../events/event-report-csv';
import { EventReport, EventReportParams } from '../../events/event-report.schemas';
import { defineRoute } from '../route';

export const eventReportRoutes = [
  defineRoute({
    method: 'get', path: '/events/:id/report', tag: 'Reports', roles: 'any',
    summary:
      "An event's effect: invited, registered, waiting, cancelled, attended, no-shows, new accounts, the statuses the registrants' accounts reached since, " +
      'contracts, revenue of linked deals, planned and actual cost, cost per attendee and per contract, per sub-source and per day (JSON or CSV)',
    params: EventReportParams,
    response: { status: 200, description: 'The report', schema: EventReport },
    csv: eventReportCsv,
    errors: [404],
    handler: ({ params, deps }) => getEventReport(deps.db, params.id),
  }),
];
