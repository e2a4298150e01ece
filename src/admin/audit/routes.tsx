import type { FastifyInstance } from 'fastify';
import { AuditFilter } from '../../accounts/index.ts';
import { verifyAuditChain } from '../../core/audit.ts';
import { formValues, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import { auditCsv } from './csv.ts';
import { AUDIT_PAGE, auditPage } from './queries.ts';
import { AuditPage } from './views/audit-page.tsx';

const FILTERS = ['entity', 'action', 'actor', 'from', 'to'];

/** The audit log: filtered pages, the chain verified on request, and the filtered log as CSV. */
export function auditRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/admin/audit', async (req, reply, ctx) => {
    authorize(req, 'read-audit-log');
    const form = parseForm(AuditFilter, req.query, ctx.i18n);
    if (!form.ok) throw new HttpError(422, JSON.stringify(form.errors));
    const [rows, chain] = await Promise.all([
      auditPage(db, form.data),
      req.query.verify === '1' ? verifyAuditChain(db) : Promise.resolve(undefined),
    ]);
    const values = formValues(req.query);
    const query = new URLSearchParams(
      Object.entries(values).filter(([k, v]) => v !== '' && FILTERS.includes(k)),
    ).toString();
    reply.header('cache-control', 'private, no-store');
    const page = rows.slice(0, AUDIT_PAGE);
    const hasMore = rows.length > AUDIT_PAGE;
    return <AuditPage ctx={ctx} rows={page} hasMore={hasMore} filter={values} query={query} chain={chain} />;
  });

  langRoute(app, 'GET', '/admin/audit.csv', async (req, reply, ctx) => {
    authorize(req, 'read-audit-log');
    const form = parseForm(AuditFilter, req.query, ctx.i18n);
    if (!form.ok) throw new HttpError(422, JSON.stringify(form.errors));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kenes-audit-${new Date().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(auditCsv(db, form.data));
  });
}
