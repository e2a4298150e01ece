import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { audit, userActor } from '../core/audit.ts';
import { can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import { receiveUpload } from '../core/files/upload.ts';
import type { PageContext } from '../core/html/context.ts';
import type { Values } from '../core/html/form.tsx';
import { csvStream } from '../core/http/csv.ts';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../core/http/forms.ts';
import { HttpError, notFound } from '../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../core/http/pages.ts';
import { recommendationsOfProposal } from '../obligations/index.ts';
import {
  answerProposal,
  assessAnswer,
  assignProposal,
  createProposal,
  endorseProposal,
  markDuplicate,
  type Outcome,
  recordStage,
  registerProposal,
  respondToCoAuthorship,
  setFollow,
  submitProposal,
  trackOf,
  withdrawProposal,
} from './proposals.ts';
import {
  authorOptions,
  factsOf,
  filterOptions,
  medianDaysToAnswer,
  proposalById,
  similarProposals,
  type TrackerFilter,
  timelineOf,
  trackerFigures,
  trackerPage,
} from './queries.ts';
import {
  AnswerInput,
  AssessInput,
  AttachmentFields,
  CoAuthorshipInput,
  DeadlineInput,
  FollowInput,
  MergeInput,
  NotifyInput,
  ProposalInput,
  ReasonInput,
  StageInput,
  TrackerQuery,
} from './schema.ts';
import {
  NotificationsPage,
  ProposalFormPage,
  ProposalPage,
  type ProposalPageData,
  TrackerPage,
} from './views/pages.tsx';
import { actingOrganisation, canSeeProposal, visibleProposals } from './visibility.ts';

const ID = /^\d{1,18}$/;

function signedIn(user: CurrentUser | null): CurrentUser {
  if (!user) throw new HttpError(401);
  return user;
}

const asArray = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

export function proposalRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;

  function trackerFilter(query: unknown): { filter: TrackerFilter; query: URLSearchParams } {
    const f = TrackerQuery.parse(query ?? {});
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(f))
      if (v !== undefined && v !== false && k !== 'page' && !(k === 'sort' && v === 'newest'))
        q.set(k, v === true ? '1' : String(v));
    return { filter: f, query: q };
  }

  // ---- the tracker ------------------------------------------------------------------------
  langRoute(app, 'GET', '/proposals', async (req, _reply, ctx) => {
    const { filter, query } = trackerFilter(req.query);
    const [rows, figures, medians, options, authors] = await Promise.all([
      trackerPage(db, filter, req.user),
      trackerFigures(db, filter, req.user),
      medianDaysToAnswer(db),
      filterOptions(db, ctx.user),
      authorOptions(db, req.user),
    ]);
    return (
      <TrackerPage
        ctx={ctx}
        rows={rows}
        filter={filter}
        figures={figures}
        medians={medians}
        options={{ ...options, authors }}
        query={query}
      />
    );
  });

  // Any filtered list as CSV (formulas neutralised), streamed page by page.
  app.get('/:lang/proposals.csv', async (req, reply) => {
    const { filter } = trackerFilter(req.query);
    async function* rows() {
      for (let page = 1; page <= 1000; page++) {
        const batch = await trackerPage(db, { ...filter, page }, req.user);
        for (const r of batch) {
          yield [
            r.id,
            r.status,
            r.kind,
            r.submittedAt?.toISOString() ?? '',
            r.title.ru ?? '',
            r.title.kk ?? '',
            r.title.en ?? '',
            r.authors.map((a) => a.name.ru ?? a.name.en ?? a.name.kk ?? '').join('; '),
            r.addressees
              .map(
                (a) =>
                  `${a.name.ru ?? a.name.en ?? a.name.kk ?? ''}: ${a.answer ?? (a.overdue ? 'overdue' : 'pending')}`,
              )
              .join('; '),
          ];
        }
        if (batch.length < 50) return;
      }
    }
    const csv = csvStream(
      ['id', 'status', 'kind', 'submitted_at', 'title_ru', 'title_kk', 'title_en', 'authors', 'addressees'],
      rows(),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="kenes-proposals.csv"')
      .send(csv);
  });

  // ---- writing ------------------------------------------------------------------------------
  async function formPage(
    ctx: PageContext,
    values: Values,
    multi: Record<string, string[]>,
    errors?: FieldErrors,
    similar?: { id: string; title: Record<string, string> }[],
  ) {
    const options = await filterOptions(db, ctx.user);
    return (
      <ProposalFormPage ctx={ctx} values={values} multi={multi} errors={errors} options={options} similar={similar} />
    );
  }

  function requireRepresentative(req: FastifyRequest) {
    const user = signedIn(req.user);
    if (!user.organisationId || !can(user, 'act-for-organisation', { organisationId: user.organisationId })) {
      throw new HttpError(403, 'not a representative', 'proposal.onlyRepresentatives');
    }
    return user;
  }

  langRoute(app, 'GET', '/proposals/new', async (req, _reply, ctx) => {
    requireRepresentative(req);
    return formPage(ctx, { kind: 'amend_law' }, {});
  });

  langRoute(app, 'POST', '/proposals', async (req, reply, ctx) => {
    const user = requireRepresentative(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = formValues(req.body);
    const multi = {
      addresseeIds: asArray(body.addresseeIds),
      coAuthorIds: asArray(body.coAuthorIds),
      themeIds: asArray(body.themeIds),
    };
    const form = parseForm(ProposalInput, req.body, ctx.i18n);
    if (body.intent === 'similar') {
      const text = ['title_kk', 'title_ru', 'title_en']
        .map((k) => (typeof body[k] === 'string' ? body[k] : ''))
        .join(' ')
        .trim();
      return formPage(ctx, values, multi, undefined, text ? await similarProposals(db, text.slice(0, 300), user) : []);
    }
    if (!form.ok) {
      reply.code(422);
      return formPage(ctx, values, multi, form.errors);
    }
    const d = form.data;
    const actName = collectTranslated(d, 'actName');
    const result = await createProposal(
      db,
      user,
      {
        title: collectTranslated(d, 'title'),
        body: collectTranslated(d, 'body'),
        kind: d.kind,
        addresseeIds: d.addresseeIds,
        coAuthorIds: d.coAuthorIds,
        themeIds: d.themeIds,
        meetingId: d.meetingId,
        agendaItemId: d.agendaItemId,
        legalAct: Object.keys(actName).length
          ? { name: actName, number: d.actNumber, article: d.actArticle, url: d.actUrl }
          : undefined,
      },
      ctx.i18n,
      deps.publicUrl,
    );
    if (!result.ok) {
      reply.code(422);
      return formPage(ctx, values, multi, result.errors);
    }
    flash(reply, 'proposal.created');
    return reply.redirect(`/${ctx.i18n.lang}/proposals/${result.value}`, 303);
  });

  // ---- one proposal ----------------------------------------------------------------------------
  /** The proposal page: three queries (proposal, timeline, follow) whatever it holds. */
  async function proposalPage(req: FastifyRequest, ctx: PageContext, id: string, forms?: ProposalPageData['forms']) {
    const proposal = ID.test(id) ? await proposalById(db, id, req.user) : undefined;
    const user = req.user;
    if (!proposal || !canSeeProposal(user, factsOf(proposal))) throw notFound(`proposal ${id}`);
    const own = actingOrganisation(user);
    const isAuthor = own !== null && proposal.authors.some((a) => a.id === own);
    const isInvited = own !== null && proposal.invited.some((a) => a.id === own);
    const [timeline, following, settingRows, recommendations] = await Promise.all([
      timelineOf(db, proposal.id, isAuthor || isInvited),
      user
        ? db
            .selectFrom('follows')
            .select('user_id')
            .where('user_id', '=', user.id)
            .where('proposal_id', '=', proposal.id)
            .executeTakeFirst()
        : Promise.resolve(undefined),
      db.selectFrom('settings').select(['key', 'value']).execute(),
      recommendationsOfProposal(db, proposal.id),
    ]);
    const settings = new Map(settingRows.map((r) => [r.key, r.value]));
    const days = Number(settings.get('answer_deadline_days') ?? 30);
    const defaultDeadline = new Date(Date.now() + (Number.isFinite(days) ? days : 30) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const myAddressee =
      user?.organisationId && can(user, 'act-for-organisation', { organisationId: user.organisationId })
        ? proposal.addressees.find((a) => a.organisationId === user.organisationId)
        : undefined;
    const accepted = proposal.addressees.some((a) => a.answer === 'accepted' || a.answer === 'partly_accepted');
    const track = trackOf(proposal.kind);
    const nextStage =
      accepted && ['answered', 'in_implementation'].includes(proposal.status)
        ? track[proposal.stages.length]
        : undefined;
    return (
      <ProposalPage
        ctx={ctx}
        data={{
          proposal,
          timeline,
          following: Boolean(following),
          isAuthor,
          isInvited,
          myAddressee,
          nextStage,
          defaultDeadline,
          recommendations,
          forms,
        }}
      />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/proposals/:id', async (req, _reply, ctx) =>
    proposalPage(req, ctx, req.params.id),
  );

  /** A POST on a proposal: parse, act, then redirect with a message or re-render with errors. */
  function action<S extends Parameters<typeof parseForm>[0]>(
    path: string,
    schema: S,
    formName: string,
    run: (
      req: FastifyRequest<{ Params: { id: string; a?: string } }>,
      user: CurrentUser,
      data: ReturnType<S['parse']>,
      ctx: PageContext,
    ) => Promise<Outcome | undefined>,
    done: Parameters<typeof flash>[1],
  ) {
    langRoute<{ id: string; a?: string }>(app, 'POST', `/proposals/:id${path}`, async (req, reply, ctx) => {
      if (!ID.test(req.params.id) || (req.params.a !== undefined && !ID.test(req.params.a))) throw notFound();
      const user = signedIn(req.user);
      const form = parseForm(schema, req.body, ctx.i18n);
      const result = form.ok ? await run(req, user, form.data as ReturnType<S['parse']>, ctx) : form;
      if (result && !result.ok) {
        reply.code(422);
        return proposalPage(req, ctx, req.params.id, {
          [formName]: { values: formValues(req.body), errors: result.errors },
        });
      }
      flash(reply, done);
      return reply.redirect(`/${ctx.i18n.lang}/proposals/${req.params.id}`, 303);
    });
  }

  const url = deps.publicUrl;
  action(
    '/submit',
    ReasonInput,
    'submit',
    (req, user, _d, ctx) => submitProposal(db, user, req.params.id, ctx.i18n, url),
    'proposal.submitted',
  );
  action(
    '/register',
    ReasonInput,
    'register',
    (req, user, _d, ctx) => registerProposal(db, user, req.params.id, ctx.i18n, url),
    'proposal.registered',
  );
  action(
    '/assign',
    DeadlineInput,
    'assign',
    (req, user, d, ctx) => assignProposal(db, user, req.params.id, d.deadline, ctx.i18n, url),
    'proposal.assigned',
  );
  action(
    '/answer',
    AnswerInput,
    'answer',
    (req, user, d, ctx) =>
      answerProposal(
        db,
        user,
        req.params.id,
        { answer: d.answer, reasons: collectTranslated(d, 'reasons') },
        ctx.i18n,
        url,
      ),
    'proposal.answered',
  );
  action(
    '/answers/:a/assessment',
    AssessInput,
    'assess',
    (req, user, d, ctx) => assessAnswer(db, user, req.params.id, req.params.a ?? '', d, ctx.i18n, url),
    'proposal.assessed',
  );
  action(
    '/stages',
    StageInput,
    'stage',
    (req, user, d, ctx) => recordStage(db, user, req.params.id, d, ctx.i18n, url),
    'proposal.stageRecorded',
  );
  action(
    '/merge',
    MergeInput,
    'merge',
    (req, user, d, ctx) => markDuplicate(db, user, req.params.id, d.into, d.reason, ctx.i18n, url),
    'proposal.merged',
  );
  action(
    '/withdraw',
    ReasonInput,
    'withdraw',
    (req, user, d, ctx) => withdrawProposal(db, user, req.params.id, d.reason, ctx.i18n, url),
    'proposal.withdrawn',
  );
  action(
    '/endorse',
    ReasonInput,
    'endorse',
    async (req, user) => {
      await endorseProposal(db, user, req.params.id, url);
      return undefined;
    },
    'proposal.endorsed',
  );
  action(
    '/co-authorship',
    CoAuthorshipInput,
    'coAuthorship',
    (req, user, d, ctx) => respondToCoAuthorship(db, user, req.params.id, d.answer === 'accept', ctx.i18n, url),
    'proposal.coAuthorshipAnswered',
  );
  action(
    '/follow',
    FollowInput,
    'follow',
    async (req, user, d) => {
      await setFollow(db, user, req.params.id, d.follow === '1');
      return undefined;
    },
    'proposal.followed',
  );

  // Attachments: the authors add files while the proposal is open.
  langRoute<{ id: string }>(
    app,
    'POST',
    '/proposals/:id/attachments',
    async (req, reply, ctx) => {
      const user = signedIn(req.user);
      const proposal = ID.test(req.params.id) ? await proposalById(db, req.params.id, req.user) : undefined;
      if (!proposal || !canSeeProposal(user, factsOf(proposal))) throw notFound();
      if (!proposal.authors.some((a) => can(user, 'act-for-organisation', { organisationId: a.id })))
        throw new HttpError(403, 'attach');
      if (['withdrawn', 'merged'].includes(proposal.status))
        throw new HttpError(409, 'closed', 'proposal.notAllowedNow');
      const result = await receiveUpload(app, req, reply, {
        db,
        i18n: ctx.i18n,
        uploadedBy: user.id,
        validate: (fields) => {
          const form = parseForm(AttachmentFields, fields, ctx.i18n);
          return form.ok ? undefined : form.errors;
        },
        attach: async (trx, file, fields) => {
          const title = collectTranslated(AttachmentFields.parse(fields), 'title');
          const row = await trx
            .insertInto('proposal_attachments')
            .values({ proposal_id: proposal.id, file_id: file.id, title: JSON.stringify(title) })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(trx, userActor(user), {
            entity: 'proposal_attachment',
            entityId: row.id,
            action: 'create',
            after: { proposalId: proposal.id, file },
          });
        },
      });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return proposalPage(req, ctx, proposal.id, { attachment: { values: result.fields, errors: result.errors } });
      }
      flash(reply, 'documents.added');
      return reply.redirect(`/${ctx.i18n.lang}/proposals/${proposal.id}#attachments`, 303);
    },
    { csrfInHandler: true },
  );

  // ---- notifications ----------------------------------------------------------------------------
  langRoute(app, 'GET', '/notifications', async (req, _reply, ctx) => {
    authorize(req, 'follow');
    const user = signedIn(req.user);
    const [items, pref] = await Promise.all([
      db
        .selectFrom('notifications as n')
        .innerJoin('proposal_events as e', 'e.id', 'n.event_id')
        .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
        .select(['n.id', 'p.id as proposalId', 'p.title', 'e.kind', 'e.detail', 'e.at', 'n.read_at as readAt'])
        .where('n.user_id', '=', user.id)
        // A proposal one may no longer see (an invitation declined, a draft withdrawn) drops out.
        .where(visibleProposals(user))
        .orderBy('n.id', 'desc')
        .limit(100)
        .execute(),
      db.selectFrom('users').select('notify').where('id', '=', user.id).executeTakeFirstOrThrow(),
    ]);
    return <NotificationsPage ctx={ctx} items={items} preference={pref.notify} />;
  });

  langRoute(app, 'POST', '/notifications/read', async (req, reply, ctx) => {
    authorize(req, 'follow');
    await db
      .updateTable('notifications')
      .set({ read_at: sql`now()` })
      .where('user_id', '=', signedIn(req.user).id)
      .where('read_at', 'is', null)
      .execute();
    return reply.redirect(`/${ctx.i18n.lang}/notifications`, 303);
  });

  langRoute(app, 'POST', '/notifications/preference', async (req, reply, ctx) => {
    authorize(req, 'follow');
    const user = signedIn(req.user);
    const form = parseForm(NotifyInput, req.body, ctx.i18n);
    if (!form.ok) throw new HttpError(422, 'notify');
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ notify: form.data.notify }).where('id', '=', user.id).execute();
      await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'notify', after: form.data });
    });
    flash(reply, 'account.saved');
    return reply.redirect(`/${ctx.i18n.lang}/notifications`, 303);
  });

  // Similar proposals as JSON, for the small script that suggests them while typing.
  app.get('/api/v1/proposals/similar', async (req) => {
    const q = (req.query as { q?: unknown }).q;
    if (typeof q !== 'string' || q.trim().length < 4) return { items: [] };
    const items = await similarProposals(db, q.trim().slice(0, 300), req.user);
    return {
      items: items.map((p) => ({
        id: p.id,
        title: p.title,
        status: p.status,
        url: `${deps.publicUrl}/en/proposals/${p.id}`,
      })),
    };
  });
}
