import type { FastifyInstance, FastifyReply } from 'fastify';
import { userActor } from '../../core/audit.ts';
import type { RatificationStatus } from '../../core/db/schema-obligations.ts';
import type { PageContext } from '../../core/html/context.ts';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { ratificationSource, readImportForm } from './import-form.ts';
import { importRatifications, saveRatification, today } from './mechanisms.ts';
import { catalogueWithState, homeStateCode, type Mechanism, mechanismByCode, mechanismPage } from './queries.ts';
import { problemText } from './ratifications-csv.ts';
import { RatificationInput } from './schema.ts';
import { CataloguePage, type ImportState, MechanismPage, RatificationFormPage, type Values } from './views/pages.tsx';

type Params = { code: string };

/** The catalogue of mechanisms, one mechanism's page, the ratification form and the CSV import. */
export function mechanismRoutes(app: FastifyInstance) {
  const db = app.db;

  async function cataloguePage(ctx: PageContext, importState?: ImportState) {
    const { mechanisms, state } = await catalogueWithState(db);
    return <CataloguePage ctx={ctx} state={state} mechanisms={mechanisms} importState={importState} />;
  }

  /** The catalogue again with what was wrong with the import (422). */
  function refused(reply: FastifyReply, ctx: PageContext, importState: ImportState) {
    reply.code(422);
    return cataloguePage(ctx, importState);
  }

  /** A treaty body by its code, or 404 (the UPR and special procedures have nothing to ratify). */
  async function treatyBody(code: string): Promise<Mechanism> {
    const m = await mechanismByCode(db, code);
    if (m?.kind !== 'treaty_body') throw notFound(`treaty body ${code}`);
    return m;
  }

  langRoute(app, 'GET', '/mechanisms', async (_req, _reply, ctx) => cataloguePage(ctx));

  langRoute<Params>(app, 'GET', '/mechanisms/:code', async (req, _reply, ctx) => {
    const page = await mechanismPage(db, req.params.code);
    if (!page) throw notFound(`mechanism ${req.params.code}`);
    return <MechanismPage ctx={ctx} {...page} today={today()} />;
  });

  // ---- staff: one treaty's ratification ------------------------------------------------------
  async function formPage(ctx: PageContext, m: Mechanism, values: Values, errors?: FieldErrors) {
    const state = await homeStateCode(db);
    return <RatificationFormPage ctx={ctx} state={state} mechanism={m} values={values} errors={errors} />;
  }

  langRoute<Params>(app, 'GET', '/mechanisms/:code/ratification', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const m = await treatyBody(req.params.code);
    return formPage(ctx, m, {
      status: m.status ?? '',
      signedOn: m.signedOn ?? '',
      ratifiedOn: m.ratifiedOn ?? '',
      note_kk: m.note.kk,
      note_ru: m.note.ru,
      note_en: m.note.en,
    });
  });

  langRoute<Params>(app, 'POST', '/mechanisms/:code/ratification', async (req, reply, ctx) => {
    authorize(req, 'manage-obligations');
    const user = signedIn(req.user);
    const m = await treatyBody(req.params.code);
    const values = formValues(req.body);
    const form = parseForm(RatificationInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return formPage(ctx, m, values, form.errors);
    }
    const d = form.data;
    const result = await saveRatification(db, userActor(user), m.id, {
      status: d.status === '' ? null : (d.status as RatificationStatus),
      signedOn: d.signedOn ?? null,
      ratifiedOn: d.ratifiedOn ?? null,
      note: collectTranslated(d, 'note'),
    });
    if (!result.ok) {
      const errors: FieldErrors = {};
      for (const e of result.errors) errors[e.field] ??= problemText(ctx.i18n, e);
      reply.code(422);
      return formPage(ctx, m, values, errors);
    }
    flash(reply, result.changed ? 'mechanisms.saved' : 'mechanisms.unchanged');
    return reply.redirect(`/${ctx.i18n.lang}/mechanisms/${m.code}`, 303);
  });

  // ---- staff: import a table of ratifications ------------------------------------------------
  langRoute(
    app,
    'POST',
    '/mechanisms/ratifications',
    async (req, reply, ctx) => {
      // Refused before the body is read: visitors and citizens never get to send a file.
      authorize(req, 'manage-obligations');
      const user = signedIn(req.user);
      const form = await readImportForm(app, req, reply, ctx.i18n.lang);
      if (!form) return reply;
      const source = ratificationSource(form, ctx.i18n);
      const { field, pasted } = source;
      if (!source.ok) return refused(reply, ctx, { errors: { [field]: source.message }, pasted });
      const { text, filename } = source;
      const outcome = await importRatifications(db, userActor(user), { text, filename });
      if (!outcome.ok) {
        if ('rows' in outcome) return refused(reply, ctx, { rows: outcome.rows, pasted });
        return refused(reply, ctx, { errors: { [field]: problemText(ctx.i18n, outcome.file) }, pasted });
      }
      flash(reply, 'mechanisms.import.done', { changed: outcome.changed, unchanged: outcome.unchanged });
      return reply.redirect(`/${ctx.i18n.lang}/mechanisms`, 303);
    },
    { csrfInHandler: true },
  );
}
