import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userActor } from '../../core/audit.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { PageContext } from '../../core/html/context.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../../core/http/pages.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { themeChoices } from '../../core/themes.ts';
import { parseSettings } from './columns.ts';
import { isEncoding } from './decode.ts';
import { namesToDecide } from './names-to-decide.ts';
import type { PreviewForm } from './preview-view.tsx';
import { ImportProblem } from './problem.ts';
import { type ImportDetail, importById, mechanismChoices, recentImports, rejectionsOf } from './queries.ts';
import { reasonText } from './reason-text.ts';
import { rereadImport } from './receive.ts';
import { ImportRunner } from './runner.ts';
import { readStartForm } from './settings-form.ts';
import { receiveUploadedImport, refuseUnlessUpload } from './upload.ts';
import { ImportListPage, ImportPage } from './views.tsx';

// Stricter than core's ID_PATTERN: no leading zero, so "/import/07" stays a 404 as it always was.
const ID = /^[1-9]\d{0,17}$/;

function staff(req: FastifyRequest): CurrentUser {
  authorize(req, 'manage-obligations');
  return req.user as CurrentUser;
}

/**
 * The import of recommendations on the web: upload → preview (format, encoding, what each column
 * holds) → start → progress → outcome. Staff only (`manage-obligations`). The import runs in the
 * process that started it, but everything a page shows is read from PostgreSQL, so any process
 * serves the progress and the outcome.
 */
export function importRoutes(app: FastifyInstance) {
  const db = app.db;
  const runner = new ImportRunner(db);
  app.addHook('onClose', () => runner.stopAll());

  const listPage = async (ctx: PageContext, errors?: Record<string, string>) => (
    <ImportListPage ctx={ctx} imports={await recentImports(db)} errors={errors} />
  );

  const loadImport = async (id: string) => {
    const imp = ID.test(id) ? await importById(db, id) : undefined;
    if (!imp) throw notFound(`import ${id}`);
    return imp;
  };

  const importPage = async (ctx: PageContext, imp: ImportDetail, form?: PreviewForm) => {
    const shown = form ?? { settings: parseSettings(imp.mapping, imp.header.length), skipBadRows: imp.skipBadRows };
    const editable = ['pending', 'failed', 'interrupted'].includes(imp.status);
    const [rejections, mechanisms, themes, names] = await Promise.all([
      rejectionsOf(db, imp.id),
      mechanismChoices(db),
      themeChoices(db),
      editable ? namesToDecide(db, imp.columnValues, shown.settings) : { themes: [], states: [] },
    ]);
    const choices = { mechanisms, themes, names };
    return <ImportPage ctx={ctx} imp={imp} rejections={rejections} choices={choices} form={shown} />;
  };

  langRoute(app, 'GET', '/recommendations/import', async (req, _reply, ctx) => {
    staff(req);
    return listPage(ctx);
  });

  langRoute(
    app,
    'POST',
    '/recommendations/import',
    async (req, reply, ctx) => {
      const user = staff(req);
      refuseUnlessUpload(req, ctx.i18n);
      const outcome = await receiveUploadedImport(app, req, reply, user.id, ctx.i18n);
      if (!outcome) return reply;
      if ('error' in outcome) {
        reply.code(422);
        return listPage(ctx, { file: outcome.error });
      }
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${outcome.id}`, 303);
    },
    { csrfInHandler: true },
  );

  langRoute<{ id: string }>(app, 'GET', '/recommendations/import/:id', async (req, _reply, ctx) => {
    staff(req);
    return importPage(ctx, await loadImport(req.params.id));
  });

  // What the progress bar's script polls; the same numbers the page shows.
  for (const lang of LANGS) {
    app.get<{ Params: { id: string } }>(`/${lang}/recommendations/import/:id/status.json`, async (req, reply) => {
      staff(req);
      const imp = await loadImport(req.params.id);
      reply.header('cache-control', 'no-store');
      return {
        status: imp.status,
        text: i18nFor(lang).t('import.progressText', { done: imp.processedRows, total: imp.totalRows ?? 0 }),
        processed: imp.processedRows,
        total: imp.totalRows,
        inserted: imp.inserted,
        updated: imp.updated,
        unchanged: imp.unchanged,
        rejected: imp.rejected,
      };
    });
  }

  langRoute<{ id: string }, Record<string, unknown>>(
    app,
    'POST',
    '/recommendations/import/:id/encoding',
    async (req, reply, ctx) => {
      staff(req);
      const imp = await loadImport(req.params.id);
      if (!['pending', 'failed'].includes(imp.status)) throw new HttpError(409, 'import not editable', 'import.notNow');
      const encoding = req.body?.encoding;
      if (!isEncoding(encoding)) throw new HttpError(400, 'unknown encoding');
      try {
        await rereadImport(db, imp.id, encoding);
      } catch (err) {
        if (!(err instanceof ImportProblem)) throw err;
        reply.code(422);
        const settings = parseSettings(imp.mapping, imp.header.length);
        const errors = { encoding: reasonText(ctx.i18n, err.reason) };
        return importPage(ctx, await loadImport(imp.id), { settings, skipBadRows: imp.skipBadRows, errors });
      }
      flash(reply, 'import.reread.done');
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${imp.id}`, 303);
    },
  );

  langRoute<{ id: string }, Record<string, unknown>>(
    app,
    'POST',
    '/recommendations/import/:id/start',
    async (req, reply, ctx) => {
      const user = staff(req);
      const imp = await loadImport(req.params.id);
      const codes = async () => (await mechanismChoices(db)).map((m) => m.code);
      const themeIds = async () => (await themeChoices(db)).map((t) => t.id);
      const body = req.body ?? {};
      const { settings, skipBadRows, errors } = await readStartForm(ctx.i18n, body, imp.header, codes, themeIds);
      if (Object.keys(errors).length > 0) {
        reply.code(422);
        return importPage(ctx, await loadImport(imp.id), { settings, skipBadRows, errors });
      }
      if (!(await runner.claimAndStart(imp.id, { settings, skipBadRows, userId: user.id }, userActor(user), req.log))) {
        throw new HttpError(409, 'import running or done', 'import.notNow');
      }
      flash(reply, 'import.started');
      return reply.redirect(`/${ctx.i18n.lang}/recommendations/import/${imp.id}`, 303);
    },
  );
}
