import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { nameKey } from '../state-codes.ts';
import { type Lookups, mechanismIndex, type ValidRecommendation } from './cells.ts';
import type { FIELDS, Mapping, Settings } from './columns.ts';
import { cycleIndex } from './cycle-join.ts';
import { importDb } from './schema.ts';

/**
 * What a row is checked against: the mechanisms, the SDG targets and goals, the cycles, and the State
 * names people mapped in earlier previews and in this one (`stateNames`).
 */
export async function loadLookups(db: Db, stateNames: Settings['stateNames'] = {}): Promise<Lookups> {
  const [mechanisms, targets, goals, cycles, aliases] = await Promise.all([
    db.selectFrom('mechanisms').select(['id', 'code', 'name', 'treaty']).orderBy('position').execute(),
    db.selectFrom('sdg_targets').select('code').execute(),
    db.selectFrom('sdg_goals').select('number').execute(),
    db
      .selectFrom('reporting_cycles')
      .select(['id', 'state_code', 'mechanism_id', 'number', 'session'])
      .orderBy('id')
      .execute(),
    importDb(db).selectFrom('state_name_aliases').select(['name_key', 'state_code']).execute(),
  ]);
  const stateAliases = new Map(aliases.map((a) => [a.name_key, a.state_code]));
  for (const [name, code] of Object.entries(stateNames)) stateAliases.set(nameKey(name), code);
  return {
    mechanisms: mechanismIndex(mechanisms),
    sdgTargets: new Set(targets.map((t) => t.code)),
    sdgGoals: new Set(goals.map((g) => g.number)),
    stateAliases,
    cycles: cycleIndex(cycles),
  };
}

/** Remembers the State names the person mapped in the preview, for every later import (the latest mapping wins). */
export async function rememberStateNames(db: Db, stateNames: Settings['stateNames'], userId: string | null) {
  const rows = Object.entries(stateNames ?? {}).map(([name, code]) => ({
    name_key: nameKey(name),
    name,
    state_code: code,
    created_by: userId,
  }));
  const keyed = rows.filter((r) => r.name_key !== '');
  if (keyed.length === 0) return;
  await importDb(db)
    .insertInto('state_name_aliases')
    .values(keyed)
    .onConflict((oc) =>
      oc.column('name_key').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        state_code: eb.ref('excluded.state_code'),
        created_by: eb.ref('excluded.created_by'),
      })),
    )
    .execute();
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
      cycle_id: rec.cycleId,
    })),
  );
  const mapped = UPDATABLE.filter((u) => mapping[u.field] !== undefined).map((u) => u.column);
  // The text gains the languages of the file and keeps the others.
  const sets = [
    sql`text = recommendations.text || excluded.text`,
    ...mapped.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
  ];
  // A recommendation imported before it could join a cycle joins it now; one already in a cycle stays.
  const cycle = sql`coalesce(recommendations.cycle_id, excluded.cycle_id)`;
  sets.push(sql`cycle_id = ${cycle}`);
  const now = [sql`recommendations.text || excluded.text`, cycle, ...mapped.map((c) => sql`excluded.${sql.ref(c)}`)];
  const was = [
    sql`recommendations.text`,
    sql`recommendations.cycle_id`,
    ...mapped.map((c) => sql`recommendations.${sql.ref(c)}`),
  ];
  const { rows: changed } = await sql<{ inserted: boolean }>`
    INSERT INTO recommendations AS recommendations
      (source_key, state_code, mechanism_id, symbol, paragraph, adopted_on, session, text,
       recommending_state, response, theme_ids, affected_group_ids, sdg_targets, priority,
       import_id, created_by, cycle_id)
    SELECT r.source_key, r.state_code, r.mechanism_id, r.symbol, r.paragraph, r.adopted_on, r.session, r.text,
           r.recommending_state, r.response, r.theme_ids, r.affected_group_ids, r.sdg_targets, r.priority,
           ${importId}::bigint, ${userId}::bigint,
           -- The cycle whose document carries the symbol, else the one the session names (cycle-join.ts).
           coalesce((SELECT c.id FROM cycle_documents d JOIN reporting_cycles c ON c.id = d.cycle_id
                      WHERE d.symbol = r.symbol AND c.state_code = r.state_code AND c.mechanism_id = r.mechanism_id
                      ORDER BY c.id LIMIT 1), r.cycle_id)
      FROM jsonb_to_recordset(${payload}::jsonb) AS r(
        source_key text, state_code text, mechanism_id bigint, symbol text, paragraph text, adopted_on date,
        session text, text jsonb, recommending_state text, response text, theme_ids bigint[],
        affected_group_ids bigint[], sdg_targets text[], priority boolean, cycle_id bigint)
    ON CONFLICT (source_key) DO UPDATE
       SET ${sql.join(sets)}, import_id = excluded.import_id, updated_at = now()
     WHERE (${sql.join(now)}) IS DISTINCT FROM (${sql.join(was)})
    RETURNING (xmax = 0) AS inserted`.execute(trx);
  const inserted = changed.filter((r) => r.inserted).length;
  return { inserted, updated: changed.length - inserted, unchanged: rows.length - changed.length };
}
