import type { FastifyInstance } from 'fastify';
import { formValues, ID_PATTERN } from '../../core/http/forms.ts';
import { notFound } from '../../core/http/http-error.ts';
import { flash, langRoute, signedIn } from '../../core/http/pages.ts';
import { minutesPage } from '../minutes/page.tsx';
import { openTasks } from '../queries.ts';
import { runMeetingRoute } from '../route-support.ts';
import { audienceOf } from '../visibility.ts';
import { parseDecision } from './form.ts';
import { addDecision, markTaskDone } from './use-cases.ts';
import { TasksPage } from './views.tsx';

/** Decisions and the tasks they give. */
export function decisionRoutes(app: FastifyInstance) {
  const db = app.db;

  runMeetingRoute(app, 'POST', '/meetings/:id/decisions', async (req, reply, ctx, m) => {
    const values = formValues(req.body);
    const form = parseDecision(req.body, ctx.i18n);
    const result = form.ok ? await addDecision(db, signedIn(req.user), m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return minutesPage(db, req, ctx, m.id, { decision: { values, errors: result.errors } });
    }
    flash(reply, 'decisions.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}#decisions`, 303);
  });

  langRoute(app, 'GET', '/tasks', async (_req, _reply, ctx) => {
    // The open tasks of the decisions the reader's meeting audience may see: kept per audience.
    const tasks = await app.shared.read(`meetings:open-tasks:${audienceOf(ctx.user)}`, () => openTasks(db, ctx.user));
    return <TasksPage ctx={ctx} tasks={tasks} />;
  });

  langRoute<{ id: string }>(app, 'POST', '/tasks/:id/done', async (req, reply, ctx) => {
    if (!ID_PATTERN.test(req.params.id)) throw notFound();
    const meetingId = await markTaskDone(db, signedIn(req.user), req.params.id);
    flash(reply, 'tasks.done');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${meetingId}`, 303);
  });
}
