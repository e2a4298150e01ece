import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { required, STORED, type StoredEntry, storedKeyedHash, unkeyedHash } from './audit-chain.ts';
import type { AuditKey, AuditKeyring } from './audit-keys.ts';
import type { Db } from './db/database.ts';
import { i18nFor } from './i18n/i18n.ts';
import { LANGS } from './i18n/locales.ts';
import { queueEmail } from './mail/outbox.ts';

/* Checkpoints of the chain's head, signed and kept outside the database (and e-mailed), so that removing the last entries is seen. */

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
export function readCheckpoints(
  file: string,
  keyring: AuditKeyring,
): { valid: Checkpoint[]; badLine: string | undefined } {
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
  // DATA_DIR may not exist yet with an external database (nothing else of Kenes lives there then).
  fs.mkdirSync(path.dirname(s.checkpointFile), { recursive: true, mode: 0o700 });
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
