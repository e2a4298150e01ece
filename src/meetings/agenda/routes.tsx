import type { FastifyInstance } from 'fastify';
import { translatedValues } from '../../core/html/fields.tsx';
import { formValues, ID_PATTERN, parseForm, withTranslated } from '../../core/http/forms.ts';
import { HttpError, notFound } from '../../core/http/http-error.ts';
import { authorize, flash, getPage, langRoute, signedIn } from '../../core/http/pages.ts';
import { agendaOf } from '../queries.ts';
import { readableMeeting, runMeetingRoute } from '../route-support.ts';
import { meetingPage } from '../schedule/page.tsx';
import { AgendaItemInput, MoveInput, PresenterInput } from '../schema.ts';
import { uploadDocument } from './documents.ts';
import { agendaPage } from './page.tsx';
import {
  addAgendaItem,
  addPresenter,
  moveAgendaItem,
  removeAgendaItem,
  removePresenter,
  updateAgendaItem,
} from './use-cases.ts';
import { AgendaItemFormPage } from './views.tsx';

const itemData = (d: ReturnType<typeof AgendaItemInput.parse>) => withTranslated(d, ['title', 'description']);

/** The agenda: its items, their presenters, and the meeting's documents. */
export function agendaRoutes(app: FastifyInstance) {
  const db = app.db;

  getPage<{ id: string }>(app, '/meetings/:id/agenda', (req, ctx) => agendaPage(db, req, ctx, req.params.id));

  runMeetingRoute(app, 'POST', '/meetings/:id/agenda', async (req, reply, ctx, m) => {
    const values = formValues(req.body);
    const form = parseForm(AgendaItemInput, req.body, ctx.i18n);
    const result = form.ok ? await addAgendaItem(db, signedIn(req.user), m.id, itemData(form.data), ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return agendaPage(db, req, ctx, m.id, { item: { values, errors: result.errors } });
    }
    flash(reply, 'agenda.added');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${result.value}`, 303);
  });

  runMeetingRoute<'item'>(app, 'GET', '/meetings/:id/agenda/:item/edit', async (req, _reply, ctx, m) => {
    const item = (await agendaOf(db, m.id)).find((i) => i.id === req.params.item);
    if (!item) throw notFound();
    const values = {
      ...translatedValues('title', item.title),
      ...translatedValues('description', item.description),
      plannedMinutes: item.plannedMinutes ? String(item.plannedMinutes) : '',
    };
    const action = `/${ctx.i18n.lang}/meetings/${m.id}/agenda/${item.id}/edit`;
    return <AgendaItemFormPage ctx={ctx} meeting={m} action={action} values={values} />;
  });

  runMeetingRoute<'item'>(app, 'POST', '/meetings/:id/agenda/:item/edit', async (req, reply, ctx, m) => {
    if (!ID_PATTERN.test(req.params.item)) throw notFound();
    const form = parseForm(AgendaItemInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      const action = `/${ctx.i18n.lang}/meetings/${m.id}/agenda/${req.params.item}/edit`;
      return (
        <AgendaItemFormPage ctx={ctx} meeting={m} action={action} values={formValues(req.body)} errors={form.errors} />
      );
    }
    await updateAgendaItem(db, signedIn(req.user), m.id, req.params.item, itemData(form.data));
    flash(reply, 'agenda.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
  });

  runMeetingRoute<'item'>(app, 'POST', '/meetings/:id/agenda/:item/move', async (req, reply, ctx, m) => {
    const form = parseForm(MoveInput, req.body, ctx.i18n);
    if (!form.ok || !ID_PATTERN.test(req.params.item)) throw new HttpError(422);
    await moveAgendaItem(db, signedIn(req.user), m.id, req.params.item, form.data.direction);
    flash(reply, 'agenda.moved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
  });

  runMeetingRoute<'item'>(app, 'POST', '/meetings/:id/agenda/:item/delete', async (req, reply, ctx, m) => {
    if (!ID_PATTERN.test(req.params.item)) throw notFound();
    await removeAgendaItem(db, signedIn(req.user), m.id, req.params.item);
    flash(reply, 'agenda.removed');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda`, 303);
  });

  runMeetingRoute<'item'>(app, 'POST', '/meetings/:id/agenda/:item/presenters', async (req, reply, ctx, m) => {
    if (!ID_PATTERN.test(req.params.item)) throw notFound();
    const values = formValues(req.body);
    const form = parseForm(PresenterInput, req.body, ctx.i18n);
    const result = form.ok
      ? await addPresenter(db, signedIn(req.user), m.id, req.params.item, form.data, ctx.i18n)
      : form;
    if (!result.ok) {
      reply.code(422);
      const presenter = { itemId: req.params.item, values, errors: result.errors };
      return agendaPage(db, req, ctx, m.id, { presenter });
    }
    flash(reply, 'agenda.presenterAdded');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda#item-${req.params.item}`, 303);
  });

  runMeetingRoute<'presenter'>(
    app,
    'POST',
    '/meetings/:id/agenda/presenters/:presenter/delete',
    async (req, reply, ctx, m) => {
      if (!ID_PATTERN.test(req.params.presenter)) throw notFound();
      await removePresenter(db, signedIn(req.user), m.id, req.params.presenter);
      flash(reply, 'agenda.presenterRemoved');
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/agenda`, 303);
    },
  );

  /*
   * Uploads are multipart and streamed, so the global CSRF hook (which reads a parsed body) does
   * not see them: receiveUpload checks the token itself, from the form's first field, before it
   * reads the file.
   */
  langRoute<{ id: string }>(
    app,
    'POST',
    '/meetings/:id/documents',
    async (req, reply, ctx) => {
      authorize(req, 'run-meetings');
      const user = signedIn(req.user);
      const meeting = await readableMeeting(db, user, req.params.id);
      const result = await uploadDocument(app, req, reply, { db, user, meeting, i18n: ctx.i18n });
      if ('sent' in result) return reply;
      if (!result.ok) {
        reply.code(422);
        return meetingPage(app, req.user, ctx, meeting.id, {
          document: { values: result.fields, errors: result.errors },
        });
      }
      flash(reply, 'documents.added');
      return reply.redirect(`/${ctx.i18n.lang}/meetings/${meeting.id}#documents`, 303);
    },
    { csrfInHandler: true },
  );
}
