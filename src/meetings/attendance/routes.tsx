import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { Presence } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, formValues, ID_PATTERN, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { authorize, flash, getPage, langRoute, signedIn } from '../../core/http/pages.ts';
import { readableMeeting, runMeetingRoute } from '../route-support.ts';
import { AttendanceAddInput } from '../schema.ts';
import { attendancePageData } from './page-data.ts';
import { attendanceRegisterPdf } from './register.ts';
import { addAttendee, type RegisterAddition, recordPresence } from './use-cases.ts';
import { AttendancePage } from './views.tsx';

/**
 * The register page; `organisationId` (from ?organisation= or the add form posted) chooses whose
 * people the add form offers: the list is filtered here, on the server, so it works without JavaScript.
 */
async function attendancePage(
  db: Db,
  req: FastifyRequest,
  ctx: PageContext,
  id: string,
  add: { organisationId?: string | undefined; errors?: FieldErrors } = {},
) {
  authorize(req, 'read-members-only');
  const meeting = await readableMeeting(db, req.user, id, 'attendanceRegister');
  const data = await attendancePageData(db, meeting.id, ctx.can('run-meetings'), add.organisationId);
  return <AttendancePage ctx={ctx} meeting={meeting} {...data} errors={add.errors} />;
}

const PRESENCES: readonly string[] = ['expected', 'present', 'online', 'absent'];

/**
 * The register's one form: `presence_<attendance id>` → a presence for a row in the register, and
 * `add_<organisation id>_<person id>` → a presence (or '' for not recorded) for an invited
 * organisation's person not yet in it. Any other value is refused (422).
 */
function parseRegister(body: unknown): { presence: Map<string, Presence>; additions: RegisterAddition[] } {
  const presence = new Map<string, Presence>();
  const additions: RegisterAddition[] = [];
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const row = /^presence_(\d{1,18})$/.exec(k);
    const invited = /^add_(\d{1,18})_(\d{1,18})$/.exec(k);
    if (!row && !invited) continue;
    if (invited && v === '') continue;
    if (typeof v !== 'string' || !PRESENCES.includes(v)) throw new HttpError(422, `presence ${String(v)}`);
    if (row?.[1]) presence.set(row[1], v as Presence);
    if (invited?.[1] && invited[2])
      additions.push({ organisationId: invited[1], personId: invited[2], presence: v as Presence });
  }
  return { presence, additions };
}

/** Attendance: the register (who came), people added to it, and its PDF. */
export function attendanceRoutes(app: FastifyInstance) {
  const db = app.db;

  getPage<{ id: string }>(app, '/meetings/:id/attendance', (req, ctx) => {
    const chosen = (req.query as Record<string, unknown>).organisation;
    const organisationId = typeof chosen === 'string' && ID_PATTERN.test(chosen) ? chosen : undefined;
    return attendancePage(db, req, ctx, req.params.id, { organisationId });
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/attendance', async (req, reply, ctx, m) => {
    const { presence, additions } = parseRegister(req.body);
    await recordPresence(db, signedIn(req.user), m.id, presence, additions);
    flash(reply, 'attendance.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/attendance`, 303);
  });

  runMeetingRoute(app, 'POST', '/meetings/:id/attendance/add', async (req, reply, ctx, m) => {
    const form = parseForm(AttendanceAddInput, req.body, ctx.i18n);
    const result = form.ok ? await addAttendee(db, signedIn(req.user), m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      const organisationId = form.ok ? form.data.organisationId : formValues(req.body).organisationId;
      return attendancePage(db, req, ctx, m.id, { organisationId, errors: result.errors });
    }
    flash(reply, 'attendance.added');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/attendance`, 303);
  });

  langRoute<{ id: string }>(app, 'GET', '/meetings/:id/attendance.pdf', async (req, reply, ctx) => {
    authorize(req, 'read-members-only');
    const m = await readableMeeting(db, req.user, req.params.id, 'attendanceRegister');
    const pdf = await attendanceRegisterPdf(db, m, ctx.i18n);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="attendance-${m.number}-${ctx.i18n.lang}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
