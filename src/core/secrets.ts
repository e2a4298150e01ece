import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config.ts';

const SecretsFile = z.object({
  sessionSecret: z.string().min(32),
  postgresPassword: z.string().min(16),
});
export type LocalSecrets = z.infer<typeof SecretsFile>;

/**
 * Secrets that a single-machine (embedded) installation generates once and keeps in its data
 * directory, readable by the owner only. Production with an external database sets them in the
 * environment instead, so that every process agrees.
 */
export function readOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const fresh: LocalSecrets = {
      sessionSecret: randomBytes(32).toString('base64url'),
      postgresPassword: randomBytes(24).toString('base64url'),
    };
    // 'wx' fails when the file exists: two processes starting at once cannot both write it.
    fs.writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = SecretsFile.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `${file} is damaged; restore it from a backup (it holds the embedded database's password and the session secret).`,
    );
  }
  return parsed.data;
}
