import { ASSESSMENT_LEVELS, RESPONSES, type RecommendationStatus } from '../../core/db/schema-obligations.ts';
import type { Lang } from '../../core/i18n/locales.ts';

/*
 * The explorer's filters, shared by the page, its CSV export and the API. Every facet takes several
 * values: values of one facet widen the set (OR), facets narrow it (AND). Values are the stable,
 * readable identifiers a link or an API client would use: ISO codes for States, mechanism codes,
 * slugs for themes, groups and bodies, SDG goal numbers ("16") or target codes ("16.2").
 */

export const RESPONSE_VALUES = [...RESPONSES, 'none'] as const;
export type ResponseValue = (typeof RESPONSE_VALUES)[number];
export const STATUS_VALUES: readonly RecommendationStatus[] = ['not_assessed', ...ASSESSMENT_LEVELS];

/** Where a search looks: all three languages (`all`, the default), or one. */
export type SearchIn = Lang | 'all';

export interface ExplorerFilter {
  state: string[];
  mechanism: string[];
  cycle: string[];
  theme: string[];
  group: string[];
  /** SDG goal numbers ("16") and target codes ("16.2"). */
  sdg: string[];
  response: ResponseValue[];
  status: RecommendationStatus[];
  body: string[];
  year: number[];
  /** The session as the source names it (exact match; from a result's link). */
  session: string | undefined;
  priority: boolean;
  q: string | undefined;
  searchIn: SearchIn;
  /** The reader's language: a search ranks its matches first. */
  lang: Lang;
  /** The API's changes feed: recommendations changed (or their actions, progress, assessments) since. */
  updatedSince?: Date | undefined;
}

/** A filter's selections when nothing is selected (no facet value, no session, not only priorities). */
export const NOTHING_SELECTED = {
  state: [],
  mechanism: [],
  cycle: [],
  theme: [],
  group: [],
  sdg: [],
  response: [],
  status: [],
  body: [],
  year: [],
  session: undefined,
  priority: false,
} satisfies Omit<ExplorerFilter, 'q' | 'searchIn' | 'lang' | 'updatedSince'>;

/** The facets the explorer counts, in the order the page shows them. */
export const FACETS = [
  'state',
  'mechanism',
  'cycle',
  'theme',
  'group',
  'sdg',
  'response',
  'status',
  'body',
  'year',
] as const;
export type Facet = (typeof FACETS)[number];

const MAX_VALUES = 200;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** How each parameter's values are normalised and checked. */
const PARAMS: Record<Exclude<Facet, 'year' | 'response' | 'status'>, (v: string) => string | undefined> = {
  state: (v) => (/^[A-Za-z]{2}$/.test(v) ? v.toUpperCase() : undefined),
  mechanism: (v) => (/^[A-Za-z][A-Za-z0-9-]{1,19}$/.test(v) ? v.toUpperCase() : undefined),
  // As its id reads ("0048" is 48: the facet index compares the text).
  cycle: (v) => (/^\d{1,18}$/.test(v) ? String(BigInt(v)) : undefined),
  theme: (v) => (v.length <= 100 && SLUG.test(v) ? v : undefined),
  group: (v) => (v.length <= 100 && SLUG.test(v) ? v : undefined),
  body: (v) => (v.length <= 100 && SLUG.test(v) ? v : undefined),
  sdg: (v) => {
    const m = /^(\d{1,2})(\.[0-9a-z]{1,2})?$/.exec(v);
    // A goal as its number reads ("05" is 5), for the facet index as for PostgreSQL.
    return m && Number(m[1]) >= 1 && Number(m[1]) <= 17 ? `${Number(m[1])}${m[2] ?? ''}` : undefined;
  },
};

export interface ParsedQuery {
  filter: ExplorerFilter;
  page: number;
  /** The parameters whose values were not valid (the page ignores them; the API refuses them). */
  invalid: string[];
}

const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x).trim()).filter((x) => x !== '');

/**
 * Reads the filters from a query string. A search looks in every language, unless `qlang` names one;
 * `lang` is the reader's (the page's; `all` in the API, where `qlang` or English stands for it).
 * `qall=1`, from the days when the page searched its own language only, is still accepted.
 */
export function parseExplorerQuery(raw: unknown, opts: { lang: SearchIn; maxPage: number }): ParsedQuery {
  const query = (raw ?? {}) as Record<string, unknown>;
  const invalid: string[] = [];
  // A facet's values come as repeated parameters (what a form sends) or separated by commas.
  const take = <T>(name: string, check: (v: string) => T | undefined): T[] => {
    const values = listOf(query[name])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length > MAX_VALUES) {
      invalid.push(name);
      return [];
    }
    const out: T[] = [];
    for (const v of values) {
      const ok = check(v);
      if (ok === undefined) {
        if (!invalid.includes(name)) invalid.push(name);
      } else if (!out.includes(ok)) out.push(ok);
    }
    return out;
  };
  const single = (name: string): string | undefined => {
    const values = listOf(query[name]);
    if (values.length > 1) invalid.push(name);
    return values[0];
  };

  const qRaw = single('q');
  if (qRaw !== undefined && qRaw.length > 200) invalid.push('q');
  const sessionRaw = single('session');
  if (sessionRaw !== undefined && sessionRaw.length > 200) invalid.push('session');
  const flag = (name: string) => {
    const v = single(name);
    if (v === undefined) return false;
    if (['1', 'true', 'on'].includes(v)) return true;
    if (!['0', 'false', 'off'].includes(v)) invalid.push(name);
    return false;
  };
  let searchIn: SearchIn = 'all';
  flag('qall');
  const qlang = single('qlang');
  if (qlang !== undefined) {
    if (['kk', 'ru', 'en', 'all'].includes(qlang)) searchIn = qlang as SearchIn;
    else invalid.push('qlang');
  }
  let page = 1;
  const pageRaw = single('page');
  if (pageRaw !== undefined) {
    const n = /^\d{1,6}$/.test(pageRaw) ? Number(pageRaw) : Number.NaN;
    if (n >= 1 && n <= opts.maxPage) page = n;
    else invalid.push('page');
  }
  const filter: ExplorerFilter = {
    state: take('state', PARAMS.state),
    mechanism: take('mechanism', PARAMS.mechanism),
    cycle: take('cycle', PARAMS.cycle),
    theme: take('theme', PARAMS.theme),
    group: take('group', PARAMS.group),
    sdg: take('sdg', PARAMS.sdg),
    response: take('response', (v) =>
      (RESPONSE_VALUES as readonly string[]).includes(v) ? (v as ResponseValue) : undefined,
    ),
    status: take('status', (v) =>
      (STATUS_VALUES as readonly string[]).includes(v) ? (v as RecommendationStatus) : undefined,
    ),
    body: take('body', PARAMS.body),
    year: take('year', (v) => (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2100 ? Number(v) : undefined)),
    session: sessionRaw && sessionRaw.length <= 200 ? sessionRaw : undefined,
    priority: flag('priority'),
    q: qRaw && qRaw.length <= 200 ? qRaw : undefined,
    searchIn,
    lang: opts.lang !== 'all' ? opts.lang : searchIn !== 'all' ? searchIn : 'en',
  };
  return { filter, page, invalid };
}

/** True when the filter selects everything. */
export function isUnfiltered(f: ExplorerFilter): boolean {
  return FACETS.every((k) => f[k].length === 0) && !f.session && !f.priority && !f.q;
}

/** The filter as query parameters (for links that keep it: pages, the CSV export, facet links). */
export function filterQuery(f: ExplorerFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.q && f.searchIn !== 'all') q.set('qlang', f.searchIn);
  for (const k of FACETS) for (const v of f[k]) q.append(k, String(v));
  if (f.session) q.set('session', f.session);
  if (f.priority) q.set('priority', '1');
  return q;
}
