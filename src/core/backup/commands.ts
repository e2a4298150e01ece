import fs from 'node:fs';
import path from 'node:path';
import { type CliIo, commandArgs } from '../cli-io.ts';
import type { Config } from '../config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { writeBackup } from './backup.ts';
import { BackupError } from './format.ts';
import { restoreBackup } from './restore.ts';
import { backupName } from './schedule.ts';

/* `kenes backup` and `kenes restore` (decision 0020); src/cli.ts gives them their database. */

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The passphrase: asked on the terminal (--ask-passphrase), read from --passphrase-file, else
 * BACKUP_PASSPHRASE; never taken from the command line itself, which `ps` and shell history keep.
 */
async function passphraseOf(
  values: { 'passphrase-file'?: string | undefined; 'ask-passphrase'?: boolean | undefined },
  config: Config,
  confirm: boolean,
): Promise<string | undefined> {
  let text: string;
  if (values['ask-passphrase']) {
    text = await ask('Passphrase: ');
    if (confirm && (await ask('The same again: ')) !== text) throw new BackupError('The two passphrases differ.');
  } else if (values['passphrase-file'] !== undefined) {
    text = fs.readFileSync(values['passphrase-file'], 'utf8').replace(/\r?\n$/, '');
  } else {
    return config.backupPassphrase;
  }
  if (text.length < 12) throw new BackupError('The passphrase is shorter than 12 characters.');
  return text;
}

/** Reads a line from the terminal without showing it. */
function ask(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    throw new BackupError('--ask-passphrase needs a terminal: use BACKUP_PASSPHRASE or --passphrase-file instead.');
  }
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(text);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new BackupError('Cancelled.'));
          return;
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

function totalRows(rows: Record<string, number>): number {
  return Object.values(rows).reduce((a, b) => a + b, 0);
}

/** `kenes backup [FILE] [--passphrase-file F | --ask-passphrase]`: FILE defaults to a dated name in BACKUP_DIR or the current folder. */
export async function backupCommand(
  args: string[],
  config: Config,
  withHandle: <T>(run: (handle: DatabaseHandle) => Promise<T>) => Promise<T>,
  io: CliIo,
): Promise<number> {
  const { values, positionals } = commandArgs(args, {
    'passphrase-file': { type: 'string' },
    'ask-passphrase': { type: 'boolean' },
  });
  if (positionals.length > 1) throw new BackupError('backup takes one FILE at most');
  const file = path.resolve(positionals[0] ?? path.join(config.backupDir ?? '.', backupName()));
  const passphrase = await passphraseOf(values, config, true);
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already: a backup never overwrites a file.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const s = await withHandle((handle) => writeBackup({ url: handle.url, dataDir: config.dataDir, file, passphrase }));
  io.stdout(
    `Backup written to ${s.file}: ${mb(s.bytes)}${passphrase ? ', encrypted' : ''}, ${totalRows(s.rows)} rows in ${Object.keys(s.rows).length} tables, schema ${s.lastMigration}, ${s.files.length ? `with ${s.files.join(', ')} from DATA_DIR` : 'no secrets from DATA_DIR (they are in the environment)'}; ${s.ms} ms.\n`,
  );
  if (config.auditKey) {
    io.stdout(
      'AUDIT_KEY is set in the environment: keep it with the backup, the audit log cannot be verified without it.\n',
    );
  }
  return 0;
}

/** `kenes restore FILE [--force] [--passphrase-file F | --ask-passphrase]`. */
export async function restoreCommand(
  args: string[],
  config: Config,
  open: () => Promise<DatabaseHandle>,
  io: CliIo,
): Promise<number> {
  const { values, positionals } = commandArgs(args, {
    force: { type: 'boolean' },
    'passphrase-file': { type: 'string' },
    'ask-passphrase': { type: 'boolean' },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new BackupError('restore needs exactly one FILE');
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist.`);
  const s = await restoreBackup({
    file: path.resolve(file),
    passphrase: await passphraseOf(values, config, false),
    dataDir: config.dataDir,
    force: values.force === true,
    open,
  });
  const tables = Object.entries(s.rows).filter(([, n]) => n > 0).length;
  io.stdout(
    `Restored ${totalRows(s.rows)} rows into ${Object.keys(s.rows).length} tables (${tables} not empty) in ${s.ms} ms; ` +
      `secrets written to ${config.dataDir}: ${s.files.join(', ') || 'none'}.\n`,
  );
  if (s.setAside.length) io.stdout(`The files it replaced are kept beside: ${s.setAside.join(', ')}.\n`);
  if (s.migratedForward.length) io.stdout(`Then migrated forward: ${s.migratedForward.join(', ')}.\n`);
  if (s.chain.ok) {
    io.stdout(`The audit log verifies: ${s.chain.entries} entries, ${s.chain.checkpoints} checkpoints.\n`);
    return 0;
  }
  io.stderr(
    `The restored audit log does NOT verify: entry ${s.chain.firstBadId} (${s.chain.reason}). Is AUDIT_KEY the one the backup was taken with? Run "kenes audit verify".\n`,
  );
  return 3;
}
