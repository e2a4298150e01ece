import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import type { I18n } from '../../core/i18n/i18n.ts';
import type { MeetingDetail } from '../queries.ts';
import { attendanceOf } from './queries.ts';
import { attendancePdf } from './register-pdf.ts';
import { summarise, summaryPhrase } from './summary.ts';

/** The attendance register of a meeting as a PDF, in the reader's language. */
export async function attendanceRegisterPdf(db: Db, m: MeetingDetail, i18n: I18n) {
  const rows = await attendanceOf(db, m.id);
  const summary = summarise(rows, i18n);
  return attendancePdf({
    title: `${i18n.t('attendance.pdfTitle')}: ${i18n.t('meeting.number', { number: m.number })}`,
    subtitle: `${plain(m.title, i18n)} — ${i18n.dateTime(m.startsAt, m.timeZone, { named: true })}`,
    generatedAt: i18n.t('attendance.pdfGenerated', { date: i18n.dateTime(new Date(), m.timeZone, { named: true }) }),
    columns: {
      n: '№',
      person: i18n.t('attendance.person'),
      organisation: i18n.t('attendance.organisation'),
      category: i18n.t('attendance.category'),
      role: i18n.t('attendance.role'),
      presence: i18n.t('attendance.presence'),
    },
    rows: rows.map((r) => ({
      personName: plain(r.personName, i18n),
      organisationName: plain(r.organisationName, i18n),
      category: i18n.t(`category.${r.category}`),
      role: i18n.t(`attendance.role.${r.role}`),
      presence: i18n.t(`attendance.presence.${r.presence}`),
    })),
    summary: summary.people
      ? `${i18n.t('attendance.summaryLine', { count: summary.people })} ${summaryPhrase(summary, i18n)}.`
      : '',
    pageLabel: (page, pages) => i18n.t('attendance.page', { page, pages }),
    lang: i18n.lang,
  });
}
