import { createHash, createHmac } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { AuditKey, AuditKeyring } from './audit-keys.ts';
import type { AuditLogTable } from './db/schema-platform.ts';

/* The keyed hash chain of the audit log (decision 0013): its set-up, and the hash both the writer and the verifier compute. */

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

export function required(): AuditSetup {
  if (!setup) throw new Error('The audit log key is not configured (configureAudit is called by openDatabase).');
  return setup;
}

/** Time as it is hashed: UTC, microseconds, the text the database gives back with to_char(… 'US'). */
export const chainTime = (d: Date) => `${d.toISOString().slice(0, 23)}000`;
export const AT_TEXT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

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

export interface ChainFields {
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
export function keyedHash(key: AuditKey, f: ChainFields): string {
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

/** An entry as STORED selects it: every column of audit_log, the time and the JSON as text. */
export type StoredEntry = Omit<Selectable<AuditLogTable>, 'at' | 'before' | 'after'> & {
  at: string;
  before: string | null;
  after: string | null;
};

// Selected under their own names as text; order by audit_log.id, not the text alias.
export const STORED = sql`id::text AS id, ${AT_TEXT} AS at, actor_user_id::text AS actor_user_id, actor_label,
  actor_organisation_id::text AS actor_organisation_id, entity, entity_id, action, before::text AS before,
  after::text AS after, prev_hash, hash, key_id`;

/**
 * The hash of an entry written before the key (migration 202612060113): SHA-256 as the old trigger
 * computed it (audit_entry_hash), recomputed here rather than by that SQL function, which whoever
 * controls the database could replace.
 */
export function unkeyedHash(e: StoredEntry): string {
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

export function storedKeyedHash(key: AuditKey, e: StoredEntry): string {
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
