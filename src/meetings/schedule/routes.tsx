import type { FastifyInstance } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import type { Values } from '../../core/html/fields.tsx';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { authorize, flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { peopleWithPositions } from '../../organisations/index.ts';
import { mainBody } from '../queries.ts';
import { olderPage, pageBefore, runMeetingRoute } from '../route-support.ts';
import { StatusInput } from '../schema.ts';
import { audienceOf } from '../visibility.ts';
import { parseMeeting, storedValues } from './form.ts';
import { pastMeetings, upcomingMeetings } from './list-queries.ts';
import { MeetingFormPage } from './meeting-form.tsx';
import { MeetingsPage } from './meetings-page.tsx';
import { meetingPage } from './page.tsx';
import { changeStatus, scheduleMeeting, updateMeeting } from './use-cases.ts';

/** The schedule: the list of meetings, scheduling and editing one, its page and its status. */
export function scheduleRoutes(app: FastifyInstance) {
  const db = app.db;

  langRoute(app, 'GET', '/meetings', async (req, _reply, ctx) => {
    const before = pageBefore(req.query.before);
    // The same for every reader of an audience (visibility.ts): read once per audience while nothing changes.
    const audience = audienceOf(ctx.user);
    const [upcoming, past] = await Promise.all([
      before ? [] : app.shared.read(`meetings:upcoming:${audience}`, () => upcomingMeetings(db, ctx.user)),
      app.shared.read(`meetings:past:${audience}:${before?.toISOString()}`, () =>
        pastMeetings(db, ctx.user, { before }),
      ),
    ]);
    const { shown, olderHref } = olderPage(past, 50, `/${ctx.i18n.lang}/meetings`, (m) => m.startsAt);
    const comments = await app.comments.counts(
      'meeting',
      [...upcoming, ...shown].map((m) => m.id),
    );
    const calendarHref = ctx.user ? `/${ctx.i18n.lang}/account/calendar` : undefined;
    return (
      <MeetingsPage
        ctx={ctx}
        upcoming={upcoming}
        past={shown}
        olderHref={olderHref}
        calendarHref={calendarHref}
        comments={comments}
      />
    );
  });

  langRoute(app, 'GET', '/meetings/new', async (req, _reply, ctx) => {
    authorize(req, 'run-meetings');
    return meetingForm(db, ctx, 'new', {
      timeZone: 'Asia/Almaty',
      format: 'in_person',
      visibility: 'public',
    });
  });

  langRoute(app, 'POST', '/meetings', async (req, reply, ctx) => {
    authorize(req, 'run-meetings');
    const body = await mainBody(db);
    if (!body) throw notFound('body');
    const parsed = parseMeeting(req.body, ctx.i18n);
    const result = parsed.ok ? await scheduleMeeting(db, signedIn(req.user), body.id, parsed.data, ctx.i18n) : parsed;
    if (!result.ok) {
      reply.code(422);
      return meetingForm(db, ctx, 'new', formValues(req.body), result.errors);
    }
    flash(reply, 'meeting.scheduled');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${result.value}/agenda`, 303);
  });

  runMeetingRoute(app, 'GET', '/meetings/:id/edit', async (_req, _reply, ctx, m) => {
    return meetingForm(db, ctx, m.id, storedValues(m));
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/edit', async (req, reply, ctx, m) => {
    const parsed = parseMeeting(req.body, ctx.i18n);
    const result = parsed.ok ? await updateMeeting(db, signedIn(req.user), m.id, parsed.data, ctx.i18n) : parsed;
    if (!result.ok) {
      reply.code(422);
      return meetingForm(db, ctx, m.id, formValues(req.body), result.errors);
    }
    flash(reply, 'meeting.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id', async (req, _reply, ctx) =>
    meetingPage(app, req.user, ctx, req.params.id),
  );

  runMeetingRoute(app, 'POST', '/meetings/:id/status', async (req, reply, ctx, m) => {
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
      return meetingPage(app, req.user, ctx, m.id, { status: { values, errors: result.errors } });
    }
    flash(reply, 'meeting.statusChanged', {
      status: ctx.i18n.t(`meeting.status.${form.ok ? form.data.status : 'draft'}`),
    });
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });
}

/** The form to schedule a meeting ('new') or to edit one (its id). */
async function meetingForm(db: Db, ctx: PageContext, id: 'new' | string, values: Values, errors?: FieldErrors) {
  const lang = ctx.i18n.lang;
  return (
    <MeetingFormPage
      ctx={ctx}
      title={ctx.i18n.t(id === 'new' ? 'meetings.new' : 'meeting.edit')}
      action={id === 'new' ? `/${lang}/meetings` : `/${lang}/meetings/${id}/edit`}
      values={values}
      errors={errors}
      people={await peopleWithPositions(db)}
    />
  );
}
