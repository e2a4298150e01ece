import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Dataset, DatasetSummary } from '../extensions.ts';
import { type Edition, LATIN_PREFIX } from '../http/latin-edition.ts';
import { MESSAGES } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import { platformSettings } from '../settings.ts';
import { type Licence, licence } from './licences.ts';

/** A dataset with its summary, as the page, the catalogue and the files' ETags need it. */
export interface DatasetState {
  dataset: Dataset;
  summary: DatasetSummary;
}

/** Every dataset's summary and the licence, read now: the data version every process computes alike. */
export interface OpenDataState {
  datasets: DatasetState[];
  licence: Licence;
  /** A hash of every stamp and the licence: changes with any committed change of any public row. */
  version: string;
}

/** How many summaries are read at once: the pool serves the pages too. */
const AT_ONCE = 4;

/** Reads every dataset's summary, a few at a time. */
export async function readSummaries(db: Db, datasets: readonly Dataset[]): Promise<DatasetSummary[]> {
  const summaries: DatasetSummary[] = new Array(datasets.length);
  let next = 0;
  const worker = async () => {
    while (next < datasets.length) {
      const i = next++;
      summaries[i] = await (datasets[i] as Dataset).summary(db);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return summaries;
}

/** Every dataset's summary (read now, or as `summaries` keeps them) and the licence setting. */
export async function openDataState(
  db: Db,
  datasets: readonly Dataset[],
  summaries: () => Promise<DatasetSummary[]> = () => readSummaries(db, datasets),
): Promise<OpenDataState> {
  const [settings, read] = await Promise.all([platformSettings(db), summaries()]);
  const chosen = licence(settings.open_data_licence);
  const states = datasets.map((dataset, i) => ({ dataset, summary: read[i] as DatasetSummary }));
  const hash = createHash('sha256').update(chosen.id);
  for (const s of states) hash.update(`\n${s.dataset.id}=${s.summary.stamp}`);
  return { datasets: states, licence: chosen, version: hash.digest('base64url').slice(0, 27) };
}

const messagesVersions = new Map<Lang, string>();

/** A hash of a language's interface texts: the files' labels change with them. */
function messagesVersion(lang: Lang): string {
  let v = messagesVersions.get(lang);
  if (!v) {
    v = createHash('sha256').update(JSON.stringify(MESSAGES[lang])).digest('base64url').slice(0, 12);
    messagesVersions.set(lang, v);
  }
  return v;
}

/** The ETag of one file: the data version, the edition (language and script) and its texts, and which file. */
export function etagOf(state: OpenDataState, edition: Edition | null, file: string): string {
  const lang = edition === LATIN_PREFIX ? 'kk' : edition;
  const texts = lang ? messagesVersion(lang) : LANGS.map(messagesVersion).join('.');
  const hash = createHash('sha256').update(`${state.version}|${texts}|${edition}|${file}`).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** Whether the client's If-None-Match names this ETag (then 304). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}
