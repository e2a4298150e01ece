import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { atomFeed } from '../core/atom.ts';
import { audit, userActor } from '../core/audit.ts';
import { newToken, tokenHash } from '../core/auth/sessions.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import { receiveUpload } from '../core/files/upload.ts';
import type { PageContext } from '../core/html/context.ts';
import { translatedValues, type Values } from '../core/html/form.tsx';
import { plain } from '../core/html/text.tsx';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../core/http/forms.ts';
import { HttpError, notFound } from '../core/http/http-error.ts';
import { authorize, flash, langRoute } from '../core/http/pages.ts';
import { i18nFor } from '../core/i18n/i18n.ts';
import type { Lang } from '../core/i18n/locales.ts';
import { proposalsOfMeeting } from '../proposals/index.ts';
import { attendancePdf } from './attendance-pdf.ts';
import { draftCommuniqueAll } from './communique.ts';
import { buildCommuniqueRecord } from './communique-record.ts';
import { meetingsCalendar } from './ical.ts';
import {
  addAgendaItem,
  addAttendee,
  addDecision,
  addPresenter,
  approveMinutes,
  attendingOrganisationIds,
  changeStatus,
  circulateMinutes,
  decideCorrection,
  inviteOrganisations,
  type MeetingData,
  markTaskDone,
  moveAgendaItem,
  proposeCorrection,
  publishCommunique,
  recordPresence,
  removeAgendaItem,
  removePresenter,
  respondToInvitation,
  saveCommunique,
  saveMinutesVersion,
  scheduleMeeting,
  updateAgendaItem,
  updateMeeting,
} from './meetings.ts';
import {
  agendaOf,
  attendanceOf,
  calendarMeetings,
  communiqueOf,
  correctionsOf,
  decisionsOf,
  documentsOf,
  invitationsOf,
  type MeetingDetail,
  mainBody,
  meetingById,
  minutesVersions,
  news,
  newsItem,
  openTasks,
  pastMeetings,
  peopleWithPositions,
  tasksOfMeeting,
  upcomingMeetings,
} from './queries.ts';
import {
  AgendaItemInput,
  AttendanceAddInput,
  CommuniqueInput,
  CorrectionDecisionInput,
  CorrectionInput,
  DecisionInput,
  DocumentFields,
  InviteOrganisationsInput,
  MeetingInput,
  MoveInput,
  PresenterInput,
  ResponseInput,
  StatusInput,
} from './schema.ts';
import { summarise, summaryPhrase } from './summary.ts';
import { isTimeZone, utcToZonedInput, zonedToUtc } from './time.ts';
import { CalendarPage, MeetingsPage, NewsItemPage, NewsPage, TasksPage } from './views/list-pages.tsx';
import {
  AgendaEditorPage,
  AgendaItemFormPage,
  AttendancePage,
  CommuniquePage,
  InvitationsPage,
  MeetingFormPage,
  MinutesPage,
} from './views/manage-pages.tsx';
import { MeetingPage, type MeetingPageData } from './views/meeting-page.tsx';
import { type MeetingPart, maySee } from './visibility.ts';
import { agendaOpen, MANUAL, TRANSITIONS } from './workflow.ts';

const ID = /^\d{1,18}$/;

/** A paging cursor from the query: an instant PostgreSQL can store (years 1–9999), or none. */
function pageBefore(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 1 || y > 9999 ? undefined : d;
}

function signedIn(user: CurrentUser | null): CurrentUser {
  if (!user) throw new HttpError(401);
  return user;
}

export function meetingRoutes(app: FastifyInstance, deps: { publicUrl: string }) {
  const db = app.db;

  /** The meeting, if the reader may see it (and the part asked for); else 404, as for an unknown id. */
  async function readable(user: CurrentUser | null, id: string, part: MeetingPart = 'meeting'): Promise<MeetingDetail> {
    const meeting = ID.test(id) ? await meetingById(db, id) : undefined;
    if (!meeting || !maySee(user, 'meeting', meeting) || !maySee(user, part, meeting)) throw notFound(`meeting ${id}`);
    return meeting;
  }

  const organisations = () => db.selectFrom('organisations').select(['id', 'name', 'category']).execute();

  // ---- lists -------------------------------------------------------------------------------
  langRoute(app, 'GET', '/meetings', async (req, _reply, ctx) => {
    const before = pageBefore(req.query.before);
    const [upcoming, past] = await Promise.all([
      before ? Promise.resolve([]) : upcomingMeetings(db, ctx.user),
      pastMeetings(db, ctx.user, { before }),
    ]);
    const shown = past.slice(0, 50);
    const last = shown.at(-1);
    return (
      <MeetingsPage
        ctx={ctx}
        upcoming={upcoming}
        past={shown}
        olderHref={
          past.length > 50 && last
            ? `/${ctx.i18n.lang}/meetings?before=${encodeURIComponent(last.startsAt.toISOString())}`
            : undefined
        }
        calendarHref={ctx.user ? `/${ctx.i18n.lang}/account/calendar` : undefined}
      />
    );
  });

  langRoute(app, 'GET', '/tasks', async (_req, _reply, ctx) => {
    return <TasksPage ctx={ctx} tasks={await openTasks(db, ctx.user)} />;
  });

  langRoute<{ id: string }>(app, 'POST', '/tasks/:id/done', async (req, reply, ctx) => {
    if (!ID.test(req.params.id)) throw notFound();
    const meetingId = await markTaskDone(db, signedIn(req.user), req.params.id);
    flash(reply, 'tasks.done');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${meetingId}`, 303);
  });

  // ---- schedule and edit ------------------------------------------------------------------
  function meetingData(d: Record<string, unknown>, startsAt: Date, endsAt: Date | null): MeetingData {
    return {
      title: collectTranslated(d, 'title'),
      description: collectTranslated(d, 'description'),
      venue: collectTranslated(d, 'venue'),
      startsAt,
      endsAt,
      timeZone: d.timeZone as string,
      onlineUrl: (d.onlineUrl as string | undefined) ?? null,
      format: d.format as MeetingData['format'],
      visibility: d.visibility as MeetingData['visibility'],
      chairPersonId: (d.chairPersonId as string | undefined) ?? null,
      secretaryPersonId: (d.secretaryPersonId as string | undefined) ?? null,
    };
  }

  /** Parses the meeting form, turning its local times into instants in the chosen zone. */
  function parseMeeting(
    body: unknown,
    ctx: PageContext,
  ): { ok: true; data: MeetingData } | { ok: false; errors: FieldErrors } {
    const form = parseForm(MeetingInput, body, ctx.i18n);
    if (!form.ok) return form;
    const d = form.data;
    if (!isTimeZone(d.timeZone)) return { ok: false, errors: { timeZone: ctx.i18n.t('validation.choice') } };
    const startsAt = zonedToUtc(d.startsAt, d.timeZone);
    const endsAt = d.endsAt ? zonedToUtc(d.endsAt, d.timeZone) : null;
    if (!startsAt) return { ok: false, errors: { startsAt: ctx.i18n.t('validation.date') } };
    if (endsAt === undefined) return { ok: false, errors: { endsAt: ctx.i18n.t('validation.date') } };
    return { ok: true, data: meetingData(d, startsAt, endsAt) };
  }

  async function meetingForm(ctx: PageContext, title: string, action: string, values: Values, errors?: FieldErrors) {
    return (
      <MeetingFormPage
        ctx={ctx}
        title={title}
        action={action}
        values={values}
        errors={errors}
        people={await peopleWithPositions(db)}
      />
    );
  }

  langRoute(app, 'GET', '/meetings/new', async (req, _reply, ctx) => {
    authorize(req, 'run-meetings');
    return meetingForm(ctx, ctx.i18n.t('meetings.new'), `/${ctx.i18n.lang}/meetings`, {
      timeZone: 'Asia/Almaty',
      format: 'in_person',
      visibility: 'public',
    });
  });

  langRoute(app, 'POST', '/meetings', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const body = await mainBody(db);
    if (!body) throw notFound('body');
    const parsed = parseMeeting(req.body, ctx);
    const result = parsed.ok ? await scheduleMeeting(db, signedIn(req.user), body.id, parsed.data, ctx.i18n) : parsed;
    if (!result.ok) {
      reply.code(422);
      return meetingForm(
        ctx,
        ctx.i18n.t('meetings.new'),
        `/${ctx.i18n.lang}/meetings`,
        formValues(req.body),
        result.errors,
      );
    }
    flash(reply, 'meeting.scheduled');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${result.value}/agenda`, 303);
  });

  function storedValues(m: MeetingDetail): Values {
    return {
      ...translatedValues('title', m.title),
      ...translatedValues('description', m.description),
      ...translatedValues('venue', m.venue),
      startsAt: utcToZonedInput(m.startsAt, m.timeZone),
      endsAt: m.endsAt ? utcToZonedInput(m.endsAt, m.timeZone) : '',
      timeZone: m.timeZone,
      onlineUrl: m.onlineUrl ?? '',
      format: m.format,
      visibility: m.visibility,
      chairPersonId: m.chairPersonId ?? '',
      secretaryPersonId: m.secretaryPersonId ?? '',
    };
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/edit', async (req, _reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    return meetingForm(ctx, ctx.i18n.t('meeting.edit'), `/${ctx.i18n.lang}/meetings/${m.id}/edit`, storedValues(m));
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/edit', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const parsed = parseMeeting(req.body, ctx);
    const result = parsed.ok ? await updateMeeting(db, signedIn(req.user), m.id, parsed.data, ctx.i18n) : parsed;
    if (!result.ok) {
      reply.code(422);
      return meetingForm(
        ctx,
        ctx.i18n.t('meeting.edit'),
        `/${ctx.i18n.lang}/meetings/${m.id}/edit`,
        formValues(req.body),
        result.errors,
      );
    }
    flash(reply, 'meeting.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  // ---- the meeting page ------------------------------------------------------------------
  /** Everything the meeting page shows: a fixed number of queries whatever the lists hold. */
  async function meetingPage(req: FastifyRequest, ctx: PageContext, id: string, forms?: MeetingPageData['forms']) {
    const meeting = await readable(req.user, id);
    const staff = ctx.can('run-meetings');
    const orgId = req.user?.organisationId ?? null;
    const [agenda, documents, attendance, invitations, decisions, tasks, versions, communique, myPeople, proposals] =
      await Promise.all([
        agendaOf(db, meeting.id),
        documentsOf(db, meeting.id),
        attendanceOf(db, meeting.id),
        staff || (orgId && ctx.can('act-for-organisation', { organisationId: orgId }))
          ? invitationsOf(db, meeting.id)
          : Promise.resolve([]),
        decisionsOf(db, meeting.id),
        tasksOfMeeting(db, meeting.id),
        maySee(req.user, 'approvedMinutes', meeting)
          ? db
              .selectFrom('minutes_versions')
              .select(['version', 'content'])
              .where('meeting_id', '=', meeting.id)
              .orderBy('version', 'desc')
              .limit(1)
              .execute()
          : Promise.resolve([]),
        communiqueOf(db, meeting.id),
        orgId && ctx.can('act-for-organisation', { organisationId: orgId })
          ? db
              .selectFrom('positions as p')
              .innerJoin('people as pe', 'pe.id', 'p.person_id')
              .select(['pe.id as personId', 'pe.full_name as name'])
              .where('p.organisation_id', '=', orgId)
              .where('p.until', 'is', null)
              .execute()
          : Promise.resolve([]),
        proposalsOfMeeting(db, meeting.id),
      ]);
    const mine = orgId ? invitations.find((i) => i.organisationId === orgId) : undefined;
    const data: MeetingPageData = {
      meeting,
      agenda,
      documents,
      attendance,
      invitations: staff ? invitations : undefined,
      myInvitation:
        mine && ctx.can('act-for-organisation', { organisationId: orgId })
          ? {
              invitation: mine,
              people: myPeople,
              delegates: attendance.filter((a) => a.organisationId === orgId).map((a) => a.personId),
            }
          : undefined,
      decisions,
      tasks,
      minutes: versions[0],
      communique: communique && maySee(req.user, 'communique', meeting) ? communique : undefined,
      transitions: TRANSITIONS[meeting.status].filter((s) => MANUAL.includes(s)),
      proposals,
      forms,
    };
    return <MeetingPage ctx={ctx} data={data} />;
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id', async (req, _reply, ctx) =>
    meetingPage(req, ctx, req.params.id),
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/status', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const values = formValues(req.body);
    const form = parseForm(StatusInput, req.body, ctx.i18n);
    const result = form.ok
      ? await changeStatus(
          db,
          signedIn(req.user),
          m.id,
          form.data.status,
          collectTranslated(form.data, 'reason'),
          ctx.i18n,
        )
      : form;
    if (!result.ok) {
      reply.code(422);
      return meetingPage(req, ctx, m.id, { status: { values, errors: result.errors } });
    }
    flash(reply, 'meeting.statusChanged', {
      status: ctx.i18n.t(`meeting.status.${form.ok ? form.data.status : 'draft'}`),
    });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/response', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    const m = await readable(user, req.params.id);
    const values = formValues(req.body);
    const form = parseForm(ResponseInput, req.body, ctx.i18n);
    const result = form.ok ? await respondToInvitation(db, user, m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return meetingPage(req, ctx, m.id, { response: { values, errors: result.errors } });
    }
    flash(reply, 'invitations.answered');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  // ---- agenda -------------------------------------------------------------------------------
  async function agendaPage(
    req: FastifyRequest,
    ctx: PageContext,
    id: string,
    forms?: Parameters<typeof AgendaEditorPage>[0]['forms'],
  ) {
    authorize(req, 'run-meetings');
    const meeting = await readable(req.user, id);
    const [agenda, orgs, people] = await Promise.all([
      agendaOf(db, meeting.id),
      organisations(),
      peopleWithPositions(db),
    ]);
    return (
      <AgendaEditorPage
        ctx={ctx}
        meeting={meeting}
        agenda={agenda}
        organisations={orgs}
        people={people}
        forms={forms}
      />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/agenda', async (req, _reply, ctx) =>
    agendaPage(req, ctx, req.params.id),
  );

  const itemData = (d: Record<string, unknown>) => ({
    title: collectTranslated(d, 'title'),
    description: collectTranslated(d, 'description'),
    plannedMinutes: d.plannedMinutes as number | undefined,
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/agenda', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const values = formValues(req.body);
    const form = parseForm(AgendaItemInput, req.body, ctx.i18n);
    const result = form.ok ? await addAgendaItem(db, signedIn(req.user), m.id, itemData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return agendaPage(req, ctx, m.id, { item: { values, errors: result.errors } });
    }
    flash(reply, 'agenda.added');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${result.value}`, 303);
  });

  langRoute<{ id: string; item: string }>(app, 'GET', '/meetings/:id/agenda/:item/edit', async (req, _reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const item = (await agendaOf(db, m.id)).find((i) => i.id === req.params.item);
    if (!item) throw notFound();
    const values = {
      ...translatedValues('title', item.title),
      ...translatedValues('description', item.description),
      plannedMinutes: item.plannedMinutes ? String(item.plannedMinutes) : '',
    };
    return (
      <AgendaItemFormPage
        ctx={ctx}
        meeting={m}
        action={`/${ctx.i18n.lang}/meetings/${m.id}/agenda/${item.id}/edit`}
        values={values}
      />
    );
  });

  langRoute<{ id: string; item: string }>(app, 'POST', '/meetings/:id/agenda/:item/edit', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    if (!ID.test(req.params.item)) throw notFound();
    const form = parseForm(AgendaItemInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return (
        <AgendaItemFormPage
          ctx={ctx}
          meeting={m}
          action={`/${ctx.i18n.lang}/meetings/${m.id}/agenda/${req.params.item}/edit`}
          values={formValues(req.body)}
          errors={form.errors}
        />
      );
    }
    await updateAgendaItem(db, signedIn(req.user), m.id, req.params.item, itemData(form.data));
    flash(reply, 'agenda.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
  });

  langRoute<{ id: string; item: string }>(app, 'POST', '/meetings/:id/agenda/:item/move', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const form = parseForm(MoveInput, req.body, ctx.i18n);
    if (!form.ok || !ID.test(req.params.item)) throw new HttpError(422);
    await moveAgendaItem(db, signedIn(req.user), m.id, req.params.item, form.data.direction);
    flash(reply, 'agenda.moved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
  });

  langRoute<{ id: string; item: string }>(app, 'POST', '/meetings/:id/agenda/:item/delete', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    if (!ID.test(req.params.item)) throw notFound();
    await removeAgendaItem(db, signedIn(req.user), m.id, req.params.item);
    flash(reply, 'agenda.removed');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda`, 303);
  });

  langRoute<{ id: string; item: string }>(
    app,
    'POST',
    '/meetings/:id/agenda/:item/presenters',
    async (req, reply, ctx) => {
      authorize(req, 'run-meetings');
      const m = await readable(req.user, req.params.id);
      if (!ID.test(req.params.item)) throw notFound();
      const values = formValues(req.body);
      const form = parseForm(PresenterInput, req.body, ctx.i18n);
      const result = form.ok
        ? await addPresenter(db, signedIn(req.user), m.id, req.params.item, form.data, ctx.i18n)
        : form;
      if (!result.ok) {
        reply.code(422);
        return agendaPage(req, ctx, m.id, { presenter: { itemId: req.params.item, values, errors: result.errors } });
      }
      flash(reply, 'agenda.presenterAdded');
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
    },
  );

  langRoute<{ id: string; presenter: string }>(
    app,
    'POST',
    '/meetings/:id/agenda/presenters/:presenter/delete',
    async (req, reply, ctx) => {
      authorize(req, 'run-meetings');
      const m = await readable(req.user, req.params.id);
      if (!ID.test(req.params.presenter)) throw notFound();
      await removePresenter(db, signedIn(req.user), m.id, req.params.presenter);
      flash(reply, 'agenda.presenterRemoved');
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda`, 303);
    },
  );

  // ---- documents ------------------------------------------------------------------------------
  /*
   * Uploads are multipart and streamed, so the global CSRF hook (which reads a parsed body) does
   * not see them: this route checks the token itself, from the form's first field, before it
   * reads the file.
   */
  langRoute<{ id: string }>(
    app,
    'POST',
    '/meetings/:id/documents',
    async (req, reply, ctx) => {
      authorize(req, 'run-meetings');
      const user = signedIn(req.user);
      const m = await readable(user, req.params.id);
      if (!agendaOpen(m.status)) throw new HttpError(409, 'documents closed', 'agenda.locked');
      const result = await receiveUpload(app, req, reply, {
        db,
        i18n: ctx.i18n,
        uploadedBy: user.id,
        validate: (fields) => {
          const form = parseForm(DocumentFields, fields, ctx.i18n);
          return form.ok ? undefined : form.errors;
        },
        attach: async (trx, file, fields) => {
          const form = DocumentFields.parse(fields);
          if (form.agendaItemId) {
            const item = await trx
              .selectFrom('agenda_items')
              .select('id')
              .where('id', '=', form.agendaItemId)
              .where('meeting_id', '=', m.id)
              .executeTakeFirst();
            if (!item) throw new HttpError(422, 'agenda item of another meeting');
          }
          const doc = await trx
            .insertInto('meeting_documents')
            .values({
              meeting_id: m.id,
              agenda_item_id: form.agendaItemId ?? null,
              file_id: file.id,
              title: JSON.stringify(collectTranslated(form, 'title')),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(trx, userActor(user), {
            entity: 'meeting_document',
            entityId: doc.id,
            action: 'create',
            after: { meetingId: m.id, file },
          });
        },
      });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return meetingPage(req, ctx, m.id, { document: { values: result.fields, errors: result.errors } });
      }
      flash(reply, 'documents.added');
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}#documents`, 303);
    },
    { csrfInHandler: true },
  );
  // ---- invitations ----------------------------------------------------------------------------
  async function invitationsPage(req: FastifyRequest, ctx: PageContext, id: string, errors?: FieldErrors) {
    authorize(req, 'run-meetings');
    const meeting = await readable(req.user, id);
    const [invitations, orgs, members] = await Promise.all([
      invitationsOf(db, meeting.id),
      organisations(),
      db
        .selectFrom('body_memberships')
        .select('organisation_id')
        .where('body_id', '=', meeting.bodyId)
        .where('until', 'is', null)
        .where('status', '=', 'member')
        .execute(),
    ]);
    return (
      <InvitationsPage
        ctx={ctx}
        meeting={meeting}
        invitations={invitations}
        organisations={orgs}
        memberIds={new Set(members.map((x) => x.organisation_id))}
        errors={errors}
      />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/invitations', async (req, _reply, ctx) =>
    invitationsPage(req, ctx, req.params.id),
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/invitations', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const form = parseForm(InviteOrganisationsInput, req.body, ctx.i18n);
    if (!form.ok || form.data.organisationIds.length === 0) {
      reply.code(422);
      return invitationsPage(
        req,
        ctx,
        m.id,
        form.ok ? { organisationIds: ctx.i18n.t('invitations.chooseOne') } : form.errors,
      );
    }
    const orgNames = new Map((await organisations()).map((o) => [o.id, o.name]));
    const pick = (v: Parameters<typeof plain>[0], lang: Lang) => plain(v, i18nFor(lang));
    const count = await inviteOrganisations(db, signedIn(req.user), m.id, form.data.organisationIds, form.data.role, {
      publicUrl: deps.publicUrl,
      bodyName: (lang) => pick(m.bodyName, lang),
      title: (lang) => pick(m.title, lang),
      when: (lang) => i18nFor(lang).dateTime(m.startsAt, m.timeZone),
      venue: (lang) => pick(m.venue, lang) || (m.onlineUrl ?? ''),
      organisationName: (id, lang) => pick(orgNames.get(id) ?? {}, lang),
    });
    flash(reply, 'invitations.sent', { count });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/invitations`, 303);
  });

  // ---- attendance -------------------------------------------------------------------------------
  async function attendancePage(req: FastifyRequest, ctx: PageContext, id: string, errors?: FieldErrors) {
    authorize(req, 'read-members-only');
    const meeting = await readable(req.user, id, 'attendanceRegister');
    const staff = ctx.can('run-meetings');
    const [rows, orgs, people] = await Promise.all([
      attendanceOf(db, meeting.id),
      staff ? organisations() : Promise.resolve([]),
      staff ? peopleWithPositions(db) : Promise.resolve([]),
    ]);
    return (
      <AttendancePage ctx={ctx} meeting={meeting} rows={rows} organisations={orgs} people={people} errors={errors} />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/attendance', async (req, _reply, ctx) =>
    attendancePage(req, ctx, req.params.id),
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/attendance', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const presence = new Map<string, 'expected' | 'present' | 'online' | 'absent'>();
    for (const [k, v] of Object.entries(body)) {
      const match = /^presence_(\d{1,18})$/.exec(k);
      if (!match?.[1]) continue;
      if (v !== 'expected' && v !== 'present' && v !== 'online' && v !== 'absent')
        throw new HttpError(422, `presence ${String(v)}`);
      presence.set(match[1], v);
    }
    await recordPresence(db, signedIn(req.user), m.id, presence);
    flash(reply, 'attendance.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/attendance`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/attendance/add', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const form = parseForm(AttendanceAddInput, req.body, ctx.i18n);
    const result = form.ok ? await addAttendee(db, signedIn(req.user), m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return attendancePage(req, ctx, m.id, result.errors);
    }
    flash(reply, 'attendance.added');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/attendance`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/attendance.pdf', async (req, reply, ctx) => {
    authorize(req, 'read-members-only');
    const m = await readable(req.user, req.params.id, 'attendanceRegister');
    const rows = await attendanceOf(db, m.id);
    const { i18n } = ctx;
    const summary = summarise(rows, i18n);
    const pdf = await attendancePdf({
      title: `${i18n.t('attendance.pdfTitle')}: ${i18n.t('meeting.number', { number: m.number })}`,
      subtitle: `${plain(m.title, i18n)} — ${i18n.dateTime(m.startsAt, m.timeZone)}`,
      generatedAt: i18n.t('attendance.pdfGenerated', { date: i18n.dateTime(new Date(), m.timeZone) }),
      columns: {
        n: '№',
        person: i18n.t('attendance.person'),
        organisation: i18n.t('attendance.organisation'),
        category: i18n.t('attendance.category'),
        role: i18n.t('attendance.role'),
        presence: i18n.t('attendance.presence'),
      },
      rows: rows.map((r) => ({
        personName: plain(r.personName, i18n),
        organisationName: plain(r.organisationName, i18n),
        category: i18n.t(`category.${r.category}`),
        role: i18n.t(`attendance.role.${r.role}`),
        presence: i18n.t(`attendance.presence.${r.presence}`),
      })),
      summary: summary.people
        ? `${i18n.t('attendance.summaryLine', { count: summary.people })} ${summaryPhrase(summary, i18n)}.`
        : '',
      pageLabel: (page, pages) => i18n.t('attendance.page', { page, pages }),
      lang: i18n.lang,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="attendance-${m.number}-${i18n.lang}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  // ---- minutes ---------------------------------------------------------------------------------
  async function minutesPage(
    req: FastifyRequest<{ Querystring: Record<string, string | undefined> }>,
    ctx: PageContext,
    id: string,
    forms?: Parameters<typeof MinutesPage>[0]['data']['forms'],
  ) {
    authorize(req, 'read-members-only');
    const meeting = await readable(req.user, id, 'minutesDrafts');
    const [agenda, versions, corrections, attending, orgs] = await Promise.all([
      agendaOf(db, meeting.id),
      minutesVersions(db, meeting.id),
      correctionsOf(db, meeting.id),
      attendingOrganisationIds(db, meeting.id),
      ctx.can('run-meetings') ? organisations() : Promise.resolve([]),
    ]);
    const a = Number(req.query.a);
    const b = Number(req.query.b);
    return (
      <MinutesPage
        ctx={ctx}
        data={{
          meeting,
          agenda,
          versions,
          corrections,
          compare: Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0 ? { a, b } : undefined,
          mayCorrect: ctx.can('correct-minutes', { attendingOrganisationIds: attending }),
          organisations: orgs,
          forms,
        }}
      />
    );
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/minutes', async (req, _reply, ctx) =>
    minutesPage(req, ctx, req.params.id),
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const sections: Record<string, Record<string, string>> = {};
    for (const [k, v] of Object.entries(body)) {
      const match = /^item_(\d{1,18})_(summary|proposals|discussion|decisions)$/.exec(k);
      if (!match?.[1] || !match[2] || typeof v !== 'string') continue;
      const parsed = parseForm(CorrectionInput.pick({ text: true }), { text: v === '' ? 'x' : v }, ctx.i18n);
      if (!parsed.ok) throw new HttpError(422, 'minutes text', 'validation.badCharacters');
      sections[match[1]] ??= {};
      (sections[match[1]] as Record<string, string>)[match[2]] = v === '' ? '' : parsed.data.text;
    }
    const note = typeof body.note === 'string' && body.note.trim() ? body.note.trim().slice(0, 1000) : undefined;
    const version = await saveMinutesVersion(db, signedIn(req.user), m.id, ctx.i18n.lang, sections, note);
    flash(reply, 'minutes.saved', { version });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes/circulate', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const result = await circulateMinutes(db, signedIn(req.user), m.id, ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return minutesPage(req, ctx, m.id, { approve: result.errors });
    }
    flash(reply, 'minutes.circulated');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes/corrections', async (req, reply, ctx) => {
    const user = signedIn(req.user);
    const m = await readable(user, req.params.id, 'minutesDrafts');
    const values = formValues(req.body);
    const form = parseForm(CorrectionInput, req.body, ctx.i18n);
    const result = form.ok ? await proposeCorrection(db, user, m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return minutesPage(req, ctx, m.id, { correction: { values, errors: result.errors } });
    }
    flash(reply, 'minutes.correctionSent');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes#corrections`, 303);
  });

  langRoute<{ id: string; correction: string }>(
    app,
    'POST',
    '/meetings/:id/minutes/corrections/:correction',
    async (req, reply, ctx) => {
      authorize(req, 'run-meetings');
      const m = await readable(req.user, req.params.id);
      const form = parseForm(CorrectionDecisionInput, req.body, ctx.i18n);
      if (!form.ok || !ID.test(req.params.correction)) throw new HttpError(422);
      await decideCorrection(db, signedIn(req.user), m.id, req.params.correction, form.data.status);
      flash(reply, 'minutes.correctionDecided', { status: ctx.i18n.t(`minutes.correction.${form.data.status}`) });
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/minutes#corrections`, 303);
    },
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/minutes/approve', async (req, reply, ctx) => {
    authorize(req, 'approve-minutes');
    const m = await readable(req.user, req.params.id);
    const result = await approveMinutes(db, signedIn(req.user), m.id, ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return minutesPage(req, ctx, m.id, { approve: result.errors });
    }
    flash(reply, 'minutes.approved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/decisions', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const values = formValues(req.body);
    const form = parseForm(DecisionInput, req.body, ctx.i18n);
    let result: { ok: true } | { ok: false; errors: FieldErrors } = form.ok ? { ok: true } : form;
    if (form.ok) {
      const task = collectTranslated(form.data, 'task');
      const hasTask = Object.keys(task).length > 0 || form.data.taskOrganisationId || form.data.taskDeadline;
      if (hasTask && (!Object.keys(task).length || !form.data.taskOrganisationId || !form.data.taskDeadline)) {
        result = { ok: false, errors: { task_kk: ctx.i18n.t('decisions.taskIncomplete') } };
      } else {
        result = await addDecision(
          db,
          signedIn(req.user),
          m.id,
          {
            text: collectTranslated(form.data, 'text'),
            agendaItemId: form.data.agendaItemId,
            task: hasTask
              ? {
                  description: task,
                  organisationId: form.data.taskOrganisationId ?? '',
                  deadline: form.data.taskDeadline ?? '',
                }
              : undefined,
          },
          ctx.i18n,
        );
      }
    }
    if (!result.ok) {
      reply.code(422);
      return minutesPage(req, ctx, m.id, { decision: { values, errors: result.errors } });
    }
    flash(reply, 'decisions.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}#decisions`, 303);
  });

  // ---- communiqué and news ---------------------------------------------------------------------
  async function communiquePage(
    req: FastifyRequest,
    ctx: PageContext,
    id: string,
    values?: Values,
    errors?: FieldErrors,
  ) {
    authorize(req, 'run-meetings');
    const meeting = await readable(req.user, id);
    const c = await communiqueOf(db, meeting.id);
    const stored = c ? { ...translatedValues('title', c.title), ...translatedValues('body', c.body) } : {};
    return <CommuniquePage ctx={ctx} meeting={meeting} communique={c} values={values ?? stored} errors={errors} />;
  }

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/communique', async (req, _reply, ctx) =>
    communiquePage(req, ctx, req.params.id),
  );

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/communique/generate', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const draft = draftCommuniqueAll(await buildCommuniqueRecord(db, m));
    await saveCommunique(db, signedIn(req.user), m.id, draft, 'generate');
    flash(reply, 'communique.generated');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/communique`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/communique', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const form = parseForm(CommuniqueInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return communiquePage(req, ctx, m.id, formValues(req.body), form.errors);
    }
    await saveCommunique(
      db,
      signedIn(req.user),
      m.id,
      { title: collectTranslated(form.data, 'title'), body: collectTranslated(form.data, 'body') },
      'edit',
    );
    flash(reply, 'communique.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/communique`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/communique/publish', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const m = await readable(req.user, req.params.id);
    const result = await publishCommunique(db, signedIn(req.user), m.id, ctx.i18n);
    if (!result.ok) {
      reply.code(422);
      return communiquePage(req, ctx, m.id, undefined, result.errors);
    }
    flash(reply, 'communique.published');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  langRoute(app, 'GET', '/news', async (req, _reply, ctx) => {
    const before = pageBefore(req.query.before);
    const items = await news(db, ctx.user, { before, limit: 21 });
    const shown = items.slice(0, 20);
    const last = shown.at(-1);
    return (
      <NewsPage
        ctx={ctx}
        items={shown}
        olderHref={
          items.length > 20 && last
            ? `/${ctx.i18n.lang}/news?before=${encodeURIComponent(last.publishedAt.toISOString())}`
            : undefined
        }
      />
    );
  });

  langRoute<{ id: string }>(app, 'GET', '/news/:id', async (req, _reply, ctx) => {
    const item = ID.test(req.params.id) ? await newsItem(db, ctx.user, req.params.id) : undefined;
    if (!item?.publishedAt) throw notFound();
    return <NewsItemPage ctx={ctx} item={{ ...item, publishedAt: item.publishedAt }} />;
  });

  for (const lang of ['kk', 'ru', 'en'] as const) {
    app.get(`/${lang}/news.atom`, async (_req, reply) => {
      const i18n = i18nFor(lang);
      // As a visitor: a feed reader has no session, and a feed's address is shared.
      const items = await news(db, null, { limit: 30 });
      // Communiqués are plain text: the feed says so (type="text"), see core/atom.ts.
      const feed = atomFeed({
        title: `${i18n.t('site.name')} — ${i18n.t('news.title')}`,
        id: `${deps.publicUrl}/${lang}/news`,
        link: `${deps.publicUrl}/${lang}/news`,
        self: `${deps.publicUrl}/${lang}/news.atom`,
        lang,
        author: i18n.t('site.name'),
        updated: items[0]?.publishedAt ?? new Date(0),
        entries: items.map((n) => ({
          title: plain(n.title, i18n),
          id: `${deps.publicUrl}/${lang}/news/${n.id}`,
          link: `${deps.publicUrl}/${lang}/news/${n.id}`,
          published: n.publishedAt,
          updated: n.publishedAt,
          content: plain(n.body, i18n),
        })),
      });
      return reply.type('application/atom+xml; charset=utf-8').send(feed);
    });
  }

  // ---- calendars -------------------------------------------------------------------------------
  const calendarMeeting = (
    m: {
      id: string;
      number: number;
      title: MeetingDetail['title'];
      description: MeetingDetail['description'];
      startsAt: Date;
      endsAt: Date | null;
      timeZone: string;
      venue: MeetingDetail['venue'];
      onlineUrl: string | null;
      status: MeetingDetail['status'];
      updatedAt: Date;
    },
    lang: Lang,
  ) => ({
    ...m,
    url: `${deps.publicUrl}/${lang}/meetings/${m.id}`,
  });

  async function sendIcs(
    reply: FastifyReply,
    meetings: Parameters<typeof calendarMeeting>[0][],
    lang: Lang,
    name: string,
    filename: string,
  ) {
    const ics = meetingsCalendar(
      meetings.map((m) => calendarMeeting(m, lang)),
      { lang, name, publicUrl: deps.publicUrl },
    );
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(ics);
  }

  for (const lang of ['kk', 'ru', 'en'] as const) {
    app.get<{ Params: { id: string } }>(`/${lang}/meetings/:id.ics`, async (req, reply) => {
      const m = await readable(req.user, req.params.id);
      return sendIcs(reply, [m], lang, plain(m.title, i18nFor(lang)), `meeting-${m.number}.ics`);
    });
    // What a visitor sees, for anyone to subscribe to: a calendar program sends no session.
    app.get(`/${lang}/meetings.ics`, async (_req, reply) => {
      const meetings = await calendarMeetings(db, null);
      return sendIcs(
        reply,
        meetings,
        lang,
        `${i18nFor(lang).t('site.name')} — ${i18nFor(lang).t('meetings.title')}`,
        'meetings.ics',
      );
    });
  }
  // A personal feed: the meetings the user's organisation is invited to, and all public ones.
  langRoute(app, 'GET', '/account/calendar', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    const row = await db
      .selectFrom('users')
      .select('calendar_token_hash')
      .where('id', '=', signedIn(req.user).id)
      .executeTakeFirst();
    return <CalendarPage ctx={ctx} address={undefined} hasAddress={Boolean(row?.calendar_token_hash)} />;
  });

  langRoute(app, 'POST', '/account/calendar', async (req, _reply, ctx) => {
    authorize(req, 'manage-own-account');
    const user = signedIn(req.user);
    const token = newToken();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ calendar_token_hash: tokenHash(token) })
        .where('id', '=', user.id)
        .execute();
      await audit(trx, userActor(user), { entity: 'user', entityId: user.id, action: 'calendar_address' });
    });
    return <CalendarPage ctx={ctx} address={`${deps.publicUrl}/calendar/${token}.ics`} hasAddress />;
  });

  app.get<{ Params: { token: string } }>('/calendar/:token.ics', async (req, reply) => {
    const token = req.params.token;
    const user = /^[A-Za-z0-9_-]{43}$/.test(token)
      ? await db
          .selectFrom('users')
          .select(['id', 'organisation_id', 'locale', 'role'])
          .where('calendar_token_hash', '=', tokenHash(token))
          .where('disabled_at', 'is', null)
          .executeTakeFirst()
      : undefined;
    if (!user) throw notFound('calendar');
    // The feed's owner is the reader: what they would see signed in, whatever their organisation is invited to.
    const meetings = await calendarMeetings(db, {
      id: user.id,
      email: '',
      displayName: '',
      role: user.role,
      organisationId: user.organisation_id,
      locale: user.locale,
    });
    return sendIcs(reply, meetings, user.locale, i18nFor(user.locale).t('calendar.title'), 'kenes.ics');
  });

  app.get<{ Params: { id: string } }>('/api/v1/meetings/:id.ics', async (req, reply) => {
    const m = await readable(req.user, req.params.id);
    return sendIcs(reply, [m], 'en', plain(m.title, i18nFor('en')), `meeting-${m.number}.ics`);
  });
}
