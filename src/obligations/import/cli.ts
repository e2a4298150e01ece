import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemActor } from '../../core/audit.ts';
import type { CliIo } from '../../core/cli-io.ts';
import type { Db } from '../../core/db/database.ts';
import { i18nFor, type MessageKey, registerMessages } from '../../core/i18n/i18n.ts';
import { obligationsMessages } from '../messages/index.ts';
import { FIELDS, headerKey, isField, mappingProblems, parseSettings } from './columns.ts';
import { encodingByName } from './decode.ts';
import { MAX_FILE_BYTES } from './limits.ts';
import { namesToDecide } from './names-to-decide.ts';
import { ImportProblem } from './problem.ts';
import { reasonText } from './reason-text.ts';
import { receiveImportFile } from './receive.ts';
import { claimImport, type Progress, runImport } from './run.ts';

// The command may run without the app: the domain's texts are registered here as src/domains.ts does.
registerMessages(obligationsMessages);

export const USAGE = `Usage: kenes import recommendations FILE [options]

Imports recommendations from a CSV, XLSX or JSON file (the UN Universal Human Rights Index and UPR
Info exports are recognised as they are). All or nothing: if a row cannot be imported, nothing is
written and every such row is listed with its line number. Importing the same file again changes
nothing.

Options:
  --skip-bad-rows        import the good rows, list the others
  --encoding NAME        utf-8, utf-16le, utf-16be, windows-1251, windows-1252, macintosh
                         (default: detected)
  --map FIELD=COLUMN     read COLUMN (its header, or its number from 1) as FIELD; FIELD= reads
                         nothing as FIELD. Repeatable. Fields: ${FIELDS.join(', ')}
  --state CODE           the State (ISO alpha-2) of rows without one
  --mechanism CODE       the mechanism (CAT, UPR, …) of rows without one
  --new-themes           create the themes Kenes does not have (matched in any language and by
                         known synonyms); without it they are listed and left out of the rows

Exit status: 0 imported, 1 not imported (the reasons are printed), 2 wrong usage.`;

class Usage extends Error {}

const en = i18nFor('en');

/** A progress bar on a terminal, a line every 10% (or 5 s) otherwise; both on stderr. */
function progressPrinter(io: CliIo): { update(p: Progress): void; end(): void } {
  const tty = io.stderrIsTTY;
  let lastDraw = 0;
  let lastLine = 0;
  let lastTenth = -1;
  return {
    update({ processed, total }) {
      const now = Date.now();
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const share = total ? Math.min(1, processed / total) : 0;
        const width = 30;
        const filled = Math.round(share * width);
        io.stderr(
          `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(share * 100)}%  ${processed}/${total ?? '?'} rows`,
        );
        return;
      }
      const tenth = total ? Math.floor((processed / total) * 10) : -1;
      if (tenth > lastTenth || now - lastLine > 5000) {
        lastTenth = tenth;
        lastLine = now;
        io.stderr(`${processed}/${total ?? '?'} rows read\n`);
      }
    },
    end() {
      if (tty) io.stderr('\n');
    },
  };
}

/**
 * `kenes import recommendations FILE …`: parses the arguments (usage errors exit 2 before the
 * database is opened), then reads, checks and imports the file through the same code as the web.
 * Returns the exit status.
 */
export async function importCommand(
  args: string[],
  withDatabase: <T>(run: (db: Db) => Promise<T>) => Promise<T>,
  io: CliIo,
): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (err) {
    if (!(err instanceof Usage) && !(err instanceof TypeError)) throw err;
    io.stderr(`kenes: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const { file } = options;
  return withDatabase((db) => importFile(db, options, file, io));
}

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      'skip-bad-rows': { type: 'boolean', default: false },
      encoding: { type: 'string' },
      map: { type: 'string', multiple: true, default: [] },
      state: { type: 'string' },
      mechanism: { type: 'string' },
      'new-themes': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { help: true, file: '', skipBadRows: false, maps: [] as [string, string][] };
  if (positionals.length !== 1) throw new Usage('import recommendations needs one FILE');
  const file = positionals[0] as string;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Usage(`no such file: ${file}`);
  const encoding = values.encoding === undefined ? undefined : encodingByName(values.encoding);
  if (values.encoding !== undefined && !encoding) throw new Usage(`unknown encoding "${values.encoding}"`);
  const maps: [string, string][] = [];
  for (const m of values.map ?? []) {
    const eq = m.indexOf('=');
    const field = eq < 0 ? m : m.slice(0, eq);
    if (eq < 0 || !isField(field))
      throw new Usage(`--map ${m}: expected FIELD=COLUMN with FIELD one of ${FIELDS.join(', ')}`);
    maps.push([field, m.slice(eq + 1)]);
  }
  const state = values.state?.toUpperCase();
  if (state !== undefined && !/^[A-Z]{2}$/.test(state))
    throw new Usage(`--state ${values.state}: expected a two-letter code`);
  const mechanism = values.mechanism?.toUpperCase();
  const newThemes = values['new-themes'] ?? false;
  const skipBadRows = values['skip-bad-rows'] ?? false;
  return { help: false, file, encoding, maps, skipBadRows, state, mechanism, newThemes };
}

async function importFile(db: Db, options: ReturnType<typeof parse>, file: string, io: CliIo): Promise<number> {
  const error = (line: string) => io.stderr(`${line}\n`);
  if (fs.statSync(file).size > MAX_FILE_BYTES) {
    error(`kenes: ${reasonText(en, { key: 'import.error.tooLarge', params: { size: MAX_FILE_BYTES } })}`);
    return 1;
  }
  let received: Awaited<ReturnType<typeof receiveImportFile>>;
  try {
    received = await receiveImportFile(db, {
      filename: path.basename(file),
      userId: null,
      bytes: fs.createReadStream(file),
      store: false,
      reopen: () => fs.createReadStream(file),
      ...(options.encoding ? { encoding: options.encoding } : {}),
    });
  } catch (err) {
    if (!(err instanceof ImportProblem)) throw err;
    error(`kenes: ${file}: ${reasonText(en, err.reason)}`);
    return 1;
  }
  const { id, analysis } = received;
  const row = await db
    .selectFrom('recommendation_imports')
    .select('mapping')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const settings = parseSettings(row.mapping, analysis.header.length);
  const keys = analysis.header.map(headerKey);
  for (const [field, column] of options.maps ?? []) {
    if (!isField(field)) continue;
    if (column === '') {
      delete settings.columns[field];
      continue;
    }
    const byNumber = /^\d+$/.test(column) ? Number(column) - 1 : -1;
    const index = byNumber >= 0 && byNumber < keys.length ? byNumber : keys.indexOf(headerKey(column));
    if (index < 0) {
      error(
        `kenes: --map ${field}=${column}: no such column. The columns are: ${analysis.header.map((h, i) => `${i + 1} "${h}"`).join(', ')}`,
      );
      await db.deleteFrom('recommendation_imports').where('id', '=', id).execute();
      return 2;
    }
    for (const f of FIELDS) if (settings.columns[f] === index) delete settings.columns[f];
    settings.columns[field] = index;
  }
  if (options.state) settings.defaults.state = options.state;
  if (options.mechanism) settings.defaults.mechanism = options.mechanism;
  const problems = mappingProblems(settings, analysis.header.length);
  if (problems.length > 0) {
    for (const p of problems) {
      if (p.key === 'import.mapping.required') {
        error(
          `kenes: ${en.t(p.key, { field: en.t(`import.field.${p.field}` as MessageKey) })} Use --map ${p.field === 'text' ? 'text_en' : p.field}=COLUMN${p.field === 'state' || p.field === 'mechanism' ? ` or --${p.field} CODE` : ''}.`,
        );
      } else error(`kenes: ${en.t(p.key, { column: analysis.header[p.column] ?? String(p.column + 1) })}`);
    }
    error(`The columns are: ${analysis.header.map((h, i) => `${i + 1} "${h}"`).join(', ')}`);
    await db.deleteFrom('recommendation_imports').where('id', '=', id).execute();
    return 2;
  }
  const recognised = FIELDS.filter((f) => settings.columns[f] !== undefined)
    .map((f) => `${f}="${analysis.header[settings.columns[f] as number]}"`)
    .join(', ');
  error(
    `${path.basename(file)}: ${analysis.format.toUpperCase()}${analysis.encoding ? `, ${analysis.encoding}` : ''}, ${analysis.totalRows} rows; ${recognised}`,
  );

  const unknown = await namesToDecide(db, analysis.columnValues, settings);
  if (unknown.themes.length > 0) {
    const names = unknown.themes.map((t) => `"${t}"`).join(', ');
    if (options.newThemes) settings.themes = Object.fromEntries(unknown.themes.map((t) => [t, 'new']));
    error(
      options.newThemes
        ? `New themes, created: ${names}`
        : `New themes, left out (--new-themes creates them): ${names}`,
    );
  }
  await claimImport(db, id, { settings, skipBadRows: options.skipBadRows });
  const printer = progressPrinter(io);
  const outcome = await runImport(db, id, {
    actor: systemActor('kenes import recommendations'),
    open: () => fs.createReadStream(file),
    onProgress: (p) => printer.update(p),
  });
  printer.end();
  const rejections = await db
    .selectFrom('import_rejections')
    .select(['line', 'reason'])
    .where('import_id', '=', id)
    .orderBy('line')
    .execute();
  for (const r of rejections) error(`line ${r.line}: ${reasonText(en, r.reason)}`);
  const c = outcome.counts;
  if (outcome.status === 'done') {
    io.stdout(
      `Imported ${path.basename(file)}: ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected.\n`,
    );
    return 0;
  }
  error(`kenes: not imported: ${reasonText(en, outcome.error)}`);
  return 1;
}
