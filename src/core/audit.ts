import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import { sql, type Transaction } from 'kysely';
import type { AuditKey, AuditKeyring } from './audit-keys.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { i18nFor } from './i18n/i18n.ts';
import { LANGS } from './i18n/locales.ts';
import { queueEmail } from './mail/outbox.ts';

/** Who did something: a user (acting for their organisation), or a named system actor (the CLI, a job). */
export interface Actor {
  userId: string | null;
  label: string;
  organisationId: string | null;
}

export function userActor(user: CurrentUser): Actor {
  return { userId: user.id, label: user.email, organisationId: user.organisationId };
}

export function systemActor(label: string): Actor {
  return { userId: null, label, organisationId: null };
}

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

// Never written to the log, whatever the use case passes.
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'token_hash', 'tokenHash']);

function redact(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (key, v) => (SECRET_KEYS.has(key) ? '[redacted]' : v)));
}

/**
 * What audit() needs from the process: the keys (decision 0013: never in the database, so that
 * whoever controls the database cannot write entries that verify) and where checkpoints of the
 * chain's head are kept (outside the database, so that removing the last entries is seen).
 */
export interface AuditSetup {
  keyring: AuditKeyring;
  /** Reads the keys again for verifying (a rotation by another process is then known); default: `keyring`. */
  reloadKeys?: () => AuditKeyring;
  /** The checkpoint file (JSON lines); without it no checkpoint is written or checked. */
  checkpointFile?: string;
  /** Also e-mail each new checkpoint there (a copy that leaves the machine). */
  checkpointEmail?: string | undefined;
}

let setup: AuditSetup | undefined;

/** Set once at start (openDatabase does it from the configuration; the test database from a test key). */
export function configureAudit(s: AuditSetup): void {
  setup = s;
}

/** The setup in force (a test that runs a command in-process puts it back afterwards). */
export function currentAuditSetup(): AuditSetup | undefined {
  return setup;
}

function required(): AuditSetup {
  if (!setup) throw new Error('The audit log key is not configured (configureAudit is called by openDatabase).');
  return setup;
}

/** Time as it is hashed: UTC, microseconds, the text the database gives back with to_char(… 'US'). */
const chainTime = (d: Date) => `${d.toISOString().slice(0, 23)}000`;
const AT_TEXT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/**
 * jsonb does not keep the text it was given (key order, spaces, number spelling), so the keyed hash
 * covers a canonical form that both the writer (from the value) and the verifier (from the value
 * read back) compute: keys sorted, no spaces, numbers as JavaScript prints them.
 */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

interface ChainFields {
  id: string;
  at: string;
  actorUserId: string | null;
  actorLabel: string;
  actorOrganisationId: string | null;
  entity: string;
  entityId: string;
  action: string;
  /** canonicalJson of before / after */
  before: string;
  after: string;
  prevHash: string;
  keyId: string;
}

/** HMAC-SHA256 over the fields as a JSON array: unambiguous whatever characters a field holds. */
function keyedHash(key: AuditKey, f: ChainFields): string {
  return createHmac('sha256', key.secret)
    .update(
      JSON.stringify([
        'kenes-audit-v2',
        f.keyId,
        f.prevHash,
        f.id,
        f.at,
        f.actorUserId,
        f.actorLabel,
        f.actorOrganisationId,
        f.entity,
        f.entityId,
        f.action,
        f.before,
        f.after,
      ]),
    )
    .digest('hex');
}

/**
 * Appends an entry to the audit log inside the caller's transaction, so the entry exists exactly
 * when the change does. Given the database rather than a transaction, it opens its own.
 */
export async function audit(trx: Transaction<DB> | Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditMany(trx, actor, [entry]);
}

/**
 * Appends entries with one lock and one statement. The chain is computed here, where the key is:
 * the head row is locked (`FOR UPDATE`, held to the caller's commit, so writers are serialised and
 * id order is chain order), ids continue from it, each hash is keyed and covers the previous one,
 * and the head moves in the same statement that inserts the entries.
 */
export async function auditMany(trx: Transaction<DB> | Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  if (!trx.isTransaction) {
    await trx.transaction().execute((t) => auditMany(t, actor, entries));
    return;
  }
  const key = required().keyring.current;
  const { rows } = await sql<{ last_id: string; last_hash: string }>`
    SELECT last_id::text AS last_id, last_hash FROM audit_chain_head WHERE singleton FOR UPDATE`.execute(trx);
  const head = rows[0];
  if (!head) throw new Error('audit_chain_head has no row: the audit log is not migrated.');
  const now = new Date();
  let id = BigInt(head.last_id);
  let prevHash = head.last_hash;
  const cols = {
    id: [] as string[],
    before: [] as (string | null)[],
    after: [] as (string | null)[],
    prev: [] as string[],
    hash: [] as string[],
    entity: [] as string[],
    entityId: [] as string[],
    action: [] as string[],
  };
  for (const entry of entries) {
    id += 1n;
    const before = redact(entry.before);
    const after = redact(entry.after);
    const fields: ChainFields = {
      id: id.toString(),
      at: chainTime(now),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      actorOrganisationId: actor.organisationId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      before: canonicalJson(before),
      after: canonicalJson(after),
      prevHash,
      keyId: key.id,
    };
    const hash = keyedHash(key, fields);
    cols.id.push(fields.id);
    cols.before.push(before === null ? null : JSON.stringify(before));
    cols.after.push(after === null ? null : JSON.stringify(after));
    cols.prev.push(prevHash);
    cols.hash.push(hash);
    cols.entity.push(entry.entity);
    cols.entityId.push(entry.entityId);
    cols.action.push(entry.action);
    prevHash = hash;
  }
  await sql`
    WITH appended AS (
      INSERT INTO audit_log (id, at, actor_user_id, actor_label, actor_organisation_id, entity, entity_id, action,
                             before, after, prev_hash, hash, key_id)
      SELECT e.id, ${now.toISOString()}::timestamptz, ${actor.userId}::bigint, ${actor.label},
             ${actor.organisationId}::bigint, e.entity, e.entity_id, e.action, e.before::jsonb, e.after::jsonb,
             e.prev_hash, e.hash, ${key.id}
        FROM unnest(${cols.id}::bigint[], ${cols.entity}::text[], ${cols.entityId}::text[], ${cols.action}::text[],
                    ${cols.before}::text[], ${cols.after}::text[], ${cols.prev}::text[], ${cols.hash}::text[])
             AS e(id, entity, entity_id, action, before, after, prev_hash, hash)
    )
    UPDATE audit_chain_head SET last_id = ${id.toString()}, last_hash = ${prevHash} WHERE singleton`.execute(trx);
}

interface StoredEntry {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
  key_id: string | null;
}

// Selected under their own names as text; order by audit_log.id, not the text alias.
const STORED = sql`id::text AS id, ${AT_TEXT} AS at, actor_user_id::text AS actor_user_id, actor_label,
  actor_organisation_id::text AS actor_organisation_id, entity, entity_id, action, before::text AS before,
  after::text AS after, prev_hash, hash, key_id`;

/**
 * The hash of an entry written before the key (migration 202612060113): SHA-256 as the old trigger
 * computed it (audit_entry_hash), recomputed here rather than by that SQL function, which whoever
 * controls the database could replace.
 */
function unkeyedHash(e: StoredEntry): string {
  const parts = [
    e.prev_hash,
    e.id,
    e.at,
    e.actor_user_id ?? '',
    e.actor_label,
    e.actor_organisation_id ?? '',
    e.entity,
    e.entity_id,
    e.action,
    e.before ?? 'null',
    e.after ?? 'null',
  ];
  return createHash('sha256').update(parts.join('\x1f'), 'utf8').digest('hex');
}

function storedKeyedHash(key: AuditKey, e: StoredEntry): string {
  return keyedHash(key, {
    id: e.id,
    at: e.at,
    actorUserId: e.actor_user_id,
    actorLabel: e.actor_label,
    actorOrganisationId: e.actor_organisation_id,
    entity: e.entity,
    entityId: e.entity_id,
    action: e.action,
    before: e.before === null ? 'null' : canonicalJson(JSON.parse(e.before)),
    after: e.after === null ? 'null' : canonicalJson(JSON.parse(e.after)),
    prevHash: e.prev_hash,
    keyId: e.key_id ?? '',
  });
}

/** Why an entry does not verify. */
export type ChainProblem =
  /** its hash does not match its content (changed, or written without the key) */
  | 'content'
  /** its previous-hash is not the entry before it (removed or inserted) */
  | 'link'
  /** it names a key this installation does not have */
  | 'key'
  /** an unkeyed entry after the keyed chain began (only entries older than the key may be unkeyed) */
  | 'unkeyed'
  /** a checkpoint recorded another hash for this entry, or the entry is gone */
  | 'checkpoint'
  /** the log ends before an entry that a checkpoint recorded: its last entries were removed */
  | 'truncated'
  /** a line of the checkpoint file (firstBadId is its number) is not signed by our key */
  | 'checkpoint-file';

export interface ChainSummary {
  entries: number;
  /** First entry of the keyed chain; the entries before it were chained without a key (before decision 0013). */
  keyedFrom: string | null;
  unkeyedEntries: number;
  /** Checkpoints checked, and the newest of them. */
  checkpoints: number;
  lastCheckpoint: Checkpoint | undefined;
}

export type ChainCheck =
  | ({ ok: true } & ChainSummary)
  | ({ ok: false; firstBadId: string; reason: ChainProblem } & ChainSummary);

const BATCH = 5_000;

/**
 * Walks the whole chain in id order and checks every entry's hash (keyed, or for entries older than
 * the key, SHA-256 pinned by the first keyed entry's link) and link, then every checkpoint: the
 * entry it recorded still has its hash, and the log is not shorter. Names the first problem.
 */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  const s = required();
  const keyring = s.reloadKeys?.() ?? s.keyring;
  const cps = s.checkpointFile ? readCheckpoints(s.checkpointFile, keyring) : { valid: [], badLine: undefined };
  const recorded = new Map<string, string>();
  for (const cp of cps.valid) recorded.set(cp.id, cp.hash);

  let bad: { id: string; reason: ChainProblem } | undefined;
  let cpBad: { id: string; reason: ChainProblem } | undefined;
  let entries = 0;
  let unkeyedEntries = 0;
  let keyedFrom: string | null = null;
  let prevHash = '';
  let lastId = 0n;
  for (;;) {
    const { rows } = await sql<StoredEntry>`
      SELECT ${STORED} FROM audit_log WHERE audit_log.id > ${lastId.toString()}::bigint ORDER BY audit_log.id LIMIT ${BATCH}`.execute(
      db,
    );
    for (const e of rows) {
      entries++;
      if (e.key_id === null) unkeyedEntries++;
      else keyedFrom ??= e.id;
      if (!bad) {
        if (e.prev_hash !== prevHash) bad = { id: e.id, reason: 'link' };
        else if (e.key_id === null) {
          if (keyedFrom !== null) bad = { id: e.id, reason: 'unkeyed' };
          else if (unkeyedHash(e) !== e.hash) bad = { id: e.id, reason: 'content' };
        } else {
          const key = keyring.byId.get(e.key_id);
          if (!key) bad = { id: e.id, reason: 'key' };
          else if (storedKeyedHash(key, e) !== e.hash) bad = { id: e.id, reason: 'content' };
        }
      }
      const expected = recorded.get(e.id);
      if (expected !== undefined) {
        recorded.delete(e.id);
        if (expected !== e.hash) cpBad ??= { id: e.id, reason: 'checkpoint' };
      }
      prevHash = e.hash;
      lastId = BigInt(e.id);
    }
    if (rows.length < BATCH) break;
  }
  // Checkpointed entries not met on the walk: removed from the middle, or cut off the end.
  for (const id of [...recorded.keys()].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))) {
    cpBad ??= { id, reason: BigInt(id) > lastId ? 'truncated' : 'checkpoint' };
  }
  if (cps.badLine) cpBad ??= { id: cps.badLine, reason: 'checkpoint-file' };
  const summary: ChainSummary = {
    entries,
    keyedFrom,
    unkeyedEntries,
    checkpoints: cps.valid.length,
    lastCheckpoint: cps.valid.at(-1),
  };
  const problem = bad ?? cpBad;
  return problem ? { ok: false, firstBadId: problem.id, reason: problem.reason, ...summary } : { ok: true, ...summary };
}

/** A signed record, kept outside the database, that entry `id` had `hash` at time `at`. */
export interface Checkpoint {
  id: string;
  hash: string;
  at: string;
  keyId: string;
}

function checkpointMac(key: AuditKey, cp: Checkpoint): string {
  return createHmac('sha256', key.secret)
    .update(JSON.stringify(['kenes-audit-checkpoint-v1', cp.keyId, cp.id, cp.hash, cp.at]))
    .digest('hex');
}

/** The checkpoints whose signature holds; the number of the first line that is not one. */
function readCheckpoints(file: string, keyring: AuditKeyring): { valid: Checkpoint[]; badLine: string | undefined } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { valid: [], badLine: undefined };
    throw err;
  }
  const valid: Checkpoint[] = [];
  let badLine: string | undefined;
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const o = JSON.parse(line) as Checkpoint & { mac: string };
      const cp: Checkpoint = { id: String(o.id), hash: String(o.hash), at: String(o.at), keyId: String(o.keyId) };
      const key = keyring.byId.get(cp.keyId);
      if (key && /^\d+$/.test(cp.id) && checkpointMac(key, cp) === o.mac) {
        valid.push(cp);
        return;
      }
    } catch {
      // not JSON: reported below like a bad signature
    }
    badLine ??= String(i + 1);
  });
  return { valid, badLine };
}

/**
 * Records the chain's head in the checkpoint file, signed. Only a head that verifies is recorded
 * (a forged last entry is refused, not vouched for), and nothing is added while the head has not
 * moved since the last checkpoint. Each checkpoint is one short line appended with O_APPEND, so
 * several processes writing at once leave whole lines (at worst one repeated).
 */
export async function writeAuditCheckpoint(db: Db): Promise<Checkpoint | undefined> {
  const s = required();
  if (!s.checkpointFile) return undefined;
  const { rows } = await sql<StoredEntry>`SELECT ${STORED} FROM audit_log ORDER BY audit_log.id DESC LIMIT 1`.execute(
    db,
  );
  const last = rows[0];
  if (!last) return undefined;
  const keyring = s.reloadKeys?.() ?? s.keyring;
  const key = last.key_id === null ? undefined : keyring.byId.get(last.key_id);
  // An unkeyed head (nothing written since the upgrade) is recorded as it is: it pins the old chain.
  const signed =
    last.key_id === null
      ? unkeyedHash(last) === last.hash && !(await anyKeyedEntry(db))
      : !!key && storedKeyedHash(key, last) === last.hash;
  if (!signed) {
    throw new Error(
      `The last audit entry (${last.id}) does not verify: no checkpoint written. Run "kenes audit verify".`,
    );
  }
  const existing = readCheckpoints(s.checkpointFile, keyring).valid.at(-1);
  if (existing?.id === last.id && existing.hash === last.hash) return existing;
  const cp: Checkpoint = { id: last.id, hash: last.hash, at: new Date().toISOString(), keyId: keyring.current.id };
  const line = JSON.stringify({ ...cp, mac: checkpointMac(keyring.current, cp) });
  fs.appendFileSync(s.checkpointFile, `${line}\n`, { mode: 0o600 });
  if (s.checkpointEmail) {
    // One message in the three languages: it goes to whoever keeps the copies, not to a user.
    const texts = LANGS.map((lang) => i18nFor(lang).t('audit.checkpointMail', { id: cp.id, hash: cp.hash }));
    await queueEmail(db, {
      to: s.checkpointEmail,
      subject: `Kenes audit checkpoint ${cp.id}`,
      text: `${texts.join('\n\n')}\n\n${line}\n`,
    });
  }
  return cp;
}

async function anyKeyedEntry(db: Db): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (SELECT 1 FROM audit_log WHERE key_id IS NOT NULL) AS found`.execute(db);
  return rows[0]?.found ?? false;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Checkpoints the head now and then every day; returns the function that stops it. */
export function startAuditCheckpoints(db: Db, onError: (err: unknown) => void, everyMs = DAY_MS): () => void {
  const run = () => void writeAuditCheckpoint(db).catch(onError);
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
