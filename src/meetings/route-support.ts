import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../core/auth/user.ts';
import type { Db } from '../core/db/database.ts';
import type { PageContext } from '../core/html/context.ts';
import { ID_PATTERN } from '../core/http/forms.ts';
import { notFound } from '../core/http/http-error.ts';
import { authorize, type Handler, langRoute } from '../core/http/pages.ts';
import { type MeetingDetail, meetingById } from './queries.ts';
import { type MeetingPart, maySee } from './visibility.ts';

/** What the route files of meetings share. */

/** The meeting, if the reader may see it (and the part asked for); else 404, as for an unknown id. */
export async function readableMeeting(
  db: Db,
  user: CurrentUser | null,
  id: string,
  part: MeetingPart = 'meeting',
): Promise<MeetingDetail> {
  const meeting = ID_PATTERN.test(id) ? await meetingById(db, id) : undefined;
  if (!meeting || !maySee(user, 'meeting', meeting) || !maySee(user, part, meeting)) throw notFound(`meeting ${id}`);
  return meeting;
}

/** The meeting the secretariat acts on: 403 unless the user may run meetings, then as readableMeeting. */
export async function meetingToRun(db: Db, req: FastifyRequest, id: string): Promise<MeetingDetail> {
  authorize(req, 'run-meetings');
  return readableMeeting(db, req.user, id);
}

/**
 * A route of the secretariat on a meeting it runs (`/meetings/:id…`, under each language): the
 * handler gets the meeting as meetingToRun reads it (403 unless the user may run meetings, 404
 * unless they may see it) after the page context. `K`: the path's other parameters.
 */
export function runMeetingRoute<K extends string = never>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  path: `/meetings/:id${string}`,
  handler: (
    req: Parameters<Handler<Record<'id' | K, string>>>[0],
    reply: FastifyReply,
    ctx: PageContext,
    meeting: MeetingDetail,
  ) => ReturnType<Handler<Record<'id' | K, string>>>,
) {
  langRoute<Record<'id' | K, string>>(app, method, path, async (req, reply, ctx) =>
    handler(req, reply, ctx, await meetingToRun(app.db, req, (req.params as Record<'id', string>).id)),
  );
}

/**
 * A page of a list read newest first, one row more than `size` (that row only tells that older ones
 * exist): the rows to show, and the address of the older ones, `path?before=` the last row's instant.
 */
export function olderPage<T>(rows: T[], size: number, path: string, instant: (row: T) => Date) {
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  const olderHref =
    rows.length > size && last ? `${path}?before=${encodeURIComponent(instant(last).toISOString())}` : undefined;
  return { shown, olderHref };
}

/** A paging cursor from the query: an instant PostgreSQL can store (years 1–9999), or none. */
export function pageBefore(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  const y = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || y < 1 || y > 9999 ? undefined : d;
}
