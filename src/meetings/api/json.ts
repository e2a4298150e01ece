import { fileUrl } from '../../core/files/downloads.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { summarise } from '../attendance/summary.ts';
import type { MeetingDetail } from '../queries.ts';
import type { apiMeetingParts } from './queries.ts';

/** A meeting as the API's list shows it. */
export function summaryJson(
  m: Pick<
    MeetingDetail,
    | 'id'
    | 'number'
    | 'title'
    | 'startsAt'
    | 'endsAt'
    | 'timeZone'
    | 'venue'
    | 'onlineUrl'
    | 'format'
    | 'visibility'
    | 'status'
    | 'updatedAt'
  >,
  publicUrl: string,
) {
  return {
    id: m.id,
    number: m.number,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    timeZone: m.timeZone,
    venue: m.venue,
    onlineUrl: m.onlineUrl,
    format: m.format,
    visibility: m.visibility,
    status: m.status,
    updatedAt: m.updatedAt.toISOString(),
    url: `${publicUrl}/en/meetings/${m.id}`,
    ics: `${publicUrl}/api/v1/meetings/${m.id}.ics`,
  };
}

/** One meeting as the API shows it: its agenda with presenters and documents, and who attended (counted). */
export function detailJson(
  m: MeetingDetail,
  { agenda, documents, attendance }: Awaited<ReturnType<typeof apiMeetingParts>>,
  publicUrl: string,
) {
  const doc = (d: (typeof documents)[number]) => ({
    title: d.title,
    filename: d.filename,
    contentType: d.contentType,
    sizeBytes: Number(d.sizeBytes),
    url: `${publicUrl}${fileUrl(d.fileId, d.filename)}`,
  });
  const s = summarise(attendance, i18nFor('en'));
  return {
    ...summaryJson(m, publicUrl),
    description: m.description,
    statusReason: m.statusReason,
    chair: m.chairName,
    secretary: m.secretaryName,
    agenda: agenda.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      description: item.description,
      plannedMinutes: item.plannedMinutes,
      presenters: item.presenters.map((p) => ({
        role: p.role,
        organisation: { slug: p.organisation.slug, name: p.organisation.name, category: p.organisation.category },
        person: p.person?.name ?? null,
      })),
      documents: documents.filter((d) => d.agendaItemId === item.id).map(doc),
    })),
    documents: documents.filter((d) => !d.agendaItemId).map(doc),
    attendance: {
      people: s.people,
      byCategory: s.byCategory.map((g) => ({ category: g.category, organisations: g.organisations.length })),
    },
  };
}
