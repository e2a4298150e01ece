import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { systemActor } from '../../core/audit.ts';
import { type CliIo, commandArgs } from '../../core/cli-io.ts';
import type { Db } from '../../core/db/database.ts';
import { i18nFor, registerMessages } from '../../core/i18n/i18n.ts';
import { isLang } from '../../core/i18n/locales.ts';
import { obligationsMessages } from '../messages/index.ts';
import { importRatifications } from './mechanisms.ts';
import { decodeUtf8, MAX_RATIFICATION_BYTES, problemText } from './ratifications-csv.ts';

// The command may run without the app: the domain's texts are registered here as src/domains.ts does.
registerMessages(obligationsMessages);

/**
 * `kenes import ratifications FILE [--lang kk|ru|en]`: the same import as the staff form, all or
 * nothing, with each rejected row printed with its line number. Returns the exit status: 1 when
 * nothing was imported, 2 for wrong usage.
 */
export async function importRatificationsCommand(
  args: string[],
  withDatabase: <T>(run: (db: Db) => Promise<T>) => Promise<T>,
  io: CliIo,
): Promise<number> {
  const { values, positionals } = commandArgs(args, { lang: { type: 'string' } });
  const lang = values.lang ?? 'en';
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || !isLang(lang)) {
    io.stderr('kenes: usage: kenes import ratifications FILE [--lang kk|ru|en]\n');
    return 2;
  }
  const i18n = i18nFor(lang);
  const fail = (message: string) => {
    io.stderr(`kenes: ${file}: ${message}\n`);
    return 1;
  };
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_RATIFICATION_BYTES)
      return fail(i18n.t('mechanisms.import.tooLarge', { size: `${MAX_RATIFICATION_BYTES / 1024} KiB` }));
    bytes = await readFile(file);
  } catch (err) {
    return fail((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return fail(i18n.t('mechanisms.import.notText'));
  const outcome = await withDatabase((db) =>
    importRatifications(db, systemActor('kenes import ratifications'), { text, filename: path.basename(file) }),
  );
  if (outcome.ok) {
    io.stdout(`${i18n.t('mechanisms.import.done', { changed: outcome.changed, unchanged: outcome.unchanged })}\n`);
    return 0;
  }
  if ('file' in outcome) return fail(problemText(i18n, outcome.file));
  io.stderr(`${i18n.t('mechanisms.import.rejected', { count: outcome.rows.length })}\n`);
  for (const p of outcome.rows)
    io.stderr(`  ${i18n.t('mechanisms.import.line', { line: p.line })}: ${problemText(i18n, p)}\n`);
  return 1;
}
