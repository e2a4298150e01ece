import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { audit, userActor } from '../core/audit.ts';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import { CYCLE_STAGE_KINDS } from '../core/db/schema-obligations.ts';
import { receiveUpload } from '../core/files/upload.ts';
import type { PageContext } from '../core/html/context.ts';
import { translatedValues, type Values } from '../core/html/form.tsx';
import { plain } from '../core/html/text.tsx';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../core/http/forms.ts';
import { HttpError, notFound } from '../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../core/http/pages.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import { LANGS } from '../core/i18n/locales.ts';
import { agendaItemOptions, type Reader, taskOptions } from '../meetings/index.ts';
import { linkableProposals } from '../proposals/index.ts';
import { cyclesCalendar } from './ical.ts';
import {
  addAction,
  addCycleDocument,
  addProgress,
  assessRecommendation,
  createCycle,
  createRecommendation,
  decideRepeat,
  type RecommendationData,
  removeCycleDocument,
  setActionStatus,
  setAgendaItemCycle,
  setCluster,
  setLink,
  setStages,
  sideOf,
  updateCycle,
  updateRecommendation,
} from './obligations.ts';
import {
  cycleById,
  cycleList,
  homeState,
  mechanismOptions,
  recommendationById,
  recommendationFormOptions,
  similarEarlier,
  textSimilarity,
  today,
} from './queries.ts';
import {
  ActionInput,
  ActionStatusInput,
  AssessmentInput,
  ClusterInput,
  CycleInput,
  DocumentInput,
  LinkInput,
  ProgressInput,
  RecommendationInput,
  RepeatDecisionInput,
  StagesInput,
} from './schema.ts';
import { CycleFormPage, CycleListPage, CyclePage, type CyclePageForms } from './views/cycles.tsx';
import {
  RecommendationFormPage,
  RecommendationPage,
  type RecommendationPageForms,
  recommendationLabel,
} from './views/recommendation.tsx';

const ID = /^\d{1,18}$/;
const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

function signedIn(req: FastifyRequest): CurrentUser {
  if (!req.user) throw new HttpError(401);
  return req.user;
}

/** Pages of reporting cycles and of one recommendation with its implementation. */
export function obligationRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;

  // ---- cycles --------------------------------------------------------------------------------
  langRoute(app, 'GET', '/cycles', async (_req, _reply, ctx) => (
    <CycleListPage ctx={ctx} cycles={await cycleList(db)} />
  ));

  async function cycleForm(ctx: PageContext, values: Values, errors?: FieldErrors, id?: string) {
    const [mechanisms, cycle] = await Promise.all([
      mechanismOptions(db),
      id
        ? db.selectFrom('reporting_cycles').select(['id', 'title']).where('id', '=', id).executeTakeFirst()
        : undefined,
    ]);
    if (id && !cycle) throw notFound(`cycle ${id}`);
    return <CycleFormPage ctx={ctx} values={values} errors={errors} mechanisms={mechanisms} cycle={cycle} />;
  }

  function cycleData(d: ReturnType<typeof CycleInput.parse>) {
    return {
      mechanismId: d.mechanismId,
      stateCode: d.stateCode,
      number: d.number,
      title: collectTranslated(d, 'title'),
      description: collectTranslated(d, 'description'),
    };
  }

  langRoute(app, 'GET', '/cycles/new', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    return cycleForm(ctx, { stateCode: await homeState(db) });
  });

  langRoute(app, 'POST', '/cycles', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    const form = parseForm(CycleInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return cycleForm(ctx, formValues(req.body), form.errors);
    }
    const result = await createCycle(db, user, cycleData(form.data), ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return cycleForm(ctx, formValues(req.body), result.errors);
    }
    flash(reply, 'obligations.cycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${result.value}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/cycles/:id/edit', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const c = ID.test(req.params.id)
      ? await db.selectFrom('reporting_cycles').selectAll().where('id', '=', req.params.id).executeTakeFirst()
      : undefined;
    if (!c) throw notFound(`cycle ${req.params.id}`);
    return cycleForm(
      ctx,
      {
        mechanismId: c.mechanism_id,
        stateCode: c.state_code,
        number: c.number?.toString(),
        ...translatedValues('title', c.title),
        ...translatedValues('description', c.description),
      },
      undefined,
      c.id,
    );
  });

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/edit', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const form = parseForm(CycleInput, req.body, ctx.i18n);
    const result = form.ok ? await updateCycle(db, user, req.params.id, cycleData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return cycleForm(ctx, formValues(req.body), result.errors, req.params.id);
    }
    flash(reply, 'obligations.cycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}`, 303);
  });

  async function cyclePage(ctx: PageContext, id: string, forms?: CyclePageForms) {
    const cycle = ID.test(id) ? await cycleById(db, ctx.user, id) : undefined;
    if (!cycle) throw notFound(`cycle ${id}`);
    const staff = ctx.can('manage-obligations');
    const [organisations, agendaItems] = staff
      ? await Promise.all([
          db.selectFrom('organisations').select(['id', 'name', 'category']).execute(),
          agendaItemOptions(db, ctx.user, { limit: 300, includeDrafts: true, notInCycle: cycle.id }),
        ])
      : [[], []];
    return <CyclePage ctx={ctx} cycle={cycle} organisations={organisations} agendaItems={agendaItems} forms={forms} />;
  }

  langRoute<{ id: string }>(app, 'GET', '/cycles/:id', async (req, _reply, ctx) => cyclePage(ctx, req.params.id));

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/stages', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const form = parseForm(StagesInput, req.body, ctx.i18n);
    const result = form.ok
      ? await setStages(
          db,
          user,
          req.params.id,
          CYCLE_STAGE_KINDS.map((kind) => ({
            kind,
            dueOn: form.data[`${kind}_due`],
            doneOn: form.data[`${kind}_done`],
            endsOn: form.data[`${kind}_ends`],
            note: { lang: ctx.i18n.lang, text: form.data[`${kind}_note`] },
          })),
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return cyclePage(ctx, req.params.id, { stages: { values: formValues(req.body), errors: result.errors } });
    }
    flash(reply, 'obligations.stagesSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#stages`, 303);
  });

  /** The cycle a write refers to (its id only), or 404. */
  async function existingCycle(id: string): Promise<{ id: string }> {
    const cycle = ID.test(id)
      ? await db.selectFrom('reporting_cycles').select('id').where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!cycle) throw notFound(`cycle ${id}`);
    return cycle;
  }

  function documentData(d: ReturnType<typeof DocumentInput.parse>) {
    return {
      kind: d.kind,
      symbol: d.symbol,
      title: collectTranslated(d, 'title'),
      issuedOn: d.issuedOn,
      url: d.url,
      organisationId: d.organisationId,
    };
  }

  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/documents', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    const cycle = await existingCycle(req.params.id);
    const form = parseForm(DocumentInput, req.body, ctx.i18n);
    const errors: FieldErrors | undefined = form.ok
      ? form.data.url
        ? undefined
        : { url: ctx.i18n.t('validation.required') }
      : form.errors;
    if (errors || !form.ok) {
      reply.code(422);
      return cyclePage(ctx, req.params.id, { document: { values: formValues(req.body), errors: errors ?? {} } });
    }
    await db.transaction().execute((trx) => addCycleDocument(trx, user, cycle.id, documentData(form.data), null));
    flash(reply, 'obligations.documentAdded');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${cycle.id}#documents`, 303);
  });

  langRoute<{ id: string }>(
    app,
    'POST',
    '/cycles/:id/documents/upload',
    async (req, reply, ctx) => {
      const user = signedIn(req);
      authorize(req, 'manage-obligations');
      const cycle = await existingCycle(req.params.id);
      const result = await receiveUpload(app, req, reply, {
        db,
        i18n: ctx.i18n,
        uploadedBy: user.id,
        validate: (fields) => {
          const form = parseForm(DocumentInput, fields, ctx.i18n);
          return form.ok ? undefined : form.errors;
        },
        attach: async (trx, file, fields) => {
          await addCycleDocument(trx, user, cycle.id, documentData(DocumentInput.parse(fields)), file.id);
        },
      });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return cyclePage(ctx, cycle.id, { upload: { values: result.fields, errors: result.errors } });
      }
      flash(reply, 'obligations.documentAdded');
      return reply.redirect(`/${ctx.i18n.lang}/cycles/${cycle.id}#documents`, 303);
    },
    { csrfInHandler: true },
  );

  langRoute<{ id: string; doc: string }>(app, 'POST', '/cycles/:id/documents/:doc/delete', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id) || !ID.test(req.params.doc)) throw notFound('document');
    await removeCycleDocument(db, user, req.params.id, req.params.doc);
    flash(reply, 'obligations.documentRemoved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#documents`, 303);
  });

  // An agenda item prepares for or discusses this cycle (or no longer does).
  langRoute<{ id: string }>(app, 'POST', '/cycles/:id/agenda-items', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'run-meetings');
    if (!ID.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const itemId = typeof body.itemId === 'string' && ID.test(body.itemId) ? body.itemId : undefined;
    if (!itemId) throw new HttpError(422, 'no agenda item');
    await setAgendaItemCycle(db, user, itemId, body.remove === 'on' ? null : req.params.id);
    flash(reply, 'obligations.agendaCycleSaved');
    return reply.redirect(`/${ctx.i18n.lang}/cycles/${req.params.id}#meetings`, 303);
  });

  // Deadlines of every cycle, or of one, as a calendar to subscribe to.
  async function sendCalendar(
    reply: FastifyReply,
    lang: (typeof LANGS)[number],
    cycleId: string | undefined,
    filename: string,
  ) {
    const rows = await db
      .selectFrom('cycle_stages as s')
      .innerJoin('reporting_cycles as c', 'c.id', 's.cycle_id')
      .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
      .select([
        's.id',
        's.kind',
        's.due_on',
        's.done_on',
        's.ends_on',
        'c.id as cycle_id',
        'c.title',
        'c.state_code',
        'm.code',
      ])
      .$if(cycleId !== undefined, (q) => q.where('c.id', '=', cycleId ?? ''))
      .orderBy('s.id')
      .execute();
    if (cycleId !== undefined && rows.length === 0) {
      const exists = await db.selectFrom('reporting_cycles').select('id').where('id', '=', cycleId).executeTakeFirst();
      if (!exists) throw notFound(`cycle ${cycleId}`);
    }
    const i18n = i18nFor(lang);
    const ics = cyclesCalendar(
      rows.map((r) => ({
        id: r.id,
        date: (r.done_on ?? r.due_on) as string,
        endsOn: r.ends_on,
        done: r.done_on !== null,
        summary: `${r.code}: ${i18n.t(`obligations.stage.${r.kind}`)} — ${plain(r.title, i18n)}`,
        url: `${deps.publicUrl}/${lang}/cycles/${r.cycle_id}`,
      })),
      { name: `${i18n.t('site.name')}: ${i18n.t('obligations.cycles')}`, publicUrl: deps.publicUrl },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(ics);
  }
  for (const lang of LANGS) {
    app.get(`/${lang}/cycles.ics`, async (_req, reply) => sendCalendar(reply, lang, undefined, 'cycles.ics'));
    app.get<{ Params: { id: string } }>(`/${lang}/cycles/:id.ics`, async (req, reply) => {
      if (!ID.test(req.params.id)) throw notFound(`cycle ${req.params.id}`);
      return sendCalendar(reply, lang, req.params.id, `cycle-${req.params.id}.ics`);
    });
  }

  // ---- recommendations, by hand --------------------------------------------------------------
  function recommendationData(d: ReturnType<typeof RecommendationInput.parse>): RecommendationData {
    return {
      stateCode: d.stateCode,
      mechanismId: d.mechanismId,
      cycleId: d.cycleId,
      symbol: d.symbol,
      paragraph: d.paragraph,
      adoptedOn: d.adoptedOn,
      session: d.session,
      text: collectTranslated(d, 'text'),
      recommendingState: d.recommendingState,
      response: d.response,
      themeIds: d.themeIds,
      groupIds: d.groupIds,
      sdgTargets: d.sdgTargets,
      priority: d.priority,
    };
  }

  async function recommendationForm(
    ctx: PageContext,
    values: Values,
    body: Record<string, unknown>,
    errors?: FieldErrors,
    id?: string,
  ) {
    const options = await recommendationFormOptions(db);
    return (
      <RecommendationFormPage
        ctx={ctx}
        id={id}
        values={values}
        errors={errors}
        options={options}
        multi={{
          themeIds: asArray(body.themeIds),
          groupIds: asArray(body.groupIds),
          sdgTargets: asArray(body.sdgTargets),
        }}
      />
    );
  }

  langRoute(app, 'GET', '/recommendations/new', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const cycleId = typeof req.query.cycle === 'string' && ID.test(req.query.cycle) ? req.query.cycle : undefined;
    const cycle = cycleId
      ? await db
          .selectFrom('reporting_cycles')
          .select(['id', 'mechanism_id', 'state_code'])
          .where('id', '=', cycleId)
          .executeTakeFirst()
      : undefined;
    return recommendationForm(
      ctx,
      {
        stateCode: cycle?.state_code ?? (await homeState(db)),
        mechanismId: cycle?.mechanism_id,
        cycleId: cycle?.id,
      },
      {},
    );
  });

  langRoute(app, 'POST', '/recommendations', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(RecommendationInput, body, ctx.i18n);
    const result = form.ok ? await createRecommendation(db, user, recommendationData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationForm(ctx, formValues(body), body, result.errors);
    }
    flash(reply, 'obligations.recommendationSaved');
    return reply.redirect(`/${ctx.i18n.lang}/recommendations/${result.value}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/recommendations/:id/edit', async (req, _reply, ctx) => {
    authorize(req, 'manage-obligations');
    const r = ID.test(req.params.id)
      ? await db.selectFrom('recommendations').selectAll().where('id', '=', req.params.id).executeTakeFirst()
      : undefined;
    if (!r) throw notFound(`recommendation ${req.params.id}`);
    return recommendationForm(
      ctx,
      {
        stateCode: r.state_code,
        mechanismId: r.mechanism_id,
        cycleId: r.cycle_id ?? undefined,
        symbol: r.symbol ?? undefined,
        paragraph: r.paragraph ?? undefined,
        adoptedOn: r.adopted_on ?? undefined,
        session: r.session ?? undefined,
        recommendingState: r.recommending_state ?? undefined,
        response: r.response ?? undefined,
        priority: r.priority ? 'on' : undefined,
        ...translatedValues('text', r.text),
      },
      { themeIds: r.theme_ids, groupIds: r.affected_group_ids, sdgTargets: r.sdg_targets },
      undefined,
      r.id,
    );
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/edit', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(RecommendationInput, body, ctx.i18n);
    const result = form.ok
      ? await updateRecommendation(db, user, req.params.id, recommendationData(form.data), ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationForm(ctx, formValues(body), body, result.errors, req.params.id);
    }
    flash(reply, 'obligations.recommendationSaved');
    return reply.redirect(`/${ctx.i18n.lang}/recommendations/${req.params.id}`, 303);
  });

  // ---- one recommendation --------------------------------------------------------------------
  /**
   * The recommendation page: two queries for everyone (the recommendation with its lists, its
   * actions), plus a fixed few for staff (form options, clusters, link options, likely repeats) and
   * one for a representative (their organisation).
   */
  async function recommendationPage(
    req: FastifyRequest,
    ctx: PageContext,
    id: string,
    forms?: RecommendationPageForms,
  ) {
    const r = ID.test(id) ? await recommendationById(db, req.user, id) : undefined;
    if (!r) throw notFound(`recommendation ${id}`);
    const user = req.user;
    const staff = can(user, 'manage-obligations');
    const [org, options, clusters, linkOptions, repeats] = await Promise.all([
      user?.role === 'representative' && user.organisationId
        ? db
            .selectFrom('organisations')
            .select(['id', 'name', 'category'])
            .where('id', '=', user.organisationId)
            .executeTakeFirst()
        : undefined,
      staff ? recommendationFormOptions(db) : null,
      staff
        ? db.selectFrom('recommendation_clusters').select(['id', 'title']).orderBy('id', 'desc').limit(500).execute()
        : [],
      staff ? linkOptionsOf(user) : null,
      staff ? similarEarlier(db, r.id) : [],
    ]);
    const side = org ? sideOf(org.category) : null;
    const assessor =
      org && side && (side !== 'state' || r.actions.some((a) => a.responsible.id === org.id))
        ? { side, organisationName: org.name, current: r.assessments.find((a) => a.organisation.id === org.id) }
        : null;
    return (
      <RecommendationPage
        ctx={ctx}
        r={r}
        forms={forms}
        extras={{
          assessor,
          options,
          clusters,
          linkOptions,
          today: today(),
          proposedRepeats: repeats.map((x) => ({
            id: x.id,
            text: x.text,
            similarity: x.similarity,
            label: recommendationLabel({
              mechanism: { code: x.mechanismCode },
              symbol: x.symbol,
              paragraph: x.paragraph,
            }),
          })),
        }}
      />
    );
  }

  async function linkOptionsOf(reader: Reader) {
    const [proposals, agendaItems, tasks] = await Promise.all([
      linkableProposals(db),
      agendaItemOptions(db, reader, { limit: 500, includeDrafts: true }),
      taskOptions(db, reader, { limit: 500 }),
    ]);
    return { proposals, agendaItems, tasks };
  }

  langRoute<{ id: string }>(app, 'GET', '/recommendations/:id', async (req, _reply, ctx) =>
    recommendationPage(req, ctx, req.params.id),
  );

  const back = (reply: FastifyReply, ctx: PageContext, id: string, anchor: string) =>
    reply.redirect(`/${ctx.i18n.lang}/recommendations/${id}#${anchor}`, 303);

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/assessment', async (req, reply, ctx) => {
    const user = signedIn(req);
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const form = parseForm(AssessmentInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return recommendationPage(req, ctx, req.params.id, {
        assessment: { values: formValues(req.body), errors: form.errors },
      });
    }
    await assessRecommendation(db, user, req.params.id, {
      level: form.data.level,
      reasons: collectTranslated(form.data, 'reasons'),
    });
    flash(reply, 'obligations.assessmentSaved');
    return back(reply, ctx, req.params.id, 'assessments');
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/actions', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(ActionInput, body, ctx.i18n);
    const result = form.ok
      ? await addAction(
          db,
          user,
          req.params.id,
          {
            title: collectTranslated(form.data, 'title'),
            description: collectTranslated(form.data, 'description'),
            indicator: collectTranslated(form.data, 'indicator'),
            responsibleId: form.data.responsibleId,
            deadline: form.data.deadline,
            status: form.data.status,
          },
          body.forCluster === 'on',
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationPage(req, ctx, req.params.id, {
        action: { values: formValues(body), errors: result.errors },
      });
    }
    flash(reply, 'obligations.actionSaved');
    return back(reply, ctx, req.params.id, 'actions');
  });

  langRoute<{ id: string; action: string }>(
    app,
    'POST',
    '/recommendations/:id/actions/:action/status',
    async (req, reply, ctx) => {
      const user = signedIn(req);
      if (!ID.test(req.params.id) || !ID.test(req.params.action)) throw notFound('action');
      const form = parseForm(ActionStatusInput, req.body, ctx.i18n);
      if (!form.ok) throw new HttpError(422, 'bad status');
      await setActionStatus(db, user, req.params.action, form.data.status);
      flash(reply, 'obligations.actionSaved');
      return back(reply, ctx, req.params.id, `action-${req.params.action}`);
    },
  );

  langRoute<{ id: string; action: string }>(
    app,
    'POST',
    '/recommendations/:id/actions/:action/progress',
    async (req, reply, ctx) => {
      const user = signedIn(req);
      if (!ID.test(req.params.id) || !ID.test(req.params.action)) throw notFound('action');
      const form = parseForm(ProgressInput, req.body, ctx.i18n);
      if (!form.ok) {
        reply.code(422);
        return recommendationPage(req, ctx, req.params.id, {
          progress: { actionId: req.params.action, values: formValues(req.body), errors: form.errors },
        });
      }
      await db
        .transaction()
        .execute((trx) =>
          addProgress(
            trx,
            user,
            req.params.action,
            { reportedOn: form.data.reportedOn, text: collectTranslated(form.data, 'text'), links: form.data.links },
            [],
          ),
        );
      flash(reply, 'obligations.progressSaved');
      return back(reply, ctx, req.params.id, `action-${req.params.action}`);
    },
  );

  langRoute<{ id: string; report: string }>(
    app,
    'POST',
    '/recommendations/:id/progress/:report/files',
    async (req, reply, ctx) => {
      const user = signedIn(req);
      if (!ID.test(req.params.id) || !ID.test(req.params.report)) throw notFound('progress report');
      const report = await db
        .selectFrom('action_progress_reports as p')
        .innerJoin('implementation_actions as a', 'a.id', 'p.action_id')
        .select(['p.id', 'a.responsible_id'])
        .where('p.id', '=', req.params.report)
        .executeTakeFirst();
      if (!report) throw notFound(`progress report ${req.params.report}`);
      authorize(req, 'report-progress', { organisationId: report.responsible_id });
      const result = await receiveUpload(app, req, reply, {
        db,
        i18n: ctx.i18n,
        uploadedBy: user.id,
        validate: () => undefined,
        attach: async (trx, file) => {
          await trx.insertInto('action_progress_files').values({ report_id: report.id, file_id: file.id }).execute();
          await audit(trx, userActor(user), {
            entity: 'action_progress',
            entityId: report.id,
            action: 'attach',
            after: { file },
          });
        },
      });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return recommendationPage(req, ctx, req.params.id, {
          evidence: { reportId: report.id, errors: result.errors },
        });
      }
      flash(reply, 'documents.added');
      return back(reply, ctx, req.params.id, `progress-${report.id}`);
    },
    { csrfInHandler: true },
  );

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/cluster', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const form = parseForm(ClusterInput, req.body, ctx.i18n);
    const result = form.ok
      ? await setCluster(
          db,
          user,
          req.params.id,
          { clusterId: form.data.clusterId, newTitle: collectTranslated(form.data, 'clusterTitle') },
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationPage(req, ctx, req.params.id, {
        cluster: { values: formValues(req.body), errors: result.errors },
      });
    }
    flash(reply, 'obligations.clusterSaved');
    return back(reply, ctx, req.params.id, 'cluster');
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/repeats', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const form = parseForm(RepeatDecisionInput, req.body, ctx.i18n);
    if (!form.ok) throw new HttpError(422, 'bad repeat decision');
    await decideRepeat(
      db,
      user,
      req.params.id,
      form.data.earlierId,
      form.data.decision,
      await textSimilarity(db, req.params.id, form.data.earlierId),
    );
    flash(reply, 'obligations.repeatSaved');
    return back(reply, ctx, req.params.id, 'repeats');
  });

  langRoute<{ id: string }>(app, 'POST', '/recommendations/:id/links', async (req, reply, ctx) => {
    const user = signedIn(req);
    authorize(req, 'manage-obligations');
    if (!ID.test(req.params.id)) throw notFound(`recommendation ${req.params.id}`);
    const form = parseForm(LinkInput, req.body, ctx.i18n);
    const result = form.ok
      ? await setLink(db, user, req.params.id, form.data.kind, form.data.targetId, form.data.remove, ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      return recommendationPage(req, ctx, req.params.id, {
        link: { values: formValues(req.body), errors: result.errors },
      });
    }
    flash(reply, 'obligations.linkSaved');
    return back(reply, ctx, req.params.id, 'links');
  });
}
