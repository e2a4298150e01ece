import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { PageContext } from '../../core/html/context.ts';
import { translatedValues, type Values } from '../../core/html/fields.tsx';
import { collectTranslated, type FieldErrors, formValues, parseForm } from '../../core/http/forms.ts';
import { flash, getPage, signedIn } from '../../core/http/pages.ts';
import { meetingToRun, runMeetingRoute } from '../route-support.ts';
import { CommuniqueInput, PublishCommuniqueInput } from '../schema.ts';
import { communiqueOf } from './queries.ts';
import { generateCommunique, publishCommunique, saveCommunique } from './use-cases.ts';
import { CommuniquePage } from './views.tsx';

async function communiquePage(
  db: Db,
  req: FastifyRequest,
  ctx: PageContext,
  id: string,
  values?: Values,
  errors?: FieldErrors,
) {
  const meeting = await meetingToRun(db, req, id);
  const c = await communiqueOf(db, meeting.id);
  const stored = c ? { ...translatedValues('title', c.title), ...translatedValues('body', c.body) } : {};
  return <CommuniquePage ctx={ctx} meeting={meeting} communique={c} values={values ?? stored} errors={errors} />;
}

/** The communiqué: drafted from the record in kk, ru and en, edited, then published as news. */
export function communiqueRoutes(app: FastifyInstance) {
  const db = app.db;

  getPage<{ id: string }>(app, '/meetings/:id/communique', (req, ctx) => communiquePage(db, req, ctx, req.params.id));

  runMeetingRoute(app, 'POST', '/meetings/:id/communique/generate', async (req, reply, ctx, m) => {
    await generateCommunique(db, signedIn(req.user), m);
    flash(reply, 'communique.generated');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/communique`, 303);
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/communique', async (req, reply, ctx, m) => {
    const form = parseForm(CommuniqueInput, req.body, ctx.i18n);
    if (!form.ok) {
      reply.code(422);
      return communiquePage(db, req, ctx, m.id, formValues(req.body), form.errors);
    }
    const text = { title: collectTranslated(form.data, 'title'), body: collectTranslated(form.data, 'body') };
    await saveCommunique(db, signedIn(req.user), m.id, text, 'edit');
    flash(reply, 'communique.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/communique`, 303);
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/communique/publish', async (req, reply, ctx, m) => {
    const form = parseForm(PublishCommuniqueInput, req.body, ctx.i18n);
    const confirmOtherLanguages = form.ok && form.data.confirmOtherLanguages;
    const result = await publishCommunique(db, signedIn(req.user), m.id, ctx.i18n, { confirmOtherLanguages });
    if (!result.ok) {
      reply.code(422);
      return communiquePage(db, req, ctx, m.id, undefined, result.errors);
    }
    flash(reply, 'communique.published');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}`, 303);
  });
}
