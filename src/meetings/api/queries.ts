import type { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import { documentsOf } from '../agenda/queries.ts';
import { attendanceOf } from '../attendance/queries.ts';
import { agendaOf, listColumns, type MeetingDetail } from '../queries.ts';
import type { MeetingsApiQuery } from '../schema.ts';
import { maySee, type Reader, visibleCondition } from '../visibility.ts';

/** A page of the meetings the reader may see, filtered as the API's query asks, and how many there are. */
export async function apiMeetingList(db: Db, reader: Reader, q: z.output<typeof MeetingsApiQuery>) {
  let base = db.selectFrom('meetings as m').where(visibleCondition(reader));
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.from) base = base.where('m.starts_at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) base = base.where('m.starts_at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
  const [rows, total] = await Promise.all([
    base
      .select(listColumns)
      .orderBy('m.starts_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** The agenda, documents and (once the reader may see it) attendance of a meeting, for its API answer. */
export async function apiMeetingParts(db: Db, reader: Reader, m: MeetingDetail) {
  const [agenda, documents, attendance] = await Promise.all([
    agendaOf(db, m.id),
    documentsOf(db, m.id),
    // Who came is counted once the meeting has been held; before, the expected list is the members'.
    maySee(reader, 'attendanceSummary', m) ? attendanceOf(db, m.id) : [],
  ]);
  return { agenda, documents, attendance };
}
