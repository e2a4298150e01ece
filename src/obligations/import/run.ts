import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type Actor, audit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { nameKey } from '../state-codes.ts';
import type { Lookups, ValidRecommendation } from './cells.ts';
import { mappingProblems, parseSettings, type Settings } from './columns.ts';
import type { Encoding } from './decode.ts';
import { ImportProblem, type Reason } from './problem.ts';
import { validateRow } from './row.ts';
import { importDb } from './schema.ts';
import { type Delimiter, type Format, type OpenBytes, type TableSpec, tableRows } from './table.ts';
import { type NewThemeDecision, Vocabulary } from './vocabulary.ts';
import { loadLookups, rememberStateNames, writeBatch } from './write.ts';

// scripts/bench-import.ts takes the three steps of an import from here.
export { receiveImportFile } from './receive.ts';

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

// ---- starting ----------------------------------------------------------------------------------

/**
 * Claims an import for running with the given mapping and mode: only a pending or failed one, or
 * one left running by a process that died (stale heartbeat). Returns false when another process
 * has it or it is done. Clears the rejections of an earlier attempt, and remembers the State names
 * the person mapped for every later import.
 */
export async function claimImport(
  db: Db,
  importId: string,
  opts: { settings: Settings; skipBadRows: boolean; userId?: string | null },
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
    await rememberStateNames(trx, opts.settings.stateNames, opts.userId ?? null);
    return true;
  });
}

/** The preview's decisions on new themes, by name key. */
function themeDecisions(settings: Settings): Map<string, NewThemeDecision> {
  const decisions = new Map<string, NewThemeDecision>();
  for (const [name, d] of Object.entries(settings.themes ?? {})) {
    decisions.set(nameKey(name), d === 'new' ? 'new' : { themeId: d });
  }
  return decisions;
}

// ---- running -----------------------------------------------------------------------------------

class Rollback extends Error {}

type Pending = { line: number; rec: ValidRecommendation };

export interface RunOptions {
  actor: Actor;
  open: OpenBytes;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export type RunOutcome =
  | { status: 'done'; counts: ImportCounts }
  | { status: 'failed'; counts: ImportCounts; error: Reason };

/** What running an import needs of its row and its file's analysis. */
async function importJob(db: Db, importId: string) {
  return importDb(db)
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
}

type ImportJob = Awaited<ReturnType<typeof importJob>>;

/**
 * The progress and the rejected rows of a running import, written through other connections than
 * the import's transaction, in short statements: any process sees them while it runs, and the
 * rejections survive a rollback ("all or nothing" shows what to fix).
 */
class ProgressLog {
  processed = 0;
  private lastBeat = Date.now();
  private rejections: { import_id: string; line: number; reason: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly importId: string,
    private readonly total: number | null,
    readonly counts: ImportCounts,
    private readonly onProgress?: (p: Progress) => void,
  ) {}

  reject(line: number, reason: Reason): void {
    this.counts.rejected++;
    this.rejections.push({ import_id: this.importId, line, reason: JSON.stringify(reason) });
  }

  async flushRejections(): Promise<void> {
    if (this.rejections.length === 0) return;
    const batch = this.rejections;
    this.rejections = [];
    await this.db
      .insertInto('import_rejections')
      .values(batch)
      .onConflict((oc) => oc.columns(['import_id', 'line']).doNothing())
      .execute();
  }

  async beat(force = false): Promise<void> {
    const { processed, total } = this;
    this.onProgress?.({ processed, total });
    if (!force && processed % PROGRESS_EVERY_ROWS !== 0 && Date.now() - this.lastBeat < PROGRESS_EVERY_MS) return;
    this.lastBeat = Date.now();
    await this.flushRejections();
    await this.db
      .updateTable('recommendation_imports')
      .set({ processed_rows: processed, rejected: this.counts.rejected, heartbeat_at: sql<Date>`now()` })
      .where('id', '=', this.importId)
      .execute();
  }
}

/** Records the outcome on the import's row, drops the file once its recommendations are in, and audits. */
async function finishImport(
  trx: Db,
  importId: string,
  job: ImportJob,
  actor: Actor,
  processed: number,
  outcome: RunOutcome,
  themes?: { newThemes: number; themesLeftOut: string[] },
): Promise<RunOutcome> {
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
  await audit(trx, actor, {
    entity: 'recommendation_import',
    entityId: importId,
    action: outcome.status === 'done' ? 'import' : 'import-failed',
    after: {
      filename: job.filename,
      skipBadRows: job.skip_bad_rows,
      rows: processed,
      ...outcome.counts,
      ...themes,
      ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
    },
  });
  return outcome;
}

/**
 * The recommendations of one row that are new to this file. Each recommendation's key maps to
 * the line it came from and a digest of its content, to tell a repeated row (harmless: counted as
 * unchanged) from two different rows claiming the same recommendation (`duplicateOf`).
 */
function freshOf(
  seen: Map<string, { line: number; digest: string }>,
  line: number,
  recs: ValidRecommendation[],
): { fresh: ValidRecommendation[]; repeated: number; duplicateOf: number | undefined } {
  const fresh: ValidRecommendation[] = [];
  let repeated = 0;
  let duplicateOf: number | undefined;
  for (const rec of recs) {
    const digest = createHash('sha1')
      .update(JSON.stringify({ ...rec, sourceKey: '' }))
      .digest('base64');
    const earlier = seen.get(rec.sourceKey);
    if (!earlier) {
      seen.set(rec.sourceKey, { line, digest });
      fresh.push(rec);
    } else if (earlier.digest === digest) repeated++;
    else duplicateOf = earlier.line;
  }
  return { fresh, repeated, duplicateOf };
}

interface RowsRun {
  importId: string;
  job: ImportJob;
  settings: Settings;
  spec: TableSpec;
  lookups: Lookups;
  themes: Vocabulary;
  groups: Vocabulary;
  log: ProgressLog;
  opts: RunOptions;
}

/** Reads, checks and writes every row inside the import's transaction; throws Rollback when "all or nothing" met a bad row. */
async function importRows(trx: Db, run: RowsRun): Promise<void> {
  const { importId, job, settings, lookups, log, opts } = run;
  const { counts } = log;
  const mapping = settings.columns;
  const header = job.header;
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
        themeIds: mapping.themes === undefined ? [] : await run.themes.ids(trx, rec.themes),
        groupIds: mapping.affected_persons === undefined ? [] : await run.groups.ids(trx, rec.affectedPersons),
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
    log.reject(line, reason);
    // All or nothing: what is in the batch will not be written; the rest is only checked.
    if (!job.skip_bad_rows) batch = [];
  };

  for await (const row of tableRows(opts.open, run.spec, header)) {
    if (opts.signal?.aborted) throw new ImportProblem('import.error.stopped');
    log.processed++;
    const outcome = validateRow(row.cells, settings, lookups, header);
    if (!outcome.ok) rejectRow(row.line, outcome.reason);
    else {
      const { fresh, repeated, duplicateOf } = freshOf(seen, row.line, outcome.recommendations);
      counts.unchanged += repeated;
      if (duplicateOf !== undefined)
        rejectRow(row.line, { key: 'import.reason.duplicate', params: { line: duplicateOf } });
      else if (writing()) for (const rec of fresh) batch.push({ line: row.line, rec });
    }
    if (batch.length >= BATCH_ROWS) await flush();
    await log.beat();
  }
  await flush();
  await inFlight;
  await log.beat(true);
  if (counts.rejected > 0 && !job.skip_bad_rows) throw new Rollback();
}

/**
 * Runs a claimed import to its end and records the outcome on its row (done or failed, counts,
 * one audit entry). Never throws for a problem of the file: that is the outcome `failed`.
 */
export async function runImport(db: Db, importId: string, opts: RunOptions): Promise<RunOutcome> {
  const job = await importJob(db, importId);
  const settings = parseSettings(job.mapping, job.header.length);
  const spec = {
    format: job.format as Format,
    encoding: job.encoding as Encoding | null,
    delimiter: job.delimiter as Delimiter | null,
  };
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  const log = new ProgressLog(db, importId, job.total_rows, counts, opts.onProgress);

  try {
    if (mappingProblems(settings, job.header.length).length > 0) throw new ImportProblem('import.error.mapping');
    const lookups = await loadLookups(db, settings.stateNames);
    const themes = new Vocabulary('themes', themeDecisions(settings));
    const groups = new Vocabulary('affected_groups');
    await Promise.all([themes.load(db), groups.load(db)]);

    return await db.transaction().execute(async (trx) => {
      await importRows(trx, { importId, job, settings, spec, lookups, themes, groups, log, opts });
      await log.flushRejections();
      const outcome: RunOutcome = { status: 'done', counts: { ...counts } };
      return finishImport(trx, importId, job, opts.actor, log.processed, outcome, {
        newThemes: themes.created,
        themesLeftOut: [...themes.leftOut].slice(0, 100),
      });
    });
  } catch (err) {
    await log.flushRejections();
    let error: Reason;
    if (err instanceof Rollback) error = { key: 'import.error.badRows', params: { count: counts.rejected } };
    else if (err instanceof ImportProblem) error = err.reason;
    else error = { key: 'import.error.internal', params: {} };
    const outcome: RunOutcome = {
      status: 'failed',
      counts: { inserted: 0, updated: 0, unchanged: 0, rejected: counts.rejected },
      error,
    };
    await finishImport(db, importId, job, opts.actor, log.processed, outcome);
    if (!(err instanceof Rollback) && !(err instanceof ImportProblem)) throw err;
    return outcome;
  }
}
