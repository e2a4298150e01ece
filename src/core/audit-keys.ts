import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config.ts';

/** A key of the audit chain. Entries store `id`, never the secret. */
export interface AuditKey {
  id: string;
  secret: Buffer;
}

/**
 * The keys Kenes knows: the last one signs new entries and checkpoints; the earlier ones are kept
 * only to verify what they signed before a rotation.
 */
export interface AuditKeyring {
  current: AuditKey;
  byId: Map<string, AuditKey>;
}

const MIN_KEY_LENGTH = 32;

/** The key's public name: a fingerprint, so that a key and its id cannot be mismatched by configuration. */
export function auditKeyId(secret: string): string {
  return createHash('sha256').update(`kenes-audit-key-id\x1f${secret}`).digest('hex').slice(0, 16);
}

/**
 * Parses keys written one per line (the DATA_DIR file) or separated by commas (AUDIT_KEY). The last
 * one is the current key. `source` names where they came from in error messages.
 */
export function parseAuditKeys(text: string, source: string): AuditKeyring {
  const secrets = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
  if (secrets.length === 0) throw new ConfigError(`${source}: no audit key found`);
  const short = secrets.find((s) => s.length < MIN_KEY_LENGTH);
  if (short !== undefined) {
    throw new ConfigError(`${source}: every audit key must be at least ${MIN_KEY_LENGTH} characters`);
  }
  const keys = secrets.map((s) => ({ id: auditKeyId(s), secret: Buffer.from(s, 'utf8') }));
  return { current: keys[keys.length - 1] as AuditKey, byId: new Map(keys.map((k) => [k.id, k])) };
}

/** A fresh random key, as the DATA_DIR file and `kenes audit rotate-key` write it. */
export function newAuditKey(): string {
  return randomBytes(32).toString('base64url');
}

export function auditKeysFile(dataDir: string): string {
  return path.join(dataDir, 'audit-keys');
}

/**
 * The audit keys of this installation: AUDIT_KEY when set (every process and machine must share
 * it), otherwise DATA_DIR/audit-keys, generated once. The file is written to a temporary name and
 * linked into place, which fails if it exists: two processes starting at once end up with the one
 * key, and nobody ever reads a half-written file.
 */
export function readOrCreateAuditKeys(dataDir: string, fromEnv: string | undefined): AuditKeyring {
  if (fromEnv) return parseAuditKeys(fromEnv, 'AUDIT_KEY');
  const file = auditKeysFile(dataDir);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(
      tmp,
      `# Kenes audit log keys: one per line, the last one signs. Keep old lines (they verify older entries).\n${newAuditKey()}\n`,
      { mode: 0o600 },
    );
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return parseAuditKeys(fs.readFileSync(file, 'utf8'), file);
}

/**
 * Rotation in DATA_DIR: appends a new key (which then signs) and keeps the old ones for verifying.
 * One short append is atomic, so a concurrent reader sees the file before or after, never between.
 */
export function rotateAuditKey(dataDir: string): string {
  const file = auditKeysFile(dataDir);
  readOrCreateAuditKeys(dataDir, undefined);
  const key = newAuditKey();
  fs.appendFileSync(file, `${key}\n`);
  return auditKeyId(key);
}
