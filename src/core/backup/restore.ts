import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type ChainCheck, verifyAuditChain } from '../audit.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { listMigrations, MIGRATIONS_DIR, migrate } from '../db/migrate.ts';
import { currentRole, grantRuntimeRole } from '../db/roles.ts';
import { BACKUP_FORMAT, SECRET_FILES, type SecretFile } from './backup.ts';
import { columnList, listTables, qualified, SCHEMA, type SequenceValue } from './catalogue.ts';
import { BackupError, BackupReader, type Frame } from './format.ts';

export interface RestoreSummary {
  ms: number;
  rows: Record<string, number>;
  files: string[];
  /** Files of DATA_DIR that were different and were kept beside, renamed `NAME.before-restore-…`. */
  setAside: string[];
  /** Migrations applied after the data (the backup was older than this Kenes). */
  migratedForward: string[];
  chain: ChainCheck;
}

interface Manifest {
  type: 'manifest';
  format: number;
  createdAt: string;
  migrations: string[];
  tables: { name: string; columns: string[] }[];
  files: string[];
}

async function expect(reader: BackupReader, type: string): Promise<Frame> {
  const frame = await reader.next();
  if (!frame || frame.header.type !== type) {
    throw new BackupError(
      `The backup file is damaged: expected its ${type} record, found ${frame?.header.type ?? 'the end'}.`,
    );
  }
  return frame;
}

async function collect(chunks: AsyncIterable<Buffer> | undefined): Promise<Buffer> {
  const parts: Buffer[] = [];
  if (chunks) for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Whether a file of DATA_DIR already says the same as the backup's (secrets.json: the same session secret). */
function sameSecret(name: SecretFile, existing: Buffer, fromBackup: Buffer): boolean {
  if (name !== 'secrets.json') return existing.equals(fromBackup);
  try {
    return JSON.parse(existing.toString()).sessionSecret === JSON.parse(fromBackup.toString()).sessionSecret;
  } catch {
    return false;
  }
}

/** Reads a file of DATA_DIR, undefined when absent. */
function readIfAny(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What the target database holds: whether Kenes's schema is there, its migrations, whether anything was written. */
async function targetState(client: pg.Client): Promise<{ migrations: string[]; written: boolean }> {
  const { rows } = await client.query<{ migrations: boolean; log: boolean; tables: string }>(
    `SELECT to_regclass($1 || '.schema_migrations') IS NOT NULL AS migrations,
            to_regclass($1 || '.audit_log') IS NOT NULL AS log,
            (SELECT count(*) FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r') AS tables`,
    [SCHEMA],
  );
  const s = rows[0];
  if (!s?.migrations) return { migrations: [], written: Number(s?.tables ?? 0) > 0 };
  const migrations = (
    await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
  ).rows.map((r) => r.name);
  // Every write through Kenes appends to the audit log (the demo's too): a database whose log is
  // empty holds nothing anyone wrote, only what the migrations put there.
  const written = s.log ? (await client.query('SELECT 1 FROM audit_log LIMIT 1')).rowCount !== 0 : true;
  return { migrations, written };
}

/**
 * Restores a backup into the database `open` returns (embedded under DATA_DIR, or external) and
 * DATA_DIR's secrets. Refuses, unless `force`, a database anything was written to and secrets that
 * differ from the backup's. The schema is recreated by this Kenes's migrations up to the backup's
 * last one, the rows loaded in one transaction, then the newer migrations applied; the audit chain
 * is verified at the end (decision 0020).
 */
export async function restoreBackup(opts: {
  file: string;
  passphrase: string | undefined;
  dataDir: string;
  force: boolean;
  /** Opens the target database (without migrating it): called once the secrets are in DATA_DIR. */
  open: () => Promise<DatabaseHandle>;
}): Promise<RestoreSummary> {
  const started = performance.now();
  const reader = await BackupReader.open(opts.file, opts.passphrase);
  const manifest = (await expect(reader, 'manifest')).header as unknown as Manifest;
  if (manifest.format !== BACKUP_FORMAT) {
    throw new BackupError(`This backup's format (${manifest.format}) is not one this Kenes reads (${BACKUP_FORMAT}).`);
  }
  const known = listMigrations().map((m) => m.name);
  const unknown = manifest.migrations.filter((m) => !known.includes(m));
  if (unknown.length) {
    throw new BackupError(
      `The backup was made by a newer Kenes (its schema has migration ${unknown[0]}, which this version does not know): restore it with that version or a later one.`,
    );
  }
  const lastMigration = manifest.migrations.at(-1);
  if (!lastMigration) throw new BackupError('The backup holds no schema version.');

  const files = new Map<SecretFile, Buffer>();
  for (let i = 0; i < manifest.files.length; i++) {
    const f = await expect(reader, 'file');
    const name = String(f.header.name) as SecretFile;
    if (!SECRET_FILES.includes(name)) throw new BackupError(`The backup holds an unexpected file "${name}".`);
    files.set(name, await collect(f.chunks));
  }

  // DATA_DIR: the backup's secrets, unless different ones are there (then only with --force, the old kept beside).
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const existing = new Map([...files.keys()].map((n) => [n, readIfAny(path.join(opts.dataDir, n))] as const));
  const differing = [...files].filter(([n, content]) => {
    const had = existing.get(n);
    return had !== undefined && !sameSecret(n, had, content);
  });
  if (differing.length && !opts.force) {
    throw new BackupError(
      `${opts.dataDir} already holds ${differing.map(([n]) => n).join(', ')}, different from the backup's: restore into a new DATA_DIR, or add --force to replace them (the old ones are kept beside).`,
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const setAside: string[] = [];
  const created: string[] = [];
  for (const [name, content] of files) {
    const target = path.join(opts.dataDir, name);
    const had = existing.get(name);
    if (had !== undefined && sameSecret(name, had, content)) continue;
    let toWrite = content;
    if (had !== undefined) {
      fs.copyFileSync(target, `${target}.before-restore-${stamp}`);
      setAside.push(`${name}.before-restore-${stamp}`);
      if (name === 'secrets.json') {
        // The cluster already in DATA_DIR keeps the password it was initialised with.
        const merged = {
          ...JSON.parse(content.toString()),
          postgresPassword: JSON.parse(had.toString()).postgresPassword,
        };
        toWrite = Buffer.from(`${JSON.stringify(merged, null, 2)}\n`);
      }
    } else {
      created.push(target);
    }
    fs.writeFileSync(target, toWrite, { mode: 0o600 });
  }

  let handle: DatabaseHandle;
  try {
    handle = await opts.open();
  } catch (err) {
    for (const f of created) fs.rmSync(f, { force: true });
    throw err;
  }
  try {
    const client = new pg.Client({ connectionString: handle.ownerUrl, application_name: 'kenes restore' });
    await client.connect();
    let rows: Record<string, number>;
    try {
      await client.query('SET client_min_messages = warning');
      const state = await targetState(client);
      if (state.written && !opts.force) {
        for (const f of created) fs.rmSync(f, { force: true });
        throw new BackupError(
          "The target database is not empty (its audit log has entries, or it holds tables that are not Kenes's): restore into a new database or DATA_DIR, or add --force to replace everything in it.",
        );
      }
      const beyond = state.migrations.filter((m) => !manifest.migrations.includes(m));
      if (beyond.length) {
        throw new BackupError(
          `The target database's schema is newer than the backup's (it has migration ${beyond[0]}): restore into an empty database, which is then migrated forward after the data.`,
        );
      }
      await migrate(handle.ownerUrl, MIGRATIONS_DIR, lastMigration);
      try {
        rows = await loadRows(client, reader, manifest);
      } catch (err) {
        // Rolled back. Say so if it is the file's fault, rather than what PostgreSQL made of its bytes.
        if (err instanceof BackupError) throw err;
        throw (await BackupReader.damage(opts.file, opts.passphrase)) ?? err;
      }
    } finally {
      await client.end();
    }
    // The schema goes on from the backup's version to this Kenes's, with the data in it.
    const forward = await migrate(handle.ownerUrl);
    if (handle.ownerUrl !== handle.url) await grantRuntimeRole(handle.ownerUrl, await currentRole(handle.db));
    const chain = await verifyAuditChain(handle.db);
    return {
      ms: Math.round(performance.now() - started),
      rows,
      files: [...files.keys()],
      setAside,
      migratedForward: forward.applied,
      chain,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Every table's rows, in one transaction as the owner: the tables emptied, each loaded with COPY in
 * the backup's order (parents first, foreign keys checked), the sequences set. The tables' own
 * triggers are off while the rows go in — they would stamp times, count facets twice, refuse
 * TRUNCATE on the audit log — and on again before COMMIT: only the owner can do this, inside its
 * transaction (the tables are locked, no one else sees them without triggers), and the run-time role
 * Kenes serves with can never do it (decision 0013).
 */
async function loadRows(client: pg.Client, reader: BackupReader, manifest: Manifest): Promise<Record<string, number>> {
  const tables = await listTables(client);
  const expected = new Map(manifest.tables.map((t) => [t.name, t.columns.join(',')]));
  for (const t of tables) {
    if (expected.get(t.name) !== t.columns.join(',')) {
      throw new BackupError(
        `The schema the migrations recreated differs from the backup's at table ${t.name}: was the database changed by hand?`,
      );
    }
  }
  if (tables.length !== expected.size) {
    throw new BackupError('The backup holds tables the migrations did not recreate: was the database changed by hand?');
  }
  const rows: Record<string, number> = {};
  await client.query('BEGIN');
  try {
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    for (const t of tables) await client.query(`ALTER TABLE ${qualified(client, t.name)} DISABLE TRIGGER USER`);
    await client.query(`TRUNCATE ${tables.map((t) => qualified(client, t.name)).join(', ')}`);
    const sequences = (await expect(reader, 'sequences')).header.sequences as SequenceValue[];
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (;;) {
      const frame = await reader.next();
      if (!frame) throw new BackupError('The backup file ends before its end record: it is incomplete.');
      if (frame.header.type === 'end') {
        const counted = frame.header.rows as Record<string, number>;
        for (const t of tables) {
          if ((counted[t.name] ?? 0) !== (rows[t.name] ?? 0)) {
            throw new BackupError(
              `Table ${t.name}: ${rows[t.name] ?? 0} rows loaded, the backup recorded ${counted[t.name]}.`,
            );
          }
        }
        break;
      }
      const t = byName.get(String(frame.header.name));
      if (frame.header.type !== 'table' || !t || !frame.chunks) {
        throw new BackupError(
          `The backup file is damaged: unexpected record ${JSON.stringify(frame.header).slice(0, 80)}.`,
        );
      }
      const sink = client.query(
        copyFrom(`COPY ${qualified(client, t.name)} (${columnList(client, t)}) FROM STDIN (FORMAT binary)`),
      );
      await pipeline(Readable.from(frame.chunks), sink);
      rows[t.name] = sink.rowCount;
    }
    // Only now is the whole file known to be intact (and, encrypted, unaltered: GCM's tag is at its end).
    await reader.verified();
    for (const s of sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
        `${client.escapeIdentifier(SCHEMA)}.${client.escapeIdentifier(s.name)}`,
        s.value,
        s.called,
      ]);
    }
    for (const t of tables) await client.query(`ALTER TABLE ${qualified(client, t.name)} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
    return rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
