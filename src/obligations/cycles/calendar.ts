import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import { notFound } from '../../core/http/http-error.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { LANGS } from '../../core/i18n/locales.ts';
import { cyclesCalendar } from './ical.ts';
import { calendarStages, cycleExists } from './queries.ts';

/** Deadlines of every cycle, or of one (404 if there is no such cycle), as an iCalendar text. */
export async function cycleCalendar(
  db: Db,
  lang: (typeof LANGS)[number],
  cycleId: string | undefined,
  publicUrl: string,
): Promise<string> {
  const rows = await calendarStages(db, cycleId);
  if (cycleId !== undefined && rows.length === 0 && !(await cycleExists(db, cycleId)))
    throw notFound(`cycle ${cycleId}`);
  const i18n = i18nFor(lang);
  return cyclesCalendar(
    rows.map((r) => ({
      id: r.id,
      date: (r.done_on ?? r.due_on) as string,
      endsOn: r.ends_on,
      done: r.done_on !== null,
      summary: `${r.code}: ${i18n.t(`obligations.stage.${r.kind}`)} — ${plain(r.title, i18n)}`,
      url: `${publicUrl}/${lang}/cycles/${r.cycle_id}`,
    })),
    { name: `${i18n.t('site.name')}: ${i18n.t('obligations.cycles')}`, publicUrl },
  );
}
