import { sql, type Transaction } from 'kysely';
import { type ChainFields, canonicalJson, chainTime, keyedHash, required } from './audit-chain.ts';
import type { CurrentUser } from './auth/user.ts';
import type { Db } from './db/database.ts';
import type { DB } from './db/schema.ts';

// The audit log in four files: writing (here), the chain's keyed hash, verifying, and checkpoints;
// everything is imported from here.
export { type AuditSetup, canonicalJson, configureAudit, currentAuditSetup } from './audit-chain.ts';
export { type Checkpoint, startAuditCheckpoints, writeAuditCheckpoint } from './audit-checkpoints.ts';
export { type ChainCheck, type ChainProblem, type ChainSummary, verifyAuditChain } from './audit-verify.ts';

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
