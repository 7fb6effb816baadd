import { CalendarRequest, CalendarView, getCalendar, updateCalendar } from '../../rule-store/calendar-store';
import { defineRoute } from '../route';

export const calendarRoutes = [
  defineRoute({
    method: 'get', path: '/calendar', tag: 'Rules', roles: 'any',
    summary: 'The business calendar: weekend days and holidays that business-day durations skip',
    response: { status: 200, description: 'The calendar', schema: CalendarView },
    handler: ({ deps }) => getCalendar(deps.db),
  }),
  defineRoute({
    method: 'put', path: '/calendar', tag: 'Rules', roles: ['admin'],
    summary: 'Replace the business calendar; due dates computed from now on use it (existing tasks keep theirs); a change is written to the audit log',
    body: CalendarRequest,
    response: { status: 200, description: 'The calendar', schema: CalendarView },
    handler: ({ body, context }) => updateCalendar(context, body),
  }),
];
