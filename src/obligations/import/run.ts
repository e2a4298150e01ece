import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { type Actor, audit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { nameKey } from '../state-codes.ts';
import {
  type FIELDS,
  type Mapping,
  mappingProblems,
  parseSettings,
  recogniseColumns,
  type Settings,
} from './columns.ts';
import type { Encoding } from './decode.ts';
import { ImportProblem, type Reason } from './problem.ts';
import { type Lookups, mechanismIndex, type ValidRecommendation, validateRow } from './row.ts';
import { importDb } from './schema.ts';
import {
  analyseTable,
  type Delimiter,
  type Format,
  MAX_FILE_BYTES,
  type OpenBytes,
  type TableAnalysis,
  tableRows,
} from './table.ts';

/*
 * An import is a row of `recommendation_imports` that any process can read: created when the file
 * is read (status pending, with what was found in it), claimed by the process that runs it
 * (running, with a heartbeat), and finished (done or failed) with its counts and its rejected
 * rows in `import_rejections`. The recommendations are written in one transaction: with "all or
 * nothing" one bad row rolls all of it back; with "skip bad rows" the good ones are committed.
 * Progress and rejections go through other connections in short statements, so a page served by
 * any process sees them while the transaction runs.
 */

/** A running import whose heartbeat is older than this was interrupted (its process died). */
export const STALE_AFTER_SECONDS = 60;
const BATCH_ROWS = 1000;
const PROGRESS_EVERY_ROWS = 500;
const PROGRESS_EVERY_MS = 2000;
const CHUNK_BYTES = 1024 * 1024;

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface Progress {
  processed: number;
  total: number | null;
}

// ---- the file ----------------------------------------------------------------------------------

/** The stored chunks of an import's file, one query per chunk, as a byte stream. */
export function storedFile(db: Db, importId: string): OpenBytes {
  return () =>
    Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const row = await importDb(db)
            .selectFrom('recommendation_import_chunks')
            .select('data')
            .where('import_id', '=', importId)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!row) return;
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
}

export interface NewImport {
  filename: string;
  userId: string | null;
  /** The bytes, read once and stored (web), or left where they are (command line: a path re-read). */
  bytes: AsyncIterable<Buffer> | Iterable<Buffer>;
  store: boolean;
  encoding?: Encoding;
}

/**
 * Reads a new file: stores it in chunks (when `store`), hashes it, analyses it as a table and
 * records the import as pending with the recognised mapping. The file is refused whole with an
 * ImportProblem — nothing written — when it is too large or not a table. `reopen` gives the bytes
 * again for the analysis when they are not stored.
 */
export async function receiveImportFile(
  db: Db,
  file: NewImport & { reopen?: OpenBytes },
): Promise<{ id: string; analysis: TableAnalysis }> {
  return importDb(db)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .insertInto('recommendation_imports')
        .values({
          filename: cleanFilename(file.filename),
          // Placeholders until the file is read to its end (the row must exist for the chunks' key).
          sha256: '0'.repeat(64),
          format: 'csv',
          created_by: file.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const hash = createHash('sha256');
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (bytes: number) => {
        const all = Buffer.concat(pending, pendingBytes);
        pending = all.length > bytes ? [Buffer.from(all.subarray(bytes))] : [];
        pendingBytes -= bytes;
        if (file.store) {
          await trx
            .insertInto('recommendation_import_chunks')
            .values({ import_id: row.id, seq: seq++, data: all.subarray(0, bytes) })
            .execute();
        }
      };
      for await (const chunk of file.bytes) {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) throw new ImportProblem('import.error.tooLarge', { size: MAX_FILE_BYTES });
        hash.update(chunk);
        pending.push(chunk);
        pendingBytes += chunk.length;
        while (pendingBytes >= CHUNK_BYTES) await flush(CHUNK_BYTES);
      }
      if (pendingBytes > 0) await flush(pendingBytes);
      if (size === 0) throw new ImportProblem('import.error.empty');
      const open = file.store ? storedFile(trx as unknown as Db, row.id) : file.reopen;
      if (!open) throw new Error('receiveImportFile: a file not stored needs reopen');
      const analysis = await analyseTable(open, file.encoding ? { encoding: file.encoding } : {});
      await trx
        .updateTable('recommendation_imports')
        .set({
          sha256: hash.digest('hex'),
          format: analysis.format,
          encoding: analysis.encoding,
          total_rows: analysis.totalRows,
          mapping: JSON.stringify(recogniseColumns(analysis.header)),
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('recommendation_import_files')
        .values({ import_id: row.id, size_bytes: size, ...analysisColumns(analysis) })
        .execute();
      return { id: row.id, analysis };
    });
}

function analysisColumns(a: TableAnalysis) {
  return {
    encoding_by: a.encodingBy,
    delimiter: a.delimiter,
    header: JSON.stringify(a.header),
    header_line: a.headerLine,
    sample: JSON.stringify(a.sample),
  };
}

function cleanFilename(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return Array.from(clean || 'file')
    .slice(0, 255)
    .join('');
}

/**
 * Reads a stored file again in another encoding (the user's choice in the preview); the mapping
 * is recognised anew when the header changed. Throws ImportProblem when the file does not read as
 * a table in that encoding; nothing changes then.
 */
export async function rereadImport(db: Db, importId: string, encoding: Encoding): Promise<TableAnalysis> {
  const analysis = await analyseTable(storedFile(db, importId), { encoding });
  await importDb(db)
    .transaction()
    .execute(async (trx) => {
      const before = await trx
        .selectFrom('recommendation_import_files')
        .select('header')
        .where('import_id', '=', importId)
        .executeTakeFirstOrThrow();
      const headerChanged = JSON.stringify(before.header) !== JSON.stringify(analysis.header);
      await trx
        .updateTable('recommendation_imports')
        .set({
          encoding: analysis.encoding,
          total_rows: analysis.totalRows,
          ...(headerChanged ? { mapping: JSON.stringify(recogniseColumns(analysis.header)) } : {}),
        })
        .where('id', '=', importId)
        .where('status', 'in', ['pending', 'failed'])
        .execute();
      await trx
        .updateTable('recommendation_import_files')
        .set(analysisColumns(analysis))
        .where('import_id', '=', importId)
        .execute();
    });
  return analysis;
}

// ---- starting ----------------------------------------------------------------------------------

/**
 * Claims an import for running with the given mapping and mode: only a pending or failed one, or
 * one left running by a process that died (stale heartbeat). Returns false when another process
 * has it or it is done. Clears the rejections of an earlier attempt.
 */
export async function claimImport(
  db: Db,
  importId: string,
  opts: { settings: Settings; skipBadRows: boolean },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('recommendation_imports')
      .set({
        status: 'running',
        mapping: JSON.stringify(opts.settings),
        skip_bad_rows: opts.skipBadRows,
        heartbeat_at: sql<Date>`now()`,
        processed_rows: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        error: null,
        finished_at: null,
      })
      .where('id', '=', importId)
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['pending', 'failed']),
          eb.and([
            eb('status', '=', 'running'),
            eb('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_AFTER_SECONDS})`),
          ]),
        ]),
      )
      .returning('id')
      .executeTakeFirst();
    if (!claimed) return false;
    await trx.deleteFrom('import_rejections').where('import_id', '=', importId).execute();
    return true;
  });
}

// ---- running -----------------------------------------------------------------------------------

class Rollback extends Error {}

/** The themes or affected groups: found by name in any language or by slug, created when new. */
class Vocabulary {
  private readonly byKey = new Map<string, string>();
  private readonly slugs = new Set<string>();
  created = 0;

  constructor(private readonly table: 'themes' | 'affected_groups') {}

  async load(db: Db): Promise<void> {
    const rows = await db.selectFrom(this.table).select(['id', 'slug', 'name']).execute();
    for (const r of rows) {
      this.slugs.add(r.slug);
      this.byKey.set(nameKey(r.slug), r.id);
      for (const name of Object.values(r.name as Translated)) if (name) this.byKey.set(nameKey(name), r.id);
    }
  }

  /** Ids of the names, creating those not known yet (inside the import's transaction). */
  async ids(trx: Db, names: string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const name of names) {
      const key = nameKey(name);
      let id = this.byKey.get(key);
      if (!id) {
        let slug = slugOf(name);
        for (let n = 2; this.slugs.has(slug); n++) slug = `${slugOf(name).slice(0, 70)}-${n}`;
        const row = await trx
          .insertInto(this.table)
          .values({ slug, name: JSON.stringify({ [langOf(name)]: name }) })
          .onConflict((oc) => oc.column('slug').doUpdateSet({ slug: (eb) => eb.ref('excluded.slug') }))
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
        this.slugs.add(slug);
        this.byKey.set(key, id);
        this.created++;
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.sort((a, b) => Number(a) - Number(b));
  }
}

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** A slug from a name in any of the languages: "Права ребёнка" → "prava-rebenka". */
export function slugOf(name: string): string {
  const latin = Array.from(name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())
    .map((c) => TRANSLIT[c] ?? c)
    .join('');
  const slug = latin
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');
  return slug || 'item';
}

/** The language a name is probably in, from its letters. */
function langOf(name: string): 'en' | 'ru' | 'kk' {
  if (/[әғқңөұүһі]/i.test(name)) return 'kk';
  if (/\p{Script=Cyrillic}/u.test(name)) return 'ru';
  return 'en';
}

async function loadLookups(db: Db): Promise<Lookups> {
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

type Pending = { line: number; rec: ValidRecommendation };

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
async function writeBatch(
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

export interface RunOptions {
  actor: Actor;
  open: OpenBytes;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export type RunOutcome =
  | { status: 'done'; counts: ImportCounts }
  | { status: 'failed'; counts: ImportCounts; error: Reason };

/**
 * Runs a claimed import to its end and records the outcome on its row (done or failed, counts,
 * one audit entry). Never throws for a problem of the file: that is the outcome `failed`.
 */
export async function runImport(db: Db, importId: string, opts: RunOptions): Promise<RunOutcome> {
  const job = await importDb(db)
    .selectFrom('recommendation_imports as i')
    .innerJoin('recommendation_import_files as f', 'f.import_id', 'i.id')
    .select([
      'i.filename',
      'i.format',
      'i.encoding',
      'i.mapping',
      'i.skip_bad_rows',
      'i.total_rows',
      'i.created_by',
      'f.delimiter',
      'f.header',
    ])
    .where('i.id', '=', importId)
    .executeTakeFirstOrThrow();
  const header = job.header;
  const settings = parseSettings(job.mapping, header.length);
  const mapping = settings.columns;
  const spec = {
    format: job.format as Format,
    encoding: job.encoding as Encoding | null,
    delimiter: job.delimiter as Delimiter | null,
  };
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const total = job.total_rows;
  let processed = 0;
  let lastBeat = Date.now();
  let rejections: { import_id: string; line: number; reason: string }[] = [];

  const flushRejections = async () => {
    if (rejections.length === 0) return;
    const batch = rejections;
    rejections = [];
    // Outside the transaction: the list survives a rollback ("all or nothing" shows what to fix).
    await db
      .insertInto('import_rejections')
      .values(batch)
      .onConflict((oc) => oc.columns(['import_id', 'line']).doNothing())
      .execute();
  };
  const beat = async (force = false) => {
    opts.onProgress?.({ processed, total });
    if (!force && processed % PROGRESS_EVERY_ROWS !== 0 && Date.now() - lastBeat < PROGRESS_EVERY_MS) return;
    lastBeat = Date.now();
    await flushRejections();
    await db
      .updateTable('recommendation_imports')
      .set({ processed_rows: processed, rejected: counts.rejected, heartbeat_at: sql<Date>`now()` })
      .where('id', '=', importId)
      .execute();
  };

  const finish = async (outcome: RunOutcome, trx: Db) => {
    await trx
      .updateTable('recommendation_imports')
      .set({
        status: outcome.status,
        processed_rows: processed,
        ...outcome.counts,
        error: outcome.status === 'failed' ? JSON.stringify(outcome.error) : null,
        finished_at: sql<Date>`now()`,
        heartbeat_at: sql<Date>`now()`,
      })
      .where('id', '=', importId)
      .execute();
    // The file is not needed once its recommendations are in.
    if (outcome.status === 'done') {
      await importDb(trx).deleteFrom('recommendation_import_chunks').where('import_id', '=', importId).execute();
    }
    await audit(trx, opts.actor, {
      entity: 'recommendation_import',
      entityId: importId,
      action: outcome.status === 'done' ? 'import' : 'import-failed',
      after: {
        filename: job.filename,
        skipBadRows: job.skip_bad_rows,
        rows: processed,
        ...outcome.counts,
        ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
      },
    });
    return outcome;
  };

  try {
    if (mappingProblems(settings, header.length).length > 0) throw new ImportProblem('import.error.mapping');
    const lookups = await loadLookups(db);
    const themes = new Vocabulary('themes');
    const groups = new Vocabulary('affected_groups');
    await Promise.all([themes.load(db), groups.load(db)]);

    return await db.transaction().execute(async (trx) => {
      // Each recommendation's key → the line it came from and a digest of its content, to tell a
      // repeated row (harmless) from two different rows claiming the same recommendation.
      const seen = new Map<string, { line: number; digest: string }>();
      let batch: Pending[] = [];
      const writing = () => job.skip_bad_rows || counts.rejected === 0;
      // One INSERT in flight at a time: the next batch is read and checked (here, in Node) while
      // PostgreSQL writes the previous one, which roughly halves the time on two cores.
      let inFlight: Promise<void> = Promise.resolve();
      const flush = async () => {
        if (batch.length === 0) return;
        const current = batch;
        batch = [];
        const rows = [];
        for (const { rec } of current) {
          rows.push({
            rec,
            themeIds: mapping.themes === undefined ? [] : await themes.ids(trx, rec.themes),
            groupIds: mapping.affected_persons === undefined ? [] : await groups.ids(trx, rec.affectedPersons),
          });
        }
        await inFlight;
        inFlight = writeBatch(trx, importId, job.created_by, mapping, rows).then((written) => {
          counts.inserted += written.inserted;
          counts.updated += written.updated;
          counts.unchanged += written.unchanged;
        });
        // Awaited at the next flush or at the end; until then a failure must not count as unhandled.
        inFlight.catch(() => {});
      };
      const rejectRow = (line: number, reason: Reason) => {
        counts.rejected++;
        rejections.push({ import_id: importId, line, reason: JSON.stringify(reason) });
        // All or nothing: what is in the batch will not be written; the rest is only checked.
        if (!job.skip_bad_rows) batch = [];
      };

      for await (const row of tableRows(opts.open, spec, header)) {
        if (opts.signal?.aborted) throw new ImportProblem('import.error.stopped');
        processed++;
        const outcome = validateRow(row.cells, settings, lookups, header);
        if (!outcome.ok) rejectRow(row.line, outcome.reason);
        else {
          const fresh: ValidRecommendation[] = [];
          let duplicateOf: number | undefined;
          for (const rec of outcome.recommendations) {
            const digest = createHash('sha1')
              .update(JSON.stringify({ ...rec, sourceKey: '' }))
              .digest('base64');
            const earlier = seen.get(rec.sourceKey);
            if (!earlier) {
              seen.set(rec.sourceKey, { line: row.line, digest });
              fresh.push(rec);
            } else if (earlier.digest === digest) counts.unchanged++;
            else duplicateOf = earlier.line;
          }
          if (duplicateOf !== undefined)
            rejectRow(row.line, { key: 'import.reason.duplicate', params: { line: duplicateOf } });
          else if (writing()) for (const rec of fresh) batch.push({ line: row.line, rec });
        }
        if (batch.length >= BATCH_ROWS) await flush();
        await beat();
      }
      await flush();
      await inFlight;
      await beat(true);
      if (counts.rejected > 0 && !job.skip_bad_rows) throw new Rollback();
      await flushRejections();
      return finish({ status: 'done', counts: { ...counts } }, trx);
    });
  } catch (err) {
    await flushRejections();
    let error: Reason;
    if (err instanceof Rollback) error = { key: 'import.error.badRows', params: { count: counts.rejected } };
    else if (err instanceof ImportProblem) error = err.reason;
    else error = { key: 'import.error.internal', params: {} };
    const outcome: RunOutcome = {
      status: 'failed',
      counts: { inserted: 0, updated: 0, unchanged: 0, rejected: counts.rejected },
      error,
    };
    await finish(outcome, db);
    if (!(err instanceof Rollback) && !(err instanceof ImportProblem)) throw err;
    return outcome;
  }
}
