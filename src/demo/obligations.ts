import type { Db } from '../core/db/database.ts';
import type { CycleStageKind } from '../core/db/schema-obligations.ts';
import type { Translated } from '../core/i18n/translated.ts';
import { seedRatifications } from '../obligations/mechanisms/demo.ts';
import { recommendationKey } from '../obligations/recommendations/use-cases.ts';
import { lookup } from './lookup.ts';

/*
 * Demo content of international obligations: the CAT reporting cycle that the source document's
 * meeting (15 October 2021) prepared for, the previous cycle, a plausible set of recommendations on
 * torture prevention and children (illustrative texts in the style of concluding observations, not
 * quotations), actions, progress reports and assessments from the state body, civil society and the
 * ombudsman. Dates are plausible, not a record of the real cycle.
 */

interface DemoRecommendation {
  key: string;
  cycle: 'cat3' | 'cat4' | null;
  mechanism: string;
  symbol: string;
  paragraph: string;
  adoptedOn: string;
  session?: string;
  recommendingState?: string;
  response?: 'supported' | 'noted';
  text: Translated;
  themes: string[];
  groups: string[];
  sdg: string[];
  priority?: boolean;
}

const R: DemoRecommendation[] = [
  {
    key: 'cat3-lawyer',
    cycle: 'cat3',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/3',
    paragraph: '9',
    adoptedOn: '2014-12-05',
    text: {
      en: 'Ensure that all detained persons are afforded, in law and in practice, all fundamental legal safeguards from the very outset of deprivation of liberty, including access to a lawyer.',
      ru: 'Обеспечить, чтобы все задержанные лица по закону и на практике пользовались всеми основными правовыми гарантиями с самого начала лишения свободы, включая доступ к адвокату.',
    },
    themes: ['detention', 'torture-prevention'],
    groups: ['persons-deprived-of-liberty'],
    sdg: ['16.3'],
  },
  {
    key: 'cat3-definition',
    cycle: 'cat3',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/3',
    paragraph: '7',
    adoptedOn: '2014-12-05',
    text: {
      en: 'Bring the definition of torture in the Criminal Code into full conformity with article 1 of the Convention.',
      ru: 'Привести определение пытки в Уголовном кодексе в полное соответствие со статьёй 1 Конвенции.',
    },
    themes: ['torture-prevention'],
    groups: ['general'],
    sdg: ['16.3'],
  },
  {
    key: 'cat4-lawyer',
    cycle: 'cat4',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '12',
    adoptedOn: '2021-12-03',
    priority: true,
    text: {
      en: 'Ensure that all persons deprived of their liberty have access to a lawyer of their choice from the very outset of deprivation of liberty, in law and in practice.',
      ru: 'Обеспечить, чтобы все лица, лишённые свободы, по закону и на практике имели доступ к адвокату по своему выбору с самого начала лишения свободы.',
      kk: 'Бас бостандығынан айырылған барлық адамдардың бас бостандығынан айырылған сәттен бастап заң жүзінде де, іс жүзінде де өздері таңдаған адвокатқа қол жеткізуін қамтамасыз ету.',
    },
    themes: ['detention', 'torture-prevention', 'access-to-justice'],
    groups: ['persons-deprived-of-liberty'],
    sdg: ['16.3'],
  },
  {
    key: 'cat4-definition',
    cycle: 'cat4',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '8',
    adoptedOn: '2021-12-03',
    text: {
      en: 'Amend the Criminal Code so that the definition of torture is fully in line with article 1 of the Convention and that torture is punished with penalties commensurate with its gravity.',
      ru: 'Внести изменения в Уголовный кодекс, чтобы определение пытки полностью соответствовало статье 1 Конвенции, а пытки карались соразмерно их тяжести.',
    },
    themes: ['torture-prevention'],
    groups: ['general'],
    sdg: ['16.3'],
  },
  {
    key: 'cat4-investigations',
    cycle: 'cat4',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '16',
    adoptedOn: '2021-12-03',
    priority: true,
    text: {
      en: 'Ensure that all complaints of torture are promptly, impartially and effectively investigated by a body independent of the police.',
      ru: 'Обеспечить оперативное, беспристрастное и эффективное расследование всех жалоб на пытки органом, независимым от полиции.',
      kk: 'Азаптау туралы барлық шағымдарды полициядан тәуелсіз органның жедел, бейтарап және тиімді тергеуін қамтамасыз ету.',
    },
    themes: ['torture-prevention', 'access-to-justice'],
    groups: ['victims-of-torture'],
    sdg: ['16.3', '16.6'],
  },
  {
    key: 'cat4-npm',
    cycle: 'cat4',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '20',
    adoptedOn: '2021-12-03',
    text: {
      en: 'Provide the national preventive mechanism with sufficient resources and unannounced access to all places of deprivation of liberty, including closed institutions for children.',
      ru: 'Обеспечить национальный превентивный механизм достаточными ресурсами и доступом без предупреждения во все места лишения свободы, включая закрытые учреждения для детей.',
    },
    themes: ['torture-prevention', 'detention', 'children'],
    groups: ['persons-deprived-of-liberty', 'children'],
    sdg: ['16.2', '16.a'],
  },
  {
    key: 'cat4-children',
    cycle: 'cat4',
    mechanism: 'CAT',
    symbol: 'CAT/C/KAZ/CO/4',
    paragraph: '32',
    adoptedOn: '2021-12-03',
    text: {
      en: 'Prevent and combat violence against children, including bullying in schools and ill-treatment in closed institutions, and ensure child-friendly complaint mechanisms.',
      ru: 'Предупреждать насилие в отношении детей и бороться с ним, включая травлю в школах и жестокое обращение в закрытых учреждениях, и обеспечить удобные для детей механизмы подачи жалоб.',
      kk: 'Балаларға қатысты зорлық-зомбылықтың, соның ішінде мектептегі буллингтің және жабық мекемелердегі қатыгездіктің алдын алу және оған қарсы күресу, балаларға ыңғайлы шағым тетіктерін қамтамасыз ету.',
    },
    themes: ['children', 'education'],
    groups: ['children'],
    sdg: ['16.2', '4.a'],
  },
  {
    key: 'crc-bullying',
    cycle: null,
    mechanism: 'CRC',
    symbol: 'CRC/C/KAZ/CO/4',
    paragraph: '27',
    adoptedOn: '2015-10-30',
    text: {
      en: 'Take measures to prevent bullying in schools, including cyberbullying, and provide support to child victims.',
      ru: 'Принять меры по предупреждению травли в школах, включая кибертравлю, и оказывать поддержку детям-жертвам.',
    },
    themes: ['children', 'education'],
    groups: ['children'],
    sdg: ['4.a', '16.2'],
  },
  {
    key: 'upr-torture-fr',
    cycle: null,
    mechanism: 'UPR',
    symbol: 'A/HRC/44/10',
    paragraph: '141.89',
    adoptedOn: '2020-03-27',
    session: 'UPR 34th session (3rd cycle)',
    recommendingState: 'FR',
    response: 'supported',
    text: {
      en: 'Ensure that all allegations of torture are investigated and that perpetrators are prosecuted and punished.',
      ru: 'Обеспечить расследование всех заявлений о пытках, а также уголовное преследование и наказание виновных.',
    },
    themes: ['torture-prevention'],
    groups: ['victims-of-torture'],
    sdg: ['16.3'],
  },
  {
    key: 'upr-npm-dk',
    cycle: null,
    mechanism: 'UPR',
    symbol: 'A/HRC/44/10',
    paragraph: '141.95',
    adoptedOn: '2020-03-27',
    session: 'UPR 34th session (3rd cycle)',
    recommendingState: 'DK',
    response: 'noted',
    text: {
      en: 'Make the national preventive mechanism fully independent, in line with the Optional Protocol to the Convention against Torture.',
      ru: 'Обеспечить полную независимость национального превентивного механизма в соответствии с Факультативным протоколом к Конвенции против пыток.',
    },
    themes: ['torture-prevention'],
    groups: ['persons-deprived-of-liberty'],
    sdg: ['16.a'],
  },
];

const CAT4_STAGES: { kind: CycleStageKind; due?: string; done?: string; ends?: string; note?: Translated }[] = [
  {
    kind: 'list_of_issues',
    done: '2018-06-08',
    note: {
      en: 'List of issues prior to reporting (simplified procedure).',
      ru: 'Перечень вопросов до представления доклада (упрощённая процедура).',
    },
  },
  { kind: 'report_due', due: '2019-12-06' },
  { kind: 'report_submitted', done: '2020-02-14' },
  { kind: 'alternative_reports', due: '2021-10-25', done: '2021-10-22' },
  {
    kind: 'constructive_dialogue',
    due: '2021-11-16',
    done: '2021-11-16',
    ends: '2021-11-17',
    note: {
      en: 'Delegation led by the Deputy Minister of Justice.',
      ru: 'Делегацию возглавил вице-министр юстиции.',
      kk: 'Делегацияны Әділет вице-министрі басқарды.',
    },
  },
  { kind: 'concluding_observations', due: '2021-12-03', done: '2021-12-03' },
  { kind: 'follow_up_due', due: '2022-12-03' },
  { kind: 'follow_up_submitted', done: '2023-02-10' },
  { kind: 'follow_up_assessment', due: '2023-11-30' },
  { kind: 'next_report_due', due: '2025-12-03' },
];

/** Loads the obligations demo inside the demo seed's transaction. */
export async function seedObligations(trx: Db, { org, itemIds }: { org: (slug: string) => string; itemIds: string[] }) {
  await seedRatifications(trx);
  const mechanisms = new Map(
    (await trx.selectFrom('mechanisms').select(['id', 'code']).execute()).map((m) => [m.code, m.id]),
  );
  const mechanism = lookup(mechanisms, 'mechanism');
  const cycle = async (number: number, title: Translated, description: Translated) =>
    (
      await trx
        .insertInto('reporting_cycles')
        .values({
          mechanism_id: mechanism('CAT'),
          state_code: 'KZ',
          number,
          title: JSON.stringify(title),
          description: JSON.stringify(description),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const cat3 = await cycle(
    3,
    { en: 'Third periodic report', ru: 'Третий периодический доклад', kk: 'Үшінші мерзімдік баяндама' },
    {},
  );
  const cat4 = await cycle(
    4,
    { en: 'Fourth periodic report', ru: 'Четвёртый периодический доклад', kk: 'Төртінші мерзімдік баяндама' },
    {
      en: 'The cycle the Dialogue Platform prepared for at its meeting of 15 October 2021.',
      ru: 'Цикл, к защите доклада в котором Диалоговая платформа готовилась на заседании 15 октября 2021 года.',
      kk: 'Диалог алаңы 2021 жылғы 15 қазандағы отырысында баяндаманы қорғауға дайындалған цикл.',
    },
  );
  await trx
    .insertInto('cycle_stages')
    .values([
      { cycle_id: cat3, kind: 'concluding_observations', due_on: '2014-12-05', done_on: '2014-12-05' },
      ...CAT4_STAGES.map((s) => ({
        cycle_id: cat4,
        kind: s.kind,
        due_on: s.due ?? null,
        done_on: s.done ?? null,
        ends_on: s.ends ?? null,
        note: JSON.stringify(s.note ?? {}),
        // Past deadlines were reminded long ago.
        reminded_at: new Date('2025-01-01T00:00:00Z'),
      })),
    ])
    .execute();
  await trx
    .insertInto('cycle_documents')
    .values([
      {
        cycle_id: cat4,
        kind: 'state_report',
        symbol: 'CAT/C/KAZ/4',
        title: JSON.stringify({
          en: 'Fourth periodic report of Kazakhstan',
          ru: 'Четвёртый периодический доклад Казахстана',
        }),
        issued_on: '2020-02-14',
        url: 'https://tbinternet.ohchr.org/_layouts/15/TreatyBodyExternal/countries.aspx?CountryCode=KAZ&Lang=EN',
      },
      {
        cycle_id: cat4,
        kind: 'alternative_report',
        symbol: null,
        title: JSON.stringify({
          en: 'Alternative report of the Coalition of NGOs of Kazakhstan against Torture',
          ru: 'Альтернативный доклад Коалиции НПО Казахстана против пыток',
        }),
        issued_on: '2021-10-22',
        url: 'https://tbinternet.ohchr.org/_layouts/15/TreatyBodyExternal/countries.aspx?CountryCode=KAZ&Lang=EN',
        organisation_id: org('coalition-against-torture'),
      },
      {
        cycle_id: cat4,
        kind: 'concluding_observations',
        symbol: 'CAT/C/KAZ/CO/4',
        title: JSON.stringify({
          en: 'Concluding observations on the fourth periodic report of Kazakhstan',
          ru: 'Заключительные замечания по четвёртому периодическому докладу Казахстана',
        }),
        issued_on: '2021-12-03',
        url: 'https://tbinternet.ohchr.org/_layouts/15/TreatyBodyExternal/countries.aspx?CountryCode=KAZ&Lang=EN',
      },
    ])
    .execute();
  // The first agenda item of the source meeting prepared for the defence of this report.
  if (itemIds[0]) await trx.updateTable('agenda_items').set({ cycle_id: cat4 }).where('id', '=', itemIds[0]).execute();

  const themes = new Map((await trx.selectFrom('themes').select(['id', 'slug']).execute()).map((t) => [t.slug, t.id]));
  const groups = new Map(
    (await trx.selectFrom('affected_groups').select(['id', 'slug']).execute()).map((g) => [g.slug, g.id]),
  );
  const targets = new Set((await trx.selectFrom('sdg_targets').select('code').execute()).map((s) => s.code));
  const ids = new Map<string, string>();
  for (const r of R) {
    const row = await trx
      .insertInto('recommendations')
      .values({
        source_key: `demo:${recommendationKey({
          stateCode: 'KZ',
          mechanismCode: r.mechanism,
          symbol: r.symbol,
          paragraph: r.paragraph,
          recommendingState: r.recommendingState,
          text: r.text.en ?? '',
        })}`.slice(0, 100),
        state_code: 'KZ',
        mechanism_id: mechanism(r.mechanism),
        cycle_id: r.cycle === 'cat3' ? cat3 : r.cycle === 'cat4' ? cat4 : null,
        symbol: r.symbol,
        paragraph: r.paragraph,
        adopted_on: r.adoptedOn,
        session: r.session ?? null,
        text: JSON.stringify(r.text),
        recommending_state: r.recommendingState ?? null,
        response: r.response ?? null,
        theme_ids: r.themes.flatMap((s) => themes.get(s) ?? []),
        affected_group_ids: r.groups.flatMap((s) => groups.get(s) ?? []),
        sdg_targets: r.sdg.filter((c) => targets.has(c)),
        priority: r.priority ?? false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(r.key, row.id);
  }
  const rec = lookup(ids, 'recommendation');

  // Safeguards in custody: one cluster, one action for both.
  const cluster = await trx
    .insertInto('recommendation_clusters')
    .values({
      title: JSON.stringify({
        en: 'Safeguards from the outset of detention',
        ru: 'Гарантии с момента задержания',
        kk: 'Ұсталған сәттен бастап кепілдіктер',
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('recommendations')
    .set({ cluster_id: cluster.id })
    .where('id', 'in', [rec('cat4-lawyer'), rec('cat4-investigations')])
    .execute();
  await trx
    .insertInto('recommendation_repeats')
    .values([
      {
        recommendation_id: rec('cat4-lawyer'),
        earlier_id: rec('cat3-lawyer'),
        similarity: 0.62,
        status: 'confirmed',
        decided_at: new Date('2022-01-20T00:00:00Z'),
      },
      {
        recommendation_id: rec('cat4-definition'),
        earlier_id: rec('cat3-definition'),
        similarity: 0.55,
        status: 'confirmed',
        decided_at: new Date('2022-01-20T00:00:00Z'),
      },
    ])
    .execute();

  const action = async (a: {
    rec?: string;
    cluster?: boolean;
    title: Translated;
    responsible: string;
    deadline: string;
    status: 'planned' | 'in_progress' | 'completed';
    indicator?: Translated;
    progress?: { on: string; text: Translated; links?: string[] }[];
  }) => {
    const row = await trx
      .insertInto('implementation_actions')
      .values({
        recommendation_id: a.cluster ? null : rec(a.rec ?? ''),
        cluster_id: a.cluster ? cluster.id : null,
        title: JSON.stringify(a.title),
        indicator: JSON.stringify(a.indicator ?? {}),
        responsible_id: org(a.responsible),
        deadline: a.deadline,
        status: a.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const p of a.progress ?? []) {
      await trx
        .insertInto('action_progress_reports')
        .values({
          action_id: row.id,
          reported_on: p.on,
          text: JSON.stringify(p.text),
          links: p.links ?? [],
          organisation_id: org(a.responsible),
        })
        .execute();
    }
  };
  await action({
    cluster: true,
    title: {
      en: 'Amend the Code of Criminal Procedure: a lawyer from the moment of actual detention',
      ru: 'Изменения в УПК: адвокат с момента фактического задержания',
      kk: 'ҚПК-ге өзгерістер: нақты ұсталған сәттен бастап адвокат',
    },
    responsible: 'mia',
    deadline: '2023-12-31',
    status: 'completed',
    indicator: {
      en: 'Share of detainees who met a lawyer within 3 hours',
      ru: 'Доля задержанных, встретившихся с адвокатом в течение 3 часов',
    },
    progress: [
      {
        on: '2022-06-30',
        text: { ru: 'Законопроект внесён в Мажилис.', en: 'The bill was submitted to the Mazhilis.' },
        links: ['https://adilet.zan.kz/'],
      },
      {
        on: '2023-07-15',
        text: {
          ru: 'Закон подписан; видеофиксация в комнатах для допроса введена в 17 регионах.',
          en: 'The law was signed; video recording in interview rooms introduced in 17 regions.',
        },
      },
    ],
  });
  await action({
    rec: 'cat4-investigations',
    title: {
      en: 'Transfer investigations of torture to the prosecution service',
      ru: 'Передать расследование пыток органам прокуратуры',
    },
    responsible: 'prosecutor-general',
    deadline: '2022-12-31',
    status: 'completed',
    progress: [
      {
        on: '2022-12-20',
        text: {
          ru: 'С 1 января 2023 года пытки расследует прокуратура.',
          en: 'From 1 January 2023 the prosecution service investigates torture.',
        },
      },
    ],
  });
  await action({
    rec: 'cat4-definition',
    title: {
      en: 'Bring article 146 of the Criminal Code in line with article 1 of the Convention',
      ru: 'Привести статью 146 УК в соответствие со статьёй 1 Конвенции',
    },
    responsible: 'ministry-of-justice',
    deadline: '2024-06-30',
    status: 'in_progress',
  });
  await action({
    rec: 'cat4-children',
    title: {
      en: 'Anti-bullying programme in schools with a confidential helpline',
      ru: 'Программа против травли в школах с конфиденциальной линией помощи',
      kk: 'Мектептерде құпия сенім телефоны бар буллингке қарсы бағдарлама',
    },
    responsible: 'ministry-of-education',
    deadline: '2025-09-01',
    status: 'in_progress',
    progress: [
      {
        on: '2024-09-01',
        text: { ru: 'Программа запущена в 1 200 школах.', en: 'The programme started in 1,200 schools.' },
      },
    ],
  });

  const assess = async (
    key: string,
    orgSlug: string,
    side: 'state' | 'civil_society' | 'nhri',
    level: string,
    reasons: Translated,
    on: string,
  ) =>
    trx
      .insertInto('recommendation_assessments')
      .values({
        recommendation_id: rec(key),
        organisation_id: org(orgSlug),
        side,
        level: level as 'implemented',
        reasons: JSON.stringify(reasons),
        assessed_on: on,
      })
      .execute();
  await assess(
    'cat4-lawyer',
    'mia',
    'state',
    'implemented',
    {
      ru: 'Норма закреплена в УПК; адвокат допускается с момента фактического задержания.',
      en: 'The Code of Criminal Procedure now grants a lawyer from the moment of actual detention.',
    },
    '2024-02-01',
  );
  await assess(
    'cat4-lawyer',
    'coalition-against-torture',
    'civil_society',
    'partly_implemented',
    {
      ru: 'Закон принят, но в регионах адвокат по-прежнему допускается с опозданием на несколько часов.',
      en: 'The law is in force, but in the regions lawyers still arrive hours late.',
    },
    '2024-03-10',
  );
  await assess(
    'cat4-lawyer',
    'ombudsman',
    'nhri',
    'partly_implemented',
    {
      ru: 'НПМ фиксирует задержки допуска адвоката в 3 из 10 посещённых изоляторов.',
      en: 'The NPM found delayed access to a lawyer in 3 of 10 facilities visited.',
    },
    '2024-04-02',
  );
  await assess(
    'cat4-investigations',
    'prosecutor-general',
    'state',
    'implemented',
    { ru: 'Подследственность передана прокуратуре.', en: 'Jurisdiction transferred to the prosecution service.' },
    '2023-02-01',
  );
  await assess(
    'cat4-investigations',
    'kibhr',
    'civil_society',
    'in_progress',
    { ru: 'Доля осуждённых по делам о пытках остаётся низкой.', en: 'Convictions in torture cases remain rare.' },
    '2024-03-10',
  );
  await assess(
    'cat4-children',
    'ministry-of-education',
    'state',
    'in_progress',
    { ru: 'Программа действует в 1 200 школах из 7 500.', en: 'The programme runs in 1,200 of 7,500 schools.' },
    '2024-09-15',
  );
  await assess(
    'cat4-children',
    'zhas-ulan',
    'civil_society',
    'in_progress',
    {
      kk: 'Бағдарлама басталды, бірақ ауылдық мектептерге әлі жеткен жоқ.',
      ru: 'Программа начата, но до сельских школ пока не дошла.',
    },
    '2024-10-01',
  );
  await assess(
    'cat4-definition',
    'ministry-of-justice',
    'state',
    'in_progress',
    {
      ru: 'Проект поправок согласуется с заинтересованными органами.',
      en: 'Draft amendments are being agreed with the bodies concerned.',
    },
    '2024-05-01',
  );
  await assess(
    'cat4-definition',
    'charter-for-human-rights',
    'civil_society',
    'not_started',
    {
      ru: 'Проект поправок не опубликован, определение не изменено.',
      en: 'No draft has been published; the definition is unchanged.',
    },
    '2024-05-20',
  );

  // Links: the agenda item that discussed them, the demo proposals and tasks on the same subjects.
  if (itemIds[0])
    await trx
      .insertInto('recommendation_agenda_items')
      .values(
        ['cat4-lawyer', 'cat4-definition', 'cat4-investigations'].map((k) => ({
          recommendation_id: rec(k),
          agenda_item_id: itemIds[0] ?? '',
        })),
      )
      .execute();
  if (itemIds[1])
    await trx
      .insertInto('recommendation_agenda_items')
      .values({ recommendation_id: rec('cat4-children'), agenda_item_id: itemIds[1] })
      .execute();
  const proposals = await trx
    .selectFrom('proposals')
    .select(['id', 'agenda_item_id'])
    .where('status', '!=', 'draft')
    .execute();
  for (const p of proposals) {
    const key = p.agenda_item_id === itemIds[1] ? 'cat4-children' : 'cat4-definition';
    await trx
      .insertInto('recommendation_proposals')
      .values({ recommendation_id: rec(key), proposal_id: p.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const tasks = await trx.selectFrom('tasks').select('id').orderBy('id').limit(1).execute();
  for (const task of tasks)
    await trx
      .insertInto('recommendation_tasks')
      .values({ recommendation_id: rec('cat4-lawyer'), task_id: task.id })
      .execute();
}
