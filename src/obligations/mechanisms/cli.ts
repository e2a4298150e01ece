import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../core/audit.ts';
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
 * nothing, with each rejected row printed with its line number. Exit code 1 when nothing was
 * imported.
 */
export async function importRatificationsCommand(
  args: string[],
  withDatabase: <T>(run: (db: Db) => Promise<T>) => Promise<T>,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { lang: { type: 'string' } },
  });
  const lang = values.lang ?? 'en';
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || !isLang(lang)) {
    console.error('kenes: usage: kenes import ratifications FILE [--lang kk|ru|en]');
    process.exitCode = 2;
    return;
  }
  const i18n = i18nFor(lang);
  const fail = (message: string) => {
    console.error(`kenes: ${file}: ${message}`);
    process.exitCode = 1;
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
    console.log(i18n.t('mechanisms.import.done', { changed: outcome.changed, unchanged: outcome.unchanged }));
    return;
  }
  if ('file' in outcome) return fail(problemText(i18n, outcome.file));
  console.error(i18n.t('mechanisms.import.rejected', { count: outcome.rows.length }));
  for (const p of outcome.rows)
    console.error(`  ${i18n.t('mechanisms.import.line', { line: p.line })}: ${problemText(i18n, p)}`);
  process.exitCode = 1;
}
