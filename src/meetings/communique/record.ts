import type { Db } from '../../core/db/database.ts';
import { bodyWithHost, positionTitleOn } from '../../organisations/index.ts';
import { attendanceOf } from '../attendance/queries.ts';
import { decisionsOf } from '../decisions/queries.ts';
import { agendaOf, type MeetingDetail } from '../queries.ts';
import type { CommuniqueRecord } from './draft.ts';

/** Gathers what the communiqué is drafted from: five queries whatever the meeting holds. */
export async function buildCommuniqueRecord(db: Db, m: MeetingDetail): Promise<CommuniqueRecord> {
  const [body, agenda, attendance, decisions, chairPosition] = await Promise.all([
    bodyWithHost(db, m.bodyId),
    agendaOf(db, m.id),
    attendanceOf(db, m.id),
    decisionsOf(db, m.id),
    m.chairPersonId
      ? positionTitleOn(db, m.chairPersonId, m.startsAt.toISOString().slice(0, 10))
      : Promise.resolve(undefined),
  ]);
  const attendees = new Map<string, CommuniqueRecord['attendees'][number]>();
  for (const a of attendance) {
    if (a.presence !== 'present' && a.presence !== 'online') continue;
    attendees.set(a.organisationId, {
      name: a.organisationName,
      shortName: a.organisationShortName,
      category: a.category,
    });
  }
  return {
    body: { name: body.name, hostName: body.hostName },
    meeting: {
      number: m.number,
      title: m.title,
      startsAt: m.startsAt,
      timeZone: m.timeZone,
      venue: m.venue,
      format: m.format,
    },
    chair: m.chairName ? { name: m.chairName, position: chairPosition ?? {} } : null,
    agenda: agenda.map((item) => ({
      title: item.title,
      presenters: item.presenters.map((p) => ({
        organisation: {
          name: p.organisation.name,
          shortName: p.organisation.shortName,
          category: p.organisation.category,
        },
        role: p.role,
      })),
    })),
    decisions: decisions.map((d) => d.text),
    attendees: [...attendees.values()],
  };
}
