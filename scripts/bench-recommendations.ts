/**
 * Explorer benchmark at the size of the UN's index: BENCH_RECOMMENDATIONS (default 270,000) synthetic
 * recommendations across ~190 States, the 12 mechanisms, 40 themes, the affected groups, SDG targets,
 * responses, statuses and years 2008–2025, with texts drawn from word lists in English and Russian
 * (and Kazakh for one in twenty). Then it times, in process (app.inject, no network), BENCH_RUNS
 * (default 10; 5 for CSV) requests of each: the explorer unfiltered, with facets, with a search, the API list
 * and a filtered CSV export; prints the median and p95, the queries per page, and the plan of the
 * slowest query. Uses DATABASE_URL when set, else a throw-away embedded PostgreSQL.
 * With BENCH_HOLD=1 it keeps the database after loading and prints its URL (to explore with psql); with
 * BENCH_REUSE=<that URL> it measures that database as it is (e.g. before and after a migration).
 * Run: node --import tsx scripts/bench-recommendations.ts
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { configureAudit } from '../src/core/audit.ts';
import { newAuditKey, parseAuditKeys } from '../src/core/audit-keys.ts';
import { CONNECTION_OPTIONS, type Db } from '../src/core/db/database.ts';
import type { DB } from '../src/core/db/schema.ts';
import { syncSearch } from '../src/core/search/indexer.ts';
import { recommendationSearch } from '../src/obligations/search.ts';
import { benchApp, benchDatabase } from './bench-database.ts';

const ROWS = Number(process.env.BENCH_RECOMMENDATIONS ?? 270_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const HOLD = process.env.BENCH_HOLD === '1';
const REUSE = process.env.BENCH_REUSE;

const bench = await benchDatabase('bench-rec', { unsafeFast: true, reuse: REUSE });
const url = new URL(bench.url);
// A throw-away key: this database is dropped afterwards.
configureAudit({ keyring: parseAuditKeys(newAuditKey(), 'measurement') });

interface Logged {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}
let queries: Logged[] = [];
// The app's own pool, logging every statement with its parameters and duration.
const pool = new pg.Pool({ connectionString: url.toString(), max: 10, options: CONNECTION_OPTIONS });
const db: Db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    queries.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  },
});

// ---- data ------------------------------------------------------------------------------------
// With BENCH_REUSE (a URL a run kept with BENCH_HOLD=1), the data is there already: measure only.
if (!REUSE) {
  const t0 = performance.now();
  // ~190 States: the ISO 3166-1 codes ICU names, first 190 in order.
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const states: string[] = [];
  for (let a = 65; a <= 90 && states.length < 190; a++)
    for (let b = 65; b <= 90 && states.length < 190; b++) {
      const code = String.fromCharCode(a, b);
      if (
        names.of(code) &&
        !['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'XK', 'ZZ', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA'].includes(code)
      )
        states.push(code);
    }
  if (!states.includes('KZ')) states[states.length - 1] = 'KZ';

  const en = `torture prevention detention police investigation children rights women girls violence domestic
  discrimination migrants refugees asylum disability education health justice court judges independence
  prison conditions monitoring mechanism national preventive complaints ombudsman freedom expression media
  journalists assembly association human defenders legislation criminal code definition amend adopt ensure
  effective remedies compensation victims trafficking labour exploitation minorities language culture poverty
  housing water sanitation juvenile penitentiary isolation solitary confinement custody safeguards lawyer
  access medical examination independent allegations ill-treatment prosecute perpetrators impunity training
  officials statistics data collection budget strategy plan action implement ratify optional protocol`
    .split(/\s+/)
    .filter(Boolean);
  const ru = `пытки предупреждение задержание полиция расследование дети права женщины девочки насилие бытовое
  дискриминация мигранты беженцы убежище инвалидность образование здоровье правосудие суд судьи независимость
  тюрьма условия мониторинг механизм национальный превентивный жалобы омбудсмен свобода выражения СМИ
  журналисты собрания объединения правозащитники законодательство уголовный кодекс определение изменить принять
  обеспечить эффективные средства компенсация жертвы торговля людьми трудовая эксплуатация меньшинства язык
  культура бедность жильё вода санитария несовершеннолетние пенитенциарный изоляция одиночное заключение
  содержание гарантии адвокат доступ медицинское освидетельствование независимое утверждения жестокое
  обращение преследовать виновных безнаказанность обучение должностных статистика данные бюджет стратегия
  план действий осуществить ратифицировать факультативный протокол`
    .split(/\s+/)
    .filter(Boolean);
  const kk = `азаптау алдын алу ұстау полиция тергеу балалар құқықтары әйелдер зорлық кемсітушілік көшіп-қонушылар
  босқындар мүгедектік білім денсаулық сот тәуелсіздік түрме жағдайлар мониторинг механизм ұлттық шағымдар
  омбудсмен бостандық журналистер заңнама қылмыстық кодекс қабылдау қамтамасыз ету өтемақы құрбандар`
    .split(/\s+/)
    .filter(Boolean);

  await sql`INSERT INTO themes (slug, name)
  SELECT 'bench-theme-' || g, jsonb_build_object('en', 'Theme ' || g, 'ru', 'Тема ' || g)
    FROM generate_series(1, 30) g`.execute(db);
  await sql`INSERT INTO organisations (slug, category, name)
  SELECT 'bench-body-' || g, 'state_body', jsonb_build_object('ru', 'Ведомство ' || g, 'en', 'Body ' || g)
    FROM generate_series(1, 100) g`.execute(db);
  // The SDG goals and targets, unless a migration seeded them already.
  await sql`INSERT INTO sdg_goals (number, name)
  SELECT g, jsonb_build_object('en', 'Goal ' || g, 'ru', 'Цель ' || g, 'kk', g || '-мақсат')
    FROM generate_series(1, 17) g ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO sdg_targets (code, goal, text)
  SELECT g || '.' || t, g, jsonb_build_object('en', 'Target ' || g || '.' || t)
    FROM generate_series(1, 17) g, generate_series(1, 8) t ON CONFLICT DO NOTHING`.execute(db);
  // Three cycles per State and mechanism.
  await sql`INSERT INTO reporting_cycles (mechanism_id, state_code, title, number)
  SELECT m.id, s, jsonb_build_object('en', m.code || ' cycle ' || n, 'ru', m.code || ', цикл ' || n), n
    FROM mechanisms m, unnest(${states}::text[]) s, generate_series(1, 3) n`.execute(db);

  // Bulk loading is faster with the text-search and array indexes built afterwards; the same
  // definitions are recreated from pg_indexes, so the measured schema is the migrated one.
  const gin = await sql<{ indexdef: string; indexname: string }>`SELECT indexname, indexdef FROM pg_indexes
  WHERE tablename = 'recommendations' AND indexdef ILIKE '%USING gin%'`.execute(db);
  for (const i of gin.rows) await sql.raw(`DROP INDEX ${i.indexname}`).execute(db);

  const CHUNK = 30_000;
  await sql`SELECT setseed(0.42)`.execute(db);
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1);
    await sql`
    WITH dict AS (
      SELECT (SELECT array_agg(id ORDER BY id) FROM mechanisms) AS mechs,
             (SELECT array_agg(id ORDER BY id) FROM themes) AS themes,
             (SELECT array_agg(id ORDER BY id) FROM affected_groups) AS groups,
             (SELECT array_agg(code ORDER BY code) FROM sdg_targets) AS targets,
             (SELECT array_agg(id ORDER BY id) FROM organisations WHERE slug LIKE 'bench-body-%') AS bodies
    ), base AS (
      SELECT g, ${states}::text[] AS states, dict.*,
             date '2008-01-01' + (random() * 6500)::int AS adopted,
             1 + floor(random() * 12)::int AS m
        FROM generate_series(${from}::int, ${to}::int) g, dict
    )
    INSERT INTO recommendations (source_key, state_code, mechanism_id, cycle_id, symbol, paragraph, adopted_on,
      session, text, recommending_state, response, theme_ids, affected_group_ids, sdg_targets, priority, status,
      responsible_ids)
    SELECT 'bench-' || g,
           states[1 + g % array_length(states, 1)],
           mechs[m],
           CASE WHEN g % 2 = 0 THEN (SELECT c.id FROM reporting_cycles c WHERE c.mechanism_id = mechs[m]
                  AND c.state_code = states[1 + g % array_length(states, 1)] AND c.number = 1 + g % 3) END,
           'DOC/C/' || states[1 + g % array_length(states, 1)] || '/CO/' || (1 + g % 3),
           (1 + g % 60)::text,
           adopted,
           'Session ' || (extract(year FROM adopted)::int - 1950),
           jsonb_strip_nulls(jsonb_build_object(
             'en', (SELECT string_agg((${en}::text[])[1 + floor(random() * ${en.length})::int + 0 * i], ' ')
                      FROM generate_series(1, 12 + g % 25) i WHERE g > 0),
             'ru', CASE WHEN g % 3 <> 0 THEN (SELECT string_agg((${ru}::text[])[1 + floor(random() * ${ru.length})::int + 0 * i], ' ')
                      FROM generate_series(1, 12 + g % 25) i WHERE g > 0) END,
             'kk', CASE WHEN g % 20 = 0 THEN (SELECT string_agg((${kk}::text[])[1 + floor(random() * ${kk.length})::int + 0 * i], ' ')
                      FROM generate_series(1, 10 + g % 15) i WHERE g > 0) END)),
           CASE WHEN m = 11 THEN states[1 + (g * 7) % array_length(states, 1)] END,
           (ARRAY['supported', 'noted', 'not_applicable', NULL, NULL])[1 + floor(random() * 5)::int],
           (SELECT coalesce(array_agg(DISTINCT themes[1 + floor(random() * array_length(themes, 1))::int + 0 * i]), '{}')
              FROM generate_series(1, g % 4) i WHERE g > 0),
           (SELECT coalesce(array_agg(DISTINCT groups[1 + floor(random() * array_length(groups, 1))::int + 0 * i]), '{}')
              FROM generate_series(1, g % 3) i WHERE g > 0),
           (SELECT coalesce(array_agg(DISTINCT targets[1 + floor(random() * array_length(targets, 1))::int + 0 * i]), '{}')
              FROM generate_series(1, (g / 7) % 3) i WHERE g > 0),
           random() < 0.05,
           CASE WHEN random() < 0.8 THEN 'not_assessed'
                ELSE (ARRAY['not_started', 'in_progress', 'partly_implemented', 'implemented', 'not_applicable'])[1 + floor(random() * 5)::int] END,
           CASE WHEN g % 10 = 0 THEN (SELECT array_agg(DISTINCT bodies[1 + floor(random() * 100)::int + 0 * i])
                                        FROM generate_series(1, 1 + g % 2) i WHERE g > 0) ELSE '{}' END
      FROM base`.execute(db);
    process.stdout.write(`\rloaded ${to} of ${ROWS} recommendations`);
  }
  for (const i of gin.rows) await sql.raw(i.indexdef).execute(db);
  // Autovacuum would have analysed and vacuumed a table this size long before anyone read it.
  await sql`VACUUM ANALYZE`.execute(db);
  const loadMs = performance.now() - t0;
  const size = await sql<{
    table: string;
    total: string;
  }>`SELECT pg_size_pretty(pg_relation_size('recommendations')) AS table,
          pg_size_pretty(pg_total_relation_size('recommendations')) AS total`.execute(db);
  console.log(
    `\n${ROWS} recommendations loaded in ${(loadMs / 1000).toFixed(0)} s; heap ${size.rows[0]?.table}, with indexes and TOAST ${size.rows[0]?.total}`,
  );
  // The explorer searches core search's index (decision 0018), which the job keeps: built here from scratch.
  const t1 = performance.now();
  await syncSearch(db, [recommendationSearch], { full: true });
  await sql`VACUUM ANALYZE search_documents`.execute(db);
  console.log(`indexed for search in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
}

if (HOLD) {
  console.log(`database kept: ${url.toString()}\nCtrl-C to drop it and stop.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
} else {
  // ---- measurements ------------------------------------------------------------------------
  // As production runs: listening for changes (decision 0022), so that the explorer keeps its facet
  // index (decision 0030). BENCH_FACET_INDEX=0 measures without (every count made by PostgreSQL).
  const withIndex = process.env.BENCH_FACET_INDEX !== '0';
  const app = await benchApp(db, withIndex ? { pageCacheUrl: url.toString() } : {});
  // The process's memory throughout (issue 15: under 300 MB), sampled every 50 ms.
  let peakRss = 0;
  setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50).unref();
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  /** A CSV fetched over HTTP and counted as it arrives, never held whole. */
  const streamedCsv = async (path: string) => {
    const res = await fetch(base + path);
    if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    return { bytes, lines: lines - 1 };
  };
  // A session cookie no session has: the answer is computed and not kept by the page cache (no
  // compressing of pages no one will ask for again), whether or not the page cache listens.
  const NOT_KEPT = { cookie: 'kenes_session=bench-no-such-session' };
  // How long the event loop was held (issue 15: no request over 50 ms), during the index's build and each case.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  if (withIndex) {
    // The first request starts the index's build; measured once it answers (its naming statement shows).
    const started = performance.now();
    queries = [];
    while (!queries.some((q) => q.sql.includes('WITH counted AS')) && performance.now() - started < 120_000) {
      await app.inject({ url: '/en/recommendations?state=KZ', headers: NOT_KEPT });
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `facet index built and used after ${((performance.now() - started) / 1000).toFixed(1)} s; event loop held at most ${(loop.max / 1e6).toFixed(0)} ms meanwhile; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
  }
  const theme = await db
    .selectFrom('themes')
    .select('slug')
    .where('slug', 'like', 'bench-theme-%')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const cases: { label: string; path: string; runs?: number }[] = [
    { label: 'explorer, unfiltered', path: '/en/recommendations' },
    { label: 'explorer, unfiltered, page 100', path: '/ru/recommendations?page=100' },
    { label: 'explorer, 1 facet (a State)', path: '/ru/recommendations?state=KZ' },
    { label: 'explorer, 1 facet (80% of rows)', path: '/en/recommendations?status=not_assessed' },
    { label: 'explorer, 2 facets', path: '/en/recommendations?mechanism=UPR&response=supported' },
    { label: 'explorer, 3 facets', path: `/en/recommendations?mechanism=CAT&theme=${theme.slug}&year=2019` },
    { label: 'explorer, SDG goal', path: '/en/recommendations?sdg=16' },
    { label: 'explorer, search (en)', path: `/en/recommendations?q=${encodeURIComponent('torture children')}` },
    { label: 'explorer, search (ru)', path: `/ru/recommendations?q=${encodeURIComponent('пытки детей')}` },
    { label: 'explorer, search (all langs)', path: `/kk/recommendations?q=${encodeURIComponent('police')}&qall=1` },
    { label: 'explorer, search + 2 facets', path: '/en/recommendations?q=police&status=implemented&year=2020' },
    { label: 'API list, unfiltered', path: '/api/v1/recommendations' },
    { label: 'API list, 2 filters', path: '/api/v1/recommendations?mechanism=CRC&theme=children' },
    { label: 'API list + facets, 2 filters', path: '/api/v1/recommendations?mechanism=CRC&year=2015&facets=1' },
    { label: 'CSV, 1 State', path: '/en/recommendations.csv?state=KZ', runs: 5 },
    { label: 'CSV, 2 facets', path: '/en/recommendations.csv?mechanism=CAT&response=supported', runs: 5 },
    // Over HTTP, read as it streams (app.inject would hold the whole answer): ~108,000 rows at 270,000.
    { label: 'CSV, no response (streamed)', path: '/en/recommendations.csv?response=none', runs: 2 },
  ];
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`\nin process (app.inject), ${os.cpus().length} cores, load average ${load()} at the start\n`);
  console.log(
    `${'case'.padEnd(34)} ${'queries'.padStart(7)} ${'bytes'.padStart(9)} ${'first ms'.padStart(9)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}  slowest statement ms (median)`,
  );
  let slowest: { label: string; query: Logged } | undefined;
  for (const c of cases) {
    const runs = c.runs ?? RUNS;
    const times: number[] = [];
    const worst: number[] = [];
    let bytes = 0;
    let lines = 0;
    let perRequest = 0;
    let worstQuery: Logged | undefined;
    const started = performance.now();
    loop.reset();
    for (let run = 0; run < runs && performance.now() - started < 30_000; run++) {
      queries = [];
      const start = performance.now();
      if (c.label.endsWith('(streamed)')) {
        const streamed = await streamedCsv(c.path);
        times.push(performance.now() - start);
        [bytes, lines] = [streamed.bytes, streamed.lines];
        perRequest = queries.length;
        continue;
      }
      const res = await app.inject({ url: c.path, headers: NOT_KEPT });
      times.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${c.path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      if (c.path.includes('.csv')) lines = res.body.split('\n').length - 2;
      perRequest = queries.length;
      const q = queries.reduce((a, b) => (b.ms > a.ms ? b : a));
      worst.push(q.ms);
      if (!worstQuery || q.ms > worstQuery.ms) worstQuery = q;
    }
    const pct = (list: number[], p: number) =>
      [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))] ?? 0;
    console.log(
      `${c.label.padEnd(34)} ${String(perRequest).padStart(7)} ${String(bytes).padStart(9)} ${(times[0] ?? 0).toFixed(1).padStart(9)} ${pct(times, 0.5).toFixed(1).padStart(10)} ${pct(times, 0.95).toFixed(1).padStart(8)}  ${pct(worst, 0.5).toFixed(1)}${lines ? `  (${lines} rows)` : ''}  loop held ≤ ${(loop.max / 1e6).toFixed(0)} ms`,
    );
    // The statement slowest in its median run, across cases (the CSV's many batches aside).
    if (worstQuery && !c.path.includes('.csv') && (!slowest || pct(worst, 0.5) > slowest.query.ms))
      slowest = { label: c.label, query: { ...worstQuery, ms: pct(worst, 0.5) } };
  }
  console.log(
    `\nload average ${load()} at the end; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, at most ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  if (slowest) {
    const client = await pool.connect();
    try {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.query.sql}`, [...slowest.query.parameters]);
      console.log(`\nplan of the slowest statement (${slowest.label}, median ${slowest.query.ms.toFixed(1)} ms):`);
      for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log(row['QUERY PLAN']);
    } finally {
      client.release();
    }
  }

  // What the whole collection's counts cost writers: 10 statements of 1,000 rows, with and without
  // the triggers that keep them (rolled back).
  const writeMs = async (withTriggers: boolean) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      if (!withTriggers)
        for (const op of ['insert', 'update', 'delete'])
          await client.query(`ALTER TABLE recommendations DISABLE TRIGGER recommendation_facet_counts_${op}`);
      const t = performance.now();
      for (let i = 0; i < 10; i++)
        await client.query(
          `INSERT INTO recommendations (source_key, state_code, mechanism_id, cycle_id, adopted_on, text, response,
             theme_ids, affected_group_ids, sdg_targets)
           SELECT 'write-' || $1::int || '-' || id, state_code, mechanism_id, cycle_id, adopted_on, text, response,
                  theme_ids, affected_group_ids, sdg_targets
             FROM recommendations WHERE id > $1::int * 1000 AND id <= ($1::int + 1) * 1000`,
          [i],
        );
      return performance.now() - t;
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  };
  const plain = await writeMs(false);
  const counted = await writeMs(true);
  console.log(
    `\nwriting 10 × 1,000 recommendations: ${plain.toFixed(0)} ms without the facet-count triggers, ${counted.toFixed(0)} ms with them`,
  );
  await app.close();
}

await db.destroy();
await bench.done();
