import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { RecommendationResponse, RecommendationStatus } from '../../core/db/schema-obligations.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { syncSearch } from '../../core/search/indexer.ts';
import { recommendationSearch } from '../search.ts';
import { type ExplorerFilter, NOTHING_SELECTED } from './filter.ts';

/*
 * Recommendations written straight into the database for the explorer's and the API's tests (the
 * import has tests of its own), and the counts the explorer should show, worked out here in plain
 * code from the same data, to compare with what the SQL computes.
 */

export interface Fixture {
  key: string;
  state: string;
  mechanism: string;
  cycle?: 'cat4' | 'crc5';
  symbol?: string;
  paragraph?: string;
  adoptedOn?: string;
  session?: string;
  text: Translated;
  recommendingState?: string;
  response?: RecommendationResponse;
  themes?: string[];
  groups?: string[];
  sdg?: string[];
  priority?: boolean;
  /** Set through the real way: an action of this body (the trigger fills responsible_ids). */
  bodies?: string[];
  /** Set through the real way: a state body's self-assessment (the trigger fills status). */
  status?: Exclude<RecommendationStatus, 'not_assessed'>;
}

export const FIXTURES: Fixture[] = [
  {
    key: 'kz-cat-12',
    state: 'KZ',
    mechanism: 'CAT',
    cycle: 'cat4',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '12',
    adoptedOn: '2014-12-12',
    session: '53rd session',
    text: {
      en: 'Ensure the prompt and impartial investigation of all allegations of torture by police officers.',
      ru: 'Обеспечить оперативное и беспристрастное расследование всех заявлений о пытках со стороны сотрудников полиции.',
    },
    response: 'supported',
    themes: ['torture-prevention'],
    groups: ['persons-deprived-of-liberty'],
    sdg: ['16.3'],
    priority: true,
    bodies: ['test-ministry-a'],
    status: 'in_progress',
  },
  {
    key: 'kz-crc-20',
    state: 'KZ',
    mechanism: 'CRC',
    cycle: 'crc5',
    symbol: 'CRC/C/KAZ/CO/5',
    paragraph: '20',
    adoptedOn: '2019-10-30',
    session: '82nd session',
    text: {
      ru: 'Запретить телесные наказания детей во всех учреждениях.',
      kk: 'Балаларды дене жазасына тартуға барлық мекемелерде тыйым салу.',
    },
    response: 'noted',
    themes: ['children'],
    groups: ['children'],
    sdg: ['16.2'],
    bodies: ['test-ministry-a', 'test-ministry-b'],
    status: 'implemented',
  },
  {
    key: 'uz-upr-1',
    state: 'UZ',
    mechanism: 'UPR',
    adoptedOn: '2018-05-09',
    session: 'UPR cycle 3',
    recommendingState: 'FR',
    text: { en: 'Abolish the death penalty in law for all crimes.' },
    response: 'noted',
    sdg: ['16.1'],
  },
  {
    key: 'kz-upr-7',
    state: 'KZ',
    mechanism: 'UPR',
    adoptedOn: '2020-01-20',
    session: 'UPR cycle 3',
    recommendingState: 'DE',
    // A text that a spreadsheet would run as a formula: the CSV export must neutralise it.
    text: { en: "=cmd|' /C calc'!A0 strengthen the independence of judges", ru: '+ укрепить независимость судей' },
    themes: ['access-to-justice'],
  },
  {
    key: 'uz-cat-9',
    state: 'UZ',
    mechanism: 'CAT',
    adoptedOn: '2014-11-28',
    text: { en: 'Establish an independent national preventive mechanism against torture in places of detention.' },
    response: 'supported',
    themes: ['torture-prevention', 'detention'],
    groups: ['persons-deprived-of-liberty', 'victims-of-torture'],
    sdg: ['16.3', '5.2'],
  },
  {
    key: 'kg-cedaw-30',
    state: 'KG',
    mechanism: 'CEDAW',
    symbol: 'CEDAW/C/KGZ/CO/5',
    paragraph: '30',
    adoptedOn: '2021-03-01',
    text: {
      en: 'Criminalise domestic violence and provide shelters for victims.',
      ru: 'Криминализировать домашнее насилие.',
    },
    response: 'supported',
    themes: ['gender-equality'],
    groups: ['women-and-girls'],
    sdg: ['5.2'],
    priority: true,
    bodies: ['test-ministry-b'],
    status: 'not_started',
  },
  {
    key: 'kz-crc-no-date',
    state: 'KZ',
    mechanism: 'CRC',
    cycle: 'crc5',
    text: { kk: 'Бала құқықтары жөніндегі омбудсменнің тәуелсіздігін қамтамасыз ету.' },
    response: 'not_applicable',
    themes: ['children'],
  },
];

export interface Loaded {
  /** The recommendations' ids by fixture key. */
  ids: Record<string, string>;
  cycles: Record<'cat4' | 'crc5', string>;
}

/** Writes the organisations, cycles, SDG codes and recommendations of `fixtures`, and indexes them. */
export async function loadFixtures(db: Db, fixtures: Fixture[] = FIXTURES): Promise<Loaded> {
  const orgs = await db
    .insertInto('organisations')
    .values(
      ['test-ministry-a', 'test-ministry-b'].map((slug, i) => ({
        slug,
        category: 'state_body' as const,
        name: JSON.stringify({ en: `Ministry ${'AB'[i]}`, ru: `Министерство ${'АБ'[i]}` }),
      })),
    )
    .returning(['id', 'slug'])
    .execute();
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)?.id ?? '';
  const mechanisms = await db.selectFrom('mechanisms').select(['id', 'code']).execute();
  const mechanismId = (code: string) => mechanisms.find((m) => m.code === code)?.id ?? '';
  const cycles = await db
    .insertInto('reporting_cycles')
    .values([
      {
        mechanism_id: mechanismId('CAT'),
        state_code: 'KZ',
        number: 4,
        title: JSON.stringify({ en: 'Fourth periodic report', ru: 'Четвёртый периодический доклад' }),
      },
      {
        mechanism_id: mechanismId('CRC'),
        state_code: 'KZ',
        number: 5,
        title: JSON.stringify({ en: 'Fifth periodic report', ru: 'Пятый периодический доклад' }),
      },
    ])
    .returning('id')
    .execute();
  const cycleIds = { cat4: cycles[0]?.id ?? '', crc5: cycles[1]?.id ?? '' };
  // The SDG codes used, unless a migration has seeded them.
  await sql`INSERT INTO sdg_goals (number, name) VALUES
      (5, '{"en": "Gender equality", "ru": "Гендерное равенство"}'),
      (16, '{"en": "Peace, justice and strong institutions", "ru": "Мир, правосудие и эффективные институты"}')
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`INSERT INTO sdg_targets (code, goal, text) VALUES
      ('5.2', 5, '{"en": "Eliminate all forms of violence against all women and girls"}'),
      ('16.1', 16, '{"en": "Reduce all forms of violence"}'),
      ('16.2', 16, '{"en": "End abuse, exploitation, trafficking and all forms of violence against children"}'),
      ('16.3', 16, '{"en": "Promote the rule of law and ensure equal access to justice"}')
    ON CONFLICT DO NOTHING`.execute(db);
  const themes = await db.selectFrom('themes').select(['id', 'slug']).execute();
  const groups = await db.selectFrom('affected_groups').select(['id', 'slug']).execute();
  const idsOf = (list: { id: string; slug: string }[], slugs: string[] = []) =>
    slugs.map((s) => {
      const found = list.find((x) => x.slug === s);
      if (!found) throw new Error(`no ${s}`);
      return found.id;
    });
  const ids: Record<string, string> = {};
  for (const f of fixtures) {
    const row = await db
      .insertInto('recommendations')
      .values({
        source_key: f.key,
        state_code: f.state,
        mechanism_id: mechanismId(f.mechanism),
        cycle_id: f.cycle ? cycleIds[f.cycle] : null,
        symbol: f.symbol ?? null,
        paragraph: f.paragraph ?? null,
        adopted_on: f.adoptedOn ?? null,
        session: f.session ?? null,
        text: JSON.stringify(f.text),
        recommending_state: f.recommendingState ?? null,
        response: f.response ?? null,
        theme_ids: idsOf(themes, f.themes),
        affected_group_ids: idsOf(groups, f.groups),
        sdg_targets: f.sdg ?? [],
        priority: f.priority ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[f.key] = row.id;
    for (const body of f.bodies ?? [])
      await db
        .insertInto('implementation_actions')
        .values({
          recommendation_id: row.id,
          title: JSON.stringify({ en: `Action of ${body}` }),
          responsible_id: orgId(body),
          deadline: '2027-06-30',
        })
        .execute();
    if (f.status)
      await db
        .insertInto('recommendation_assessments')
        .values({
          recommendation_id: row.id,
          organisation_id: orgId(f.bodies?.[0] ?? 'test-ministry-a'),
          side: 'state',
          level: f.status,
          reasons: JSON.stringify({ en: 'Self-assessment' }),
        })
        .execute();
  }
  // The explorer searches through the index (core/search): brought up to date, as the job would.
  await syncSearch(db, [recommendationSearch], { full: true });
  return { ids, cycles: cycleIds };
}

/**
 * Filters to compare ways of counting by: none; each facet's first value, and all its values; only
 * priorities; then `count` combinations drawn from `choices` by a deterministic sequence from `seed`
 * (each facet chosen three times in ten, half its values), each starting from `start` (by default,
 * only priorities 15 times in 100).
 */
export function filterCombinations(
  choices: Partial<Record<keyof ExplorerFilter, string[]>>,
  opts: { seed: number; count: number; start?: (i: number, random: () => number) => Partial<ExplorerFilter> },
): ExplorerFilter[] {
  let seed = opts.seed;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const filters: ExplorerFilter[] = [emptyFilter()];
  for (const [facet, values] of Object.entries(choices)) {
    filters.push(emptyFilter({ [facet]: facet === 'year' ? [Number(values[0])] : [values[0]] }));
    filters.push(emptyFilter({ [facet]: facet === 'year' ? values.map(Number) : values }));
  }
  filters.push(emptyFilter({ priority: true }));
  for (let i = 0; i < opts.count; i++) {
    const f = emptyFilter(opts.start ? opts.start(i, random) : { priority: random() < 0.15 });
    for (const [facet, values] of Object.entries(choices)) {
      if (random() > 0.3) continue;
      const picked = values.filter(() => random() < 0.5);
      const list = picked.length ? picked : [values[0] ?? ''];
      (f as unknown as Record<string, unknown>)[facet] = facet === 'year' ? list.map(Number) : list;
    }
    filters.push(f);
  }
  return filters;
}

/** A filter with nothing selected. */
export function emptyFilter(over: Partial<ExplorerFilter> = {}): ExplorerFilter {
  return {
    ...NOTHING_SELECTED,
    q: undefined,
    searchIn: 'all',
    lang: 'en',
    ...over,
  };
}

type Values = Record<string, string[]>;

/** A fixture's values in each facet, as the filter names them. */
function valuesOf(f: Fixture, cycles: Loaded['cycles']): Values {
  return {
    state: [f.state],
    mechanism: [f.mechanism],
    cycle: f.cycle ? [cycles[f.cycle]] : [],
    theme: f.themes ?? [],
    group: f.groups ?? [],
    sdg: [...new Set((f.sdg ?? []).map((t) => t.split('.')[0] ?? ''))],
    sdgTarget: f.sdg ?? [],
    response: [f.response ?? 'none'],
    status: [f.status ?? 'not_assessed'],
    body: f.bodies ?? [],
    year: f.adoptedOn ? [f.adoptedOn.slice(0, 4)] : [],
  };
}

const FACET_NAMES = ['state', 'mechanism', 'cycle', 'theme', 'group', 'sdg', 'response', 'status', 'body', 'year'];

function matches(f: Fixture, v: Values, filter: ExplorerFilter, except?: string): boolean {
  for (const facet of FACET_NAMES) {
    if (facet === except) continue;
    const chosen = (filter[facet as keyof ExplorerFilter] as (string | number)[]).map(String);
    if (chosen.length === 0) continue;
    if (facet === 'sdg') {
      if (!chosen.some((c) => (c.includes('.') ? v.sdgTarget : v.sdg)?.includes(c))) return false;
    } else if (!chosen.some((c) => v[facet]?.includes(c))) return false;
  }
  if (except !== 'priority' && filter.priority && !f.priority) return false;
  if (filter.session && f.session !== filter.session) return false;
  return true;
}

/**
 * The explorer's counts worked out by hand: each facet counted over the recommendations matching
 * every selection but its own; SDG targets listed under selected goals (or when selected).
 */
export function expectedCounts(
  fixtures: Fixture[],
  cycles: Loaded['cycles'],
  filter: ExplorerFilter,
): { total: number; priority: number; facets: Record<string, Record<string, number>> } {
  const facets: Record<string, Record<string, number>> = Object.fromEntries(FACET_NAMES.map((k) => [k, {}]));
  let total = 0;
  let priority = 0;
  const selectedGoals = filter.sdg.filter((s) => !s.includes('.'));
  const selectedTargets = filter.sdg.filter((s) => s.includes('.'));
  for (const f of fixtures) {
    const v = valuesOf(f, cycles);
    if (matches(f, v, filter)) total++;
    if (matches(f, v, filter, 'priority') && f.priority) priority++;
    for (const facet of FACET_NAMES) {
      if (!matches(f, v, filter, facet)) continue;
      const counts = facets[facet] ?? {};
      for (const value of v[facet] ?? []) counts[value] = (counts[value] ?? 0) + 1;
      if (facet === 'sdg')
        for (const t of v.sdgTarget ?? [])
          if (selectedTargets.includes(t) || selectedGoals.includes(t.split('.')[0] ?? ''))
            counts[t] = (counts[t] ?? 0) + 1;
    }
  }
  return { total, priority, facets };
}
