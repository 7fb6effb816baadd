import { AuditPage, AuditQuery, maxAuditExport } from '../../audit/audit.schemas';
import { auditCsv, listAudit } from '../../audit/list-audit';
import { requestedFormat } from '../../reports/csv';
import { defineRoute } from '../route';

export const auditRoutes = [
  defineRoute({
    method: 'get', path: '/audit', tag: 'Audit', roles: ['admin'],
    summary: `Every admin-level change (users, roles, managers, keys, sessions, rules, calendar, mailing settings, reassignments, on-behalf decisions): who, when, before and after, newest first, filtered, with cursor paging. ?format=csv exports up to ${maxAuditExport.toLocaleString('en')} entries per file (X-Next-Cursor names the next)`,
    query: AuditQuery,
    response: { status: 200, description: 'A page of the audit log', schema: AuditPage },
    csv: auditCsv,
    handler: async ({ query, deps, req, res }) => {
      if (requestedFormat(req).format === 'json') return listAudit(deps.db, query);
      const page = await listAudit(deps.db, query, maxAuditExport);
      if (page.nextCursor) res.set('X-Next-Cursor', page.nextCursor);
      return page;
    },
  }),
];
