import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import { csvStream } from '../../core/http/csv.ts';
import { type TrackerFilter, trackerPage, withCorrections } from './queries.ts';

const HEADER = ['id', 'status', 'kind', 'submitted_at', 'title_ru', 'title_kk', 'title_en', 'authors', 'addressees'];

/** Any filtered list as CSV (formulas neutralised by csvStream), read page by page. */
export function trackerCsv(db: Db, filter: TrackerFilter, user: CurrentUser | null) {
  async function* rows() {
    // The query's typo corrections once, for every page (as the tracker's page).
    const { filter: corrected } = await withCorrections(db, filter);
    for (let page = 1; page <= 1000; page++) {
      const batch = await trackerPage(db, { ...corrected, page }, user);
      for (const r of batch) {
        yield [
          r.id,
          r.status,
          r.kind,
          r.submittedAt?.toISOString() ?? '',
          r.title.ru ?? '',
          r.title.kk ?? '',
          r.title.en ?? '',
          r.authors.map((a) => a.name.ru ?? a.name.en ?? a.name.kk ?? '').join('; '),
          r.addressees
            .map(
              (a) => `${a.name.ru ?? a.name.en ?? a.name.kk ?? ''}: ${a.answer ?? (a.overdue ? 'overdue' : 'pending')}`,
            )
            .join('; '),
        ];
      }
      if (batch.length < 50) return;
    }
  }
  return csvStream(HEADER, rows());
}
