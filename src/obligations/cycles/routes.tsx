import type { FastifyInstance } from 'fastify';
import { chartFile, drawChart, sendChart } from '../../core/charts/downloads.ts';
import type { Db } from '../../core/db/database.ts';
import { CYCLE_STAGE_KINDS } from '../../core/db/schema-obligations.ts';
import { answerUpload, receiveFormUpload, uploadRoute } from '../../core/files/form-upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { translatedValues, type Values } from '../../core/html/fields.tsx';
import { type FieldErrors, formValues, ID_PATTERN, parseForm, withTranslated } from '../../core/http/forms.ts';
import { foundById } from '../../core/http/found.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { LANGS } from '../../core/i18n/locales.ts';
import { meetingAudience } from '../../meetings/index.ts';
import { homeState, mechanismOptions } from '../queries.ts';
import { CycleInput, DocumentInput, StagesInput } from '../schema.ts';
import { cycleCalendar } from './calendar.ts';
import { CYCLE_CHARTS, cycleChart } from './chart.ts';
import { CyclePage, type CyclePageForms } from './cycle-page.tsx';
import { cycleById, cycleExists, cycleForEdit, cycleHeading, cycleList, cycleStaffOptions } from './queries.ts';
import {
  addCycleDocument,
  addLinkedCycleDocument,
  type CycleData,
  createCycle,
  type DocumentData,
  linkAgendaItem,
  removeCycleDocument,
  type StageData,
  setStages,
  updateCycle,
} from './use-cases.ts';
import { CycleFormPage, CycleListPage, cycleTitle } from './views.tsx';

/** The form of a new or an existing cycle, with what the user typed and what is wrong. */
async function cycleForm(db: Db, ctx: PageContext, values: Values, errors?: FieldErrors, id?: string) {
  const [mechanisms, cycle] = await Promise.all([mechanismOptions(db), id ? cycleHeading(db, id) : undefined]);
  if (id && !cycle) throw notFound(`cycle ${id}`);
  return <CycleFormPage ctx={ctx} values={values} errors={errors} mechanisms={mechanisms} cycle={cycle} />;
}

const cycleData = (d: ReturnType<typeof CycleInput.parse>): CycleData => withTranslated(d, ['title', 'description']);

function cycleValues(c: NonNullable<Awaited<ReturnType<typeof cycleForEdit>>>): Values {
  return {
    mechanismId: c.mechanism_id,
    stateCode: c.state_code,
    number: c.number?.toString(),
    session: c.session?.toString(),
    ...translatedValues('title', c.title),
    ...translatedValues('description', c.description),
  };
}

/**
 * A cycle's page (with a form to show again, filled in, when it was wrong), with its chart. The cycle
 * (its meetings as the reader's meeting audience may see them: the key names it), its chart per
 * language and the staff's options are kept while nothing changes (app.shared).
 */
async function cyclePage(app: FastifyInstance, ctx: PageContext, id: string, forms?: CyclePageForms) {
  const { db, shared } = app;
  const audience = meetingAudience(ctx.user);
  const cycle = await foundById('cycle', id, (i) =>
    shared.read(`obligations:cycle:${i}:meetings:${audience}`, () => cycleById(db, ctx.user, i)),
  );
  const spec = cycleChart(cycle, ctx.i18n, cycleTitle(cycle, ctx));
  const [[organisations, agendaItems], chart] = await Promise.all([
    ctx.can('manage-obligations')
      ? shared.read(`obligations:cycle:${cycle.id}:staff-options:${audience}`, () =>
          cycleStaffOptions(db, ctx.user, cycle.id),
        )
      : [[], []],
    spec.rows.length
      ? shared.read(`obligations:cycle:${cycle.id}:chart:${ctx.i18n.lang}`, () => drawChart(spec, ctx.i18n.lang))
      : undefined,
  ]);
  return (
    <CyclePage
      ctx={ctx}
      cycle={cycle}
      organisations={organisations}
      agendaItems={agendaItems}
      forms={forms}
      chart={chart}
    />
  );
}

function stagesData(d: ReturnType<typeof StagesInput.parse>, lang: PageContext['i18n']['lang']): StageData[] {
  return CYCLE_STAGE_KINDS.map((kind) => ({
    kind,
    dueOn: d[`${kind}_due`],
    doneOn: d[`${kind}_done`],
    endsOn: d[`${kind}_ends`],
    note: { lang, text: d[`${kind}_note`] },
  }));
}

/** The cycle a write refers to (its id only), or 404. */
async function existingCycle(db: Db, id: string): Promise<{ id: string }> {
  if (!ID_PATTERN.test(id) || !(await cycleExists(db, id))) throw notFound(`cycle ${id}`);
  return { id };
}

const documentData = (d: ReturnType<typeof DocumentInput.parse>): DocumentData => withTranslated(d, ['title']);

/** Pages of reporting cycles: the list, a cycle's form and page, its stages, documents and meetings. */
export function cycleRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/cycles', async (_req, _reply, ctx) => (
    <CycleListPage ctx={ctx} cycles={await cycleList(db)} />
  ));

  langRoute(app, 'GET', '/cycles/new', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    return cycleForm(db, ctx, { stateCode: await homeState(db) });
  });

  langRoute(app, 'POST', '/cycles', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    const form = parseForm(CycleInput, req.body, ctx.i18n);
    const result = form.ok ? await createCycle(db, user, cycleData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return cycleForm(db, ctx, formValues(req.body), result.errors);
    }
    flash(reply, 'obligations.cycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${result.value}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/cycles/:id/edit', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const c = await foundById('cycle', req.params.id, (i) => cycleForEdit(db, i));
    return cycleForm(db, ctx, cycleValues(c), undefined, c.id);
  });

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/edit', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const form = parseForm(CycleInput, req.body, ctx.i18n);
    const result = form.ok ? await updateCycle(db, user, req.params.id, cycleData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return cycleForm(db, ctx, formValues(req.body), result.errors, req.params.id);
    }
    flash(reply, 'obligations.cycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/cycles/:id', async (req, _reply, ctx) => cyclePage(app, ctx, req.params.id));
  // The chart's downloads (decision 0029): an ETag of its data, 304 when unchanged.
  langRoute<{ id: string; file: string }>(app, 'GET', '/cycles/:id/charts/:file', async (req, reply, ctx) => {
    const wanted = chartFile(req.params.file, CYCLE_CHARTS);
    if (!wanted) throw notFound();
    const cycle = await foundById('cycle', req.params.id, (i) => cycleById(db, ctx.user, i));
    const spec = cycleChart(cycle, ctx.i18n, cycleTitle(cycle, ctx));
    const { i18n, latin } = ctx;
    return sendChart(req, reply, spec, wanted.format, {
      i18n,
      latin: latin === true,
      name: `cycle-${cycle.id}-${spec.id}`,
    });
  });

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/stages', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const form = parseForm(StagesInput, req.body, ctx.i18n);
    const result = form.ok
      ? await setStages(db, user, req.params.id, stagesData(form.data, ctx.i18n.lang), ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return cyclePage(app, ctx, req.params.id, { stages: { values: formValues(req.body), errors: result.errors } });
    }
    flash(reply, 'obligations.stagesSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#stages`, 303);
  });

  documentRoutes(app);

  // An agenda item prepares for or discusses this cycle (or no longer does).
  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/agenda-items', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'run-meetings');
    if (!ID_PATTERN.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const itemId = typeof body.itemId === 'string' && ID_PATTERN.test(body.itemId) ? body.itemId : undefined;
    if (!itemId) throw new HttpError(422, 'no agenda item');
    await linkAgendaItem(db, user, itemId, body.remove === 'on' ? null : req.params.id);
    flash(reply, 'obligations.agendaCycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#meetings`, 303);
  });
}

/** A cycle's documents: by link, uploaded, removed. */
function documentRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/documents', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    const cycle = await existingCycle(db, req.params.id);
    const form = parseForm(DocumentInput, req.body, ctx.i18n);
    const errors: FieldErrors | undefined = form.ok
      ? form.data.url
        ? undefined
        : { url: ctx.i18n.t('validation.required') }
      : form.errors;
    if (errors || !form.ok) {
      reply.code(422);
      return cyclePage(app, ctx, req.params.id, { document: { values: formValues(req.body), errors: errors ?? {} } });
    }
    await addLinkedCycleDocument(db, user, cycle.id, documentData(form.data));
    flash(reply, 'obligations.documentAdded');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${cycle.id}#documents`, 303);
  });

  uploadRoute<{ id: string }>(app, '/cycles/:id/documents/upload', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    const cycle = await existingCycle(db, req.params.id);
    const result = await receiveFormUpload(app, req, reply, {
      db,
      i18n: ctx.i18n,
      uploadedBy: user.id,
      schema: DocumentInput,
      attach: (trx, file, d) => addCycleDocument(trx, user, cycle.id, documentData(d), file.id),
    });
    return answerUpload(
      reply,
      result,
      (upload) => cyclePage(app, ctx, cycle.id, { upload }),
      () => {
        flash(reply, 'obligations.documentAdded');
        return reply.redirect(`/${ctx.i18n.lang}/cycles/${cycle.id}#documents`, 303);
      },
    );
  });

  langRoute<{ id: string; doc: string }>(app, 'POST', '/cycles/:id/documents/:doc/delete', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    authorize(req, 'manage-obligations');
    if (!ID_PATTERN.test(req.params.id) || !ID_PATTERN.test(req.params.doc)) throw notFound('document');
    await removeCycleDocument(db, user, req.params.id, req.params.doc);
    flash(reply, 'obligations.documentRemoved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#documents`, 303);
  });
}

/** Deadlines of every cycle, or of one, as a calendar to subscribe to. */
export function cycleCalendarRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;
  for (const lang of LANGS) {
    app.get(`/${lang}/cycles.ics`, async (_req, reply) => {
      const ics = await cycleCalendar(db, lang, undefined, deps.publicUrl);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="cycles.ics"')
        .send(ics);
    });
    app.get<{ Params: { id: string } }>(`/${lang}/cycles/:id.ics`, async (req, reply) => {
      if (!ID_PATTERN.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
      const ics = await cycleCalendar(db, lang, req.params.id, deps.publicUrl);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="cycle-${req.params.id}.ics"`)
        .send(ics);
    });
  }
}
