import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import { notFound } from '../../core/http/http-error.ts';
import { authorize, langRoute } from '../../core/http/pages.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { CivilSocietyPage } from './civil-society-view.tsx';
import { type CompiledReport, compileReport, onlyDiffering, parseCycleId } from './compile.ts';
import { DOCX_TYPE, docxFilename } from './docx-file.ts';
import { buildDocx } from './docx-pool.ts';
import { ReportPage } from './views.tsx';

/*
 * The draft of the next national report for a reporting cycle, as a page and as a DOCX document,
 * and the civil-society view of it. Everything in it is public (recommendations, measures,
 * progress, assessments), so anyone who may read public pages may read it.
 */

type Params = { id: string };

// A large cycle's DOCX takes a second or more of CPU (measure.ts): anyone may ask for it, so a
// visitor may not ask for it again and again.
const DOCX_LIMIT = { rateLimit: { max: 30, timeWindow: 60_000 } };

async function reportOf(db: Db, req: FastifyRequest<{ Params: Params }>, lang: Lang): Promise<CompiledReport> {
  authorize(req, 'read-public');
  const id = parseCycleId(req.params.id);
  const report = id ? await compileReport(db, id, lang) : undefined;
  if (!report) throw notFound(`no reporting cycle ${req.params.id}`);
  return report;
}

/**
 * The civil-society filter: on by default; the form sends `filter` with the checkbox, so a form
 * sent with the box unticked shows everything.
 */
function differingOnly(query: Record<string, string | string[] | undefined>): boolean {
  return query.filter === undefined || query.differing !== undefined;
}

function sendDocx(reply: FastifyReply, body: Buffer, filename: string): FastifyReply {
  return reply
    .type(DOCX_TYPE)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-cache')
    .send(body);
}

export function reportRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute<Params>(app, 'GET', '/cycles/:id/report', async (req, _reply, ctx) => {
    const report = await reportOf(db, req, ctx.i18n.lang);
    return <ReportPage ctx={ctx} report={report} />;
  });

  docxRoute(app, '/cycles/:id/report.docx', 'national-report', (report, _query, lang) =>
    buildDocx({ kind: 'report', report, lang }),
  );

  langRoute<Params>(app, 'GET', '/cycles/:id/report/civil-society', async (req, _reply, ctx) => {
    const report = await reportOf(db, req, ctx.i18n.lang);
    const only = differingOnly(req.query);
    return (
      <CivilSocietyPage ctx={ctx} report={report} shown={only ? onlyDiffering(report) : report} onlyDiffering={only} />
    );
  });

  docxRoute(app, '/cycles/:id/report/civil-society.docx', 'civil-society-view', (report, query, lang) =>
    buildDocx({ kind: 'civil-society', report, shown: differingOnly(query) ? onlyDiffering(report) : report, lang }),
  );
}

/** A report as a Word document (rate-limited: see DOCX_LIMIT). */
function docxRoute(
  app: FastifyInstance,
  path: string,
  name: Parameters<typeof docxFilename>[0],
  build: (report: CompiledReport, query: Record<string, string | undefined>, lang: Lang) => Promise<Buffer>,
) {
  langRoute<Params>(
    app,
    'GET',
    path,
    async (req, reply, ctx) => {
      const report = await reportOf(app.db, req, ctx.i18n.lang);
      const body = await build(report, req.query, ctx.i18n.lang);
      return sendDocx(reply, body, docxFilename(name, report.cycle.id, ctx.i18n.lang));
    },
    DOCX_LIMIT,
  );
}
