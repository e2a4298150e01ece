import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { type Lookups, mechanismIndex, type ValidRecommendation } from './cells.ts';
import type { FIELDS, Mapping } from './columns.ts';

/** What a row is checked against: the mechanisms and the SDG targets and goals. */
export async function loadLookups(db: Db): Promise<Lookups> {
  const [mechanisms, targets, goals] = await Promise.all([
    db.selectFrom('mechanisms').select(['id', 'code', 'name', 'treaty']).orderBy('position').execute(),
    db.selectFrom('sdg_targets').select('code').execute(),
    db.selectFrom('sdg_goals').select('number').execute(),
  ]);
  return {
    mechanisms: mechanismIndex(mechanisms),
    sdgTargets: new Set(targets.map((t) => t.code)),
    sdgGoals: new Set(goals.map((g) => g.number)),
  };
}

// Fields a file may set, with their column and the SQL that compares/sets them on a re-import.
const UPDATABLE: { field: (typeof FIELDS)[number]; column: string }[] = [
  { field: 'symbol', column: 'symbol' },
  { field: 'paragraph', column: 'paragraph' },
  { field: 'date', column: 'adopted_on' },
  { field: 'session', column: 'session' },
  { field: 'recommending_state', column: 'recommending_state' },
  { field: 'response', column: 'response' },
  { field: 'themes', column: 'theme_ids' },
  { field: 'affected_persons', column: 'affected_group_ids' },
  { field: 'sdg', column: 'sdg_targets' },
  { field: 'priority', column: 'priority' },
];

/**
 * Inserts a batch in one statement; a recommendation already there (same source key) is updated
 * only in the fields the file maps, and only if one of them differs: a re-import changes nothing.
 */
export async function writeBatch(
  trx: Db,
  importId: string,
  userId: string | null,
  mapping: Mapping,
  rows: { rec: ValidRecommendation; themeIds: string[]; groupIds: string[] }[],
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const payload = JSON.stringify(
    rows.map(({ rec, themeIds, groupIds }) => ({
      source_key: rec.sourceKey,
      state_code: rec.stateCode,
      mechanism_id: rec.mechanismId,
      symbol: rec.symbol,
      paragraph: rec.paragraph,
      adopted_on: rec.adoptedOn,
      session: rec.session,
      text: rec.text,
      recommending_state: rec.recommendingState,
      response: rec.response,
      // Each value once: two names of one theme ("Children", "Дети") must not count it twice.
      theme_ids: [...new Set(themeIds)],
      affected_group_ids: [...new Set(groupIds)],
      sdg_targets: [...new Set(rec.sdgTargets)],
      priority: rec.priority,
    })),
  );
  const mapped = UPDATABLE.filter((u) => mapping[u.field] !== undefined).map((u) => u.column);
  // The text gains the languages of the file and keeps the others.
  const sets = [
    sql`text = recommendations.text || excluded.text`,
    ...mapped.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
  ];
  const now = [sql`recommendations.text || excluded.text`, ...mapped.map((c) => sql`excluded.${sql.ref(c)}`)];
  const was = [sql`recommendations.text`, ...mapped.map((c) => sql`recommendations.${sql.ref(c)}`)];
  const { rows: changed } = await sql<{ inserted: boolean }>`
    INSERT INTO recommendations AS recommendations
      (source_key, state_code, mechanism_id, symbol, paragraph, adopted_on, session, text,
       recommending_state, response, theme_ids, affected_group_ids, sdg_targets, priority,
       import_id, created_by)
    SELECT r.source_key, r.state_code, r.mechanism_id, r.symbol, r.paragraph, r.adopted_on, r.session, r.text,
           r.recommending_state, r.response, r.theme_ids, r.affected_group_ids, r.sdg_targets, r.priority,
           ${importId}::bigint, ${userId}::bigint
      FROM jsonb_to_recordset(${payload}::jsonb) AS r(
        source_key text, state_code text, mechanism_id bigint, symbol text, paragraph text, adopted_on date,
        session text, text jsonb, recommending_state text, response text, theme_ids bigint[],
        affected_group_ids bigint[], sdg_targets text[], priority boolean)
    ON CONFLICT (source_key) DO UPDATE
       SET ${sql.join(sets)}, import_id = excluded.import_id, updated_at = now()
     WHERE (${sql.join(now)}) IS DISTINCT FROM (${sql.join(was)})
    RETURNING (xmax = 0) AS inserted`.execute(trx);
  const inserted = changed.filter((r) => r.inserted).length;
  return { inserted, updated: changed.length - inserted, unchanged: rows.length - changed.length };
}
