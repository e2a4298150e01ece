import type { Db } from '../../core/db/database.ts';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { AssessmentLevel, AssessmentSide } from '../../core/db/schema-obligations.ts';

/*
 * Data for the report's tests and for its measurement script: a reporting cycle with many
 * recommendations, each with actions, progress reports and an assessment from each side, inserted
 * in a few bulk statements.
 */

const json = (value: unknown) => JSON.stringify(value);

/** Three organisations that assess: a state body, an NGO and the NHRI (created once per database). */
export async function assessingOrganisations(db: Db): Promise<Record<AssessmentSide, string>> {
  const wanted: [AssessmentSide, OrganisationCategory, string, Record<string, string>][] = [
    [
      'state',
      'state_body',
      'report-ministry',
      { en: 'Ministry of Internal Affairs', ru: 'Министерство внутренних дел', kk: 'Ішкі істер министрлігі' },
    ],
    [
      'civil_society',
      'ngo',
      'report-coalition',
      { en: 'Coalition against Torture', ru: 'Коалиция против пыток', kk: 'Азаптауға қарсы коалиция' },
    ],
    [
      'nhri',
      'nhri',
      'report-ombudsman',
      {
        en: 'Human Rights Commissioner',
        ru: 'Уполномоченный по правам человека',
        kk: 'Адам құқықтары жөніндегі уәкіл',
      },
    ],
  ];
  const out = {} as Record<AssessmentSide, string>;
  for (const [side, category, slug, name] of wanted) {
    const found = await db.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
    out[side] = found
      ? found.id
      : (
          await db
            .insertInto('organisations')
            .values({ slug, category, name: json(name) })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
  }
  return out;
}

/** A new reporting cycle of the CAT for Kazakhstan. */
export async function insertCycle(db: Db, number: number, title: Record<string, string>): Promise<string> {
  const cat = await db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
  const cycle = await db
    .insertInto('reporting_cycles')
    .values({ mechanism_id: cat.id, state_code: 'KZ', number, title: json(title) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return cycle.id;
}

const LEVELS: AssessmentLevel[] = ['not_started', 'in_progress', 'partly_implemented', 'implemented'];

/**
 * Adds `count` recommendations to a cycle, each with `actions` actions of `progress` progress
 * reports and one assessment per side (the NGO's differs from the state's on every other one).
 * Returns the new recommendations' ids.
 */
export async function addRecommendations(
  db: Db,
  cycleId: string,
  count: number,
  { actions = 2, progress = 2, from = 1 } = {},
): Promise<string[]> {
  const orgs = await assessingOrganisations(db);
  const cat = await db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
  const ids: string[] = [];
  // Batches keep each statement's parameters well under PostgreSQL's limit of 65,535.
  for (let start = 0; start < count; start += 500) {
    const n = Math.min(500, count - start);
    const recs = await db
      .insertInto('recommendations')
      .values(
        Array.from({ length: n }, (_, i) => {
          const p = from + start + i;
          return {
            source_key: `report-fixture-${cycleId}-${p}`,
            state_code: 'KZ',
            mechanism_id: cat.id,
            cycle_id: cycleId,
            symbol: 'CAT/C/KAZ/CO/4',
            paragraph: String(p),
            text: json({
              en: `Recommendation ${p}: ensure that every detainee has a lawyer from the first hour of detention.`,
              ru: `Рекомендация ${p}: обеспечить каждому задержанному адвоката с первого часа задержания.`,
              kk: `${p}-ұсыным: әрбір ұсталған адамға ұсталған алғашқы сағаттан бастап адвокат беру.`,
            }),
            response: 'supported' as const,
          };
        }),
      )
      .returning('id')
      .execute();
    const recIds = recs.map((r) => r.id);
    ids.push(...recIds);
    if (actions > 0) {
      const acts = await db
        .insertInto('implementation_actions')
        .values(
          recIds.flatMap((rid) =>
            Array.from({ length: actions }, (_, a) => ({
              recommendation_id: rid,
              title: json({
                en: `Measure ${a + 1}: training of investigators`,
                ru: `Мера ${a + 1}: обучение следователей`,
                kk: `${a + 1}-шара: тергеушілерді оқыту`,
              }),
              indicator: json({ en: 'Share of investigators trained', ru: 'Доля обученных следователей' }),
              responsible_id: orgs.state,
              deadline: '2027-06-30',
              status: 'in_progress' as const,
            })),
          ),
        )
        .returning('id')
        .execute();
      if (progress > 0) {
        for (let s = 0; s < acts.length; s += 1000) {
          await db
            .insertInto('action_progress_reports')
            .values(
              acts.slice(s, s + 1000).flatMap((act) =>
                Array.from({ length: progress }, (_, k) => ({
                  action_id: act.id,
                  reported_on: `2026-0${k + 1}-15`,
                  text: json({
                    en: `Report ${k + 1}: 120 investigators were trained.`,
                    ru: `Отчёт ${k + 1}: обучено 120 следователей.`,
                    kk: `${k + 1}-есеп: 120 тергеуші оқытылды.`,
                  }),
                  links: ['https://example.org/evidence'],
                })),
              ),
            )
            .execute();
        }
      }
    }
    await db
      .insertInto('recommendation_assessments')
      .values(
        recIds.flatMap((rid, i) => {
          const level = LEVELS[i % LEVELS.length] as AssessmentLevel;
          const other = i % 2 === 0 ? level : (LEVELS[(i + 1) % LEVELS.length] as AssessmentLevel);
          return (['state', 'civil_society', 'nhri'] as const).map((side) => ({
            recommendation_id: rid,
            organisation_id: orgs[side],
            side,
            level: side === 'civil_society' ? other : level,
            reasons: json({ en: `Reasons of the ${side} side.`, ru: `Обоснование стороны ${side}.` }),
            assessed_on: '2026-10-01',
          }));
        }),
      )
      .execute();
  }
  return ids;
}
