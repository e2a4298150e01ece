import { sql, type Transaction } from 'kysely';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { DB } from './db/schema.ts';

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
 * Appends an entry to the audit log inside the caller's transaction, so the entry exists exactly
 * when the change does. The database chains it (id, time, hashes); see the migration.
 */
export async function audit(trx: Transaction<DB> | Db, actor: Actor, entry: AuditEntry): Promise<void> {
  const before = redact(entry.before);
  const after = redact(entry.after);
  await trx
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.userId,
      actor_label: actor.label,
      actor_organisation_id: actor.organisationId,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
    })
    .execute();
}

export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBadId: string; reason: 'content' | 'link' };

/**
 * Walks the chain in id order and names the first entry whose hash does not match its content
 * (changed) or whose previous-hash does not match the entry before it (removed or inserted).
 */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  const { rows } = await sql<{ id: string; reason: 'content' | 'link'; entries: string }>`
    WITH walked AS (
      SELECT id, prev_hash, hash,
             lag(hash, 1, '') OVER (ORDER BY id) AS expected_prev,
             audit_entry_hash(prev_hash, id, at, actor_user_id, actor_label, actor_organisation_id,
                              entity, entity_id, action, before, after) AS recomputed
        FROM audit_log
    )
    SELECT (SELECT count(*) FROM audit_log) AS entries, bad.id::text AS id, bad.reason
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT id, CASE WHEN hash <> recomputed THEN 'content' ELSE 'link' END AS reason
          FROM walked
         WHERE hash <> recomputed OR prev_hash <> expected_prev
         ORDER BY id LIMIT 1
      ) AS bad ON true`.execute(db);
  const row = rows[0];
  const entries = Number(row?.entries ?? 0);
  if (!row?.id) return { ok: true, entries };
  return { ok: false, entries, firstBadId: row.id, reason: row.reason };
}
