import { sql } from 'kysely';
import { required, STORED, type StoredEntry, storedKeyedHash, unkeyedHash } from './audit-chain.ts';
import { type Checkpoint, readCheckpoints } from './audit-checkpoints.ts';
import type { Db } from './db/database.ts';

/* Verifying the audit log: every entry's keyed hash, the chain, and the head against the checkpoints. */

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
