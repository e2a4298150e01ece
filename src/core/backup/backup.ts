import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { columnList, largeObjectCount, listTables, otherDataRelations, qualified, readSequences } from './catalogue.ts';
import { BackupError, BackupWriter } from './format.ts';

/**
 * The secrets an installation keeps in DATA_DIR (decision 0013): the embedded database's password
 * and the session secret, the audit chain's keys, its signed checkpoints. A backup carries them, so
 * that the restored audit log verifies and sessions survive; values set in the environment instead
 * (AUDIT_KEY, SESSION_SECRET) are the operator's to keep.
 */
export const SECRET_FILES = ['secrets.json', 'audit-keys', 'audit-checkpoints'] as const;
export type SecretFile = (typeof SECRET_FILES)[number];

export const BACKUP_FORMAT = 1;

export interface BackupSummary {
  file: string;
  bytes: number;
  ms: number;
  /** Rows per table, as copied. */
  rows: Record<string, number>;
  /** The secrets files of DATA_DIR it holds. */
  files: string[];
  lastMigration: string;
}

function readSecret(dataDir: string, name: string): Buffer | undefined {
  try {
    return fs.readFileSync(path.join(dataDir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Writes a consistent backup of the database at `url` and of DATA_DIR's secrets into `file` (which
 * must not exist), encrypted when a passphrase is given. Every table is copied inside ONE
 * transaction at REPEATABLE READ, so the whole file shows the database at a single instant while
 * Kenes goes on writing; the copy takes no lock that blocks writers.
 */
export async function writeBackup(opts: {
  url: string;
  dataDir: string;
  file: string;
  passphrase?: string | undefined;
}): Promise<BackupSummary> {
  const started = performance.now();
  // Read before the snapshot: every checkpoint then names an entry the snapshot holds (the chain only grows).
  const checkpoints = readSecret(opts.dataDir, 'audit-checkpoints');
  const client = new pg.Client({ connectionString: opts.url, application_name: 'kenes backup' });
  await client.connect();
  let writer: BackupWriter | undefined;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The first query fixes the snapshot.
    const migrations = (
      await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name').catch((err) => {
        if ((err as { code?: string }).code !== '42P01') throw err;
        throw new BackupError('The database has no Kenes schema (no schema_migrations): nothing to back up.');
      })
    ).rows.map((r) => r.name);
    const tables = await listTables(client);
    const others = await otherDataRelations(client);
    if (others.length) {
      throw new BackupError(
        `This backup does not know how to copy ${others.join(', ')} (not plain tables): extend src/core/backup first.`,
      );
    }
    if ((await largeObjectCount(client)) > 0) {
      throw new BackupError('The database holds large objects, which Kenes does not use and a backup does not copy.');
    }
    // After the snapshot: keys are only ever added, so these verify every entry the snapshot holds.
    const files = new Map<string, Buffer>();
    for (const name of SECRET_FILES) {
      const content = name === 'audit-checkpoints' ? checkpoints : readSecret(opts.dataDir, name);
      if (content) files.set(name, content);
    }
    // Sequences are not transactional: read now, each is at least what the snapshot's rows used.
    const sequences = await readSequences(client);
    const { rows: version } = await client.query<{ v: string }>('SHOW server_version');
    const lastMigration = migrations.at(-1) ?? '';

    writer = await BackupWriter.create(opts.file, opts.passphrase);
    await writer.frame({
      type: 'manifest',
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgres: version[0]?.v,
      migrations,
      tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      files: [...files.keys()],
    });
    for (const [name, content] of files) await writer.frame({ type: 'file', name }, content);
    await writer.frame({ type: 'sequences', sequences });
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const stream = client.query(
        copyTo(`COPY ${qualified(client, t.name)} (${columnList(client, t)}) TO STDOUT (FORMAT binary)`),
      );
      await writer.streamFrame({ type: 'table', name: t.name, columns: t.columns }, stream);
      rows[t.name] = stream.rowCount;
    }
    await writer.frame({ type: 'end', rows });
    await client.query('COMMIT');
    await writer.close();
    writer = undefined;
    return {
      file: opts.file,
      bytes: fs.statSync(opts.file).size,
      ms: Math.round(performance.now() - started),
      rows,
      files: [...files.keys()],
      lastMigration,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (writer) {
      await writer.close().catch(() => {});
      fs.rmSync(opts.file, { force: true }); // never leave half a backup that looks like one
    }
    throw err;
  } finally {
    await client.end();
  }
}
