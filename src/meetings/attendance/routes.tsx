import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../core/db/database.ts';
import type { Presence } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FieldErrors, parseForm } from '../../core/http/forms.ts';
import { HttpError } from '../../core/http/http-error.ts';
import { authorize, flash, getPage, langRoute, signedIn } from '../../core/http/pages.ts';
import { organisationChoices, peopleWithPositions } from '../../organisations/index.ts';
import { meetingToRun, readableMeeting } from '../route-support.ts';
import { AttendanceAddInput } from '../schema.ts';
import { attendanceOf } from './queries.ts';
import { attendanceRegisterPdf } from './register.ts';
import { addAttendee, recordPresence } from './use-cases.ts';
import { AttendancePage } from './views.tsx';

async function attendancePage(db: Db, req: FastifyRequest, ctx: PageContext, id: string, errors?: FieldErrors) {
  authorize(req, 'read-members-only');
  const meeting = await readableMeeting(db, req.user, id, 'attendanceRegister');
  const staff = ctx.can('run-meetings');
  const [rows, orgs, people] = await Promise.all([
    attendanceOf(db, meeting.id),
    staff ? organisationChoices(db) : Promise.resolve([]),
    staff ? peopleWithPositions(db) : Promise.resolve([]),
  ]);
  return (
    <AttendancePage ctx={ctx} meeting={meeting} rows={rows} organisations={orgs} people={people} errors={errors} />
  );
}

/** The register's form: `presence_<attendance id>` → one of the four presences (anything else is refused, 422). */
function parsePresence(body: unknown): Map<string, Presence> {
  const presence = new Map<string, Presence>();
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const match = /^presence_(\d{1,18})$/.exec(k);
    if (!match?.[1]) continue;
    if (v !== 'expected' && v !== 'present' && v !== 'online' && v !== 'absent')
      throw new HttpError(422, `presence ${String(v)}`);
    presence.set(match[1], v);
  }
  return presence;
}

/** Attendance: the register (who came), people added to it, and its PDF. */
export function attendanceRoutes(app: FastifyInstance) {
  const db = app.db;

  getPage<{ id: string }>(app, '/meetings/:id/attendance', (req, ctx) => attendancePage(db, req, ctx, req.params.id));

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/attendance', async (req, reply, ctx) => {
    const m = await meetingToRun(db, req, req.params.id);
    await recordPresence(db, signedIn(req.user), m.id, parsePresence(req.body));
    flash(reply, 'attendance.saved');
    return reply.redirect(`/${ctx.i18n.lang}/meetings/${m.id}/attendance`, 303);
  });

  langRoute<{ id: string }>(app, 'POST', '/meetings/:id/attendance/add', async (req, reply, ctx) => {
    const m = await meetingToRun(db, req, req.params.id);
    const form = parseForm(AttendanceAddInput, req.body, ctx.i18n);
    const result = form.ok ? await addAttendee(db, signedIn(req.user), m.id, form.data, ctx.i18n) : form;
    if (!result.ok) {
      reply.code(422);
      return attendancePage(db, req, ctx, m.id, result.errors);
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
