/*
 * Demo content drawn from the source document (shared/domain/000_e5f8180ac6d0e59a.txt): a
 * communiqué about one meeting of the Dialogue Platform on the Human Dimension. Every later issue
 * adds its demo objects here, so the whole demo stays in one place. The meeting's number and date
 * are not in the communiqué; the ones below are illustrative.
 */
import type { OrganisationCategory, PresenterRole } from '../core/db/schema.ts';
import type { Translated } from '../core/i18n/translated.ts';

export interface DemoOrganisation {
  slug: string;
  category: OrganisationCategory;
  name: Required<Translated>;
  shortName?: Translated;
  website?: string;
  parent?: string;
  membership: 'member' | 'observer' | 'guest';
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  // State bodies
  {
    slug: 'mfa',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Сыртқы істер министрлігі',
      ru: 'Министерство иностранных дел Республики Казахстан',
      en: 'Ministry of Foreign Affairs of the Republic of Kazakhstan',
    },
    shortName: { kk: 'СІМ', ru: 'МИД', en: 'MFA' },
    membership: 'member',
  },
  {
    slug: 'mia',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Ішкі істер министрлігі',
      ru: 'Министерство внутренних дел Республики Казахстан',
      en: 'Ministry of Internal Affairs of the Republic of Kazakhstan',
    },
    shortName: { kk: 'ІІМ', ru: 'МВД', en: 'MIA' },
    membership: 'member',
  },
  {
    slug: 'ministry-of-justice',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Әділет министрлігі',
      ru: 'Министерство юстиции Республики Казахстан',
      en: 'Ministry of Justice of the Republic of Kazakhstan',
    },
    shortName: { kk: 'ӘМ', ru: 'Минюст', en: 'MoJ' },
    membership: 'member',
  },
  {
    slug: 'prosecutor-general',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Бас прокуратурасы',
      ru: 'Генеральная прокуратура Республики Казахстан',
      en: "Prosecutor General's Office of the Republic of Kazakhstan",
    },
    shortName: { kk: 'Бас прокуратура', ru: 'Генпрокуратура', en: 'PGO' },
    membership: 'member',
  },
  {
    slug: 'ministry-of-education',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Оқу-ағарту министрлігі',
      ru: 'Министерство просвещения Республики Казахстан',
      en: 'Ministry of Education of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  {
    slug: 'ministry-of-labour',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі',
      ru: 'Министерство труда и социальной защиты населения Республики Казахстан',
      en: 'Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  {
    slug: 'ministry-of-health',
    category: 'state_body',
    name: {
      kk: 'Қазақстан Республикасы Денсаулық сақтау министрлігі',
      ru: 'Министерство здравоохранения Республики Казахстан',
      en: 'Ministry of Health of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  // Parliament
  {
    slug: 'mazhilis',
    category: 'parliament',
    name: {
      kk: 'Қазақстан Республикасы Парламентінің Мәжілісі',
      ru: 'Мажилис Парламента Республики Казахстан',
      en: 'Mazhilis of the Parliament of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  {
    slug: 'senate',
    category: 'parliament',
    name: {
      kk: 'Қазақстан Республикасы Парламентінің Сенаты',
      ru: 'Сенат Парламента Республики Казахстан',
      en: 'Senate of the Parliament of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  // Courts and constitutional review
  {
    slug: 'supreme-court',
    category: 'judiciary',
    name: {
      kk: 'Қазақстан Республикасының Жоғарғы Соты',
      ru: 'Верховный Суд Республики Казахстан',
      en: 'Supreme Court of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  {
    slug: 'constitutional-court',
    category: 'constitutional_review',
    name: {
      kk: 'Қазақстан Республикасының Конституциялық Соты',
      ru: 'Конституционный Суд Республики Казахстан',
      en: 'Constitutional Court of the Republic of Kazakhstan (formerly the Constitutional Council)',
    },
    membership: 'member',
  },
  // National human-rights institutions
  {
    slug: 'ombudsman',
    category: 'nhri',
    name: {
      kk: 'Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл',
      ru: 'Уполномоченный по правам человека в Республике Казахстан',
      en: 'Commissioner for Human Rights in the Republic of Kazakhstan',
    },
    shortName: { kk: 'Омбудсмен', ru: 'Омбудсмен', en: 'Ombudsman' },
    membership: 'member',
  },
  {
    slug: 'human-rights-commission',
    category: 'nhri',
    name: {
      kk: 'Қазақстан Республикасының Президенті жанындағы Адам құқықтары жөніндегі комиссия',
      ru: 'Комиссия по правам человека при Президенте Республики Казахстан',
      en: 'Human Rights Commission under the President of the Republic of Kazakhstan',
    },
    membership: 'member',
  },
  {
    slug: 'childrens-ombudsman',
    category: 'nhri',
    name: {
      kk: 'Қазақстан Республикасындағы Бала құқықтары жөніндегі уәкіл',
      ru: 'Уполномоченный по правам ребёнка в Республике Казахстан',
      en: "Commissioner for Children's Rights in the Republic of Kazakhstan",
    },
    membership: 'member',
  },
  // Civil society
  {
    slug: 'coalition-against-torture',
    category: 'ngo',
    name: {
      kk: 'Қазақстанның азаптауға қарсы ҮЕҰ коалициясы',
      ru: 'Коалиция НПО Казахстана против пыток',
      en: 'Coalition of NGOs of Kazakhstan against Torture',
    },
    membership: 'member',
  },
  {
    slug: 'kadyr-kasiyet',
    category: 'ngo',
    name: {
      kk: '«Қадыр-қасиет» қоғамдық бірлестігі',
      ru: 'Общественное объединение «Кадыр-Касиет»',
      en: 'NGO “Kadyr-Kasiyet”',
    },
    membership: 'member',
  },
  {
    slug: 'kibhr',
    category: 'ngo',
    name: {
      kk: 'Адам құқықтары мен заңдылықты сақтау жөніндегі қазақстандық халықаралық бюро',
      ru: 'Казахстанское международное бюро по правам человека и соблюдению законности',
      en: 'Kazakhstan International Bureau for Human Rights and the Rule of Law',
    },
    shortName: { kk: 'ҚХАҚБ', ru: 'КМБПЧ', en: 'KIBHR' },
    parent: 'coalition-against-torture',
    membership: 'member',
  },
  {
    slug: 'charter-for-human-rights',
    category: 'ngo',
    name: {
      kk: '«Адам құқықтары хартиясы» қоғамдық қоры',
      ru: 'Общественный фонд «Хартия за права человека»',
      en: 'Charter for Human Rights',
    },
    parent: 'coalition-against-torture',
    membership: 'member',
  },
  {
    slug: 'talap',
    category: 'ngo',
    name: {
      kk: '«Талап» қолданбалы зерттеулер орталығы',
      ru: 'Центр прикладных исследований «Талап»',
      en: 'Center for Applied Research “Talap”',
    },
    membership: 'member',
  },
  {
    slug: 'zhas-ulan',
    category: 'ngo',
    name: {
      kk: '«Жас Ұлан» біріккен балалар мен жастар ұйымы',
      ru: 'Единая детско-юношеская организация «Жас Улан»',
      en: 'United Children’s and Youth Organization “Zhas Ulan”',
    },
    membership: 'member',
  },
  // International partners: guests of the platform
  {
    slug: 'undp',
    category: 'international',
    name: {
      kk: 'БҰҰ Даму бағдарламасы',
      ru: 'Программа развития ООН',
      en: 'United Nations Development Programme',
    },
    shortName: { kk: 'БҰҰДБ', ru: 'ПРООН', en: 'UNDP' },
    membership: 'guest',
  },
  {
    slug: 'osce',
    category: 'international',
    name: {
      kk: 'Еуропадағы қауіпсіздік және ынтымақтастық ұйымы',
      ru: 'Организация по безопасности и сотрудничеству в Европе',
      en: 'Organization for Security and Co-operation in Europe',
    },
    shortName: { kk: 'ЕҚЫҰ', ru: 'ОБСЕ', en: 'OSCE' },
    membership: 'guest',
  },
  {
    slug: 'eu-delegation',
    category: 'international',
    name: {
      kk: 'Еуропалық Одақтың Қазақстандағы өкілдігі',
      ru: 'Представительство Европейского союза в Казахстане',
      en: 'Delegation of the European Union to Kazakhstan',
    },
    shortName: { kk: 'ЕО', ru: 'ЕС', en: 'EU' },
    membership: 'guest',
  },
  {
    slug: 'us-embassy',
    category: 'international',
    name: {
      kk: 'АҚШ-тың Қазақстандағы елшілігі',
      ru: 'Посольство США в Казахстане',
      en: 'Embassy of the United States in Kazakhstan',
    },
    membership: 'guest',
  },
  {
    slug: 'canada-embassy',
    category: 'international',
    name: {
      kk: 'Канаданың Қазақстандағы елшілігі',
      ru: 'Посольство Канады в Казахстане',
      en: 'Embassy of Canada to Kazakhstan',
    },
    membership: 'guest',
  },
  {
    slug: 'usaid',
    category: 'international',
    name: {
      kk: 'АҚШ Халықаралық даму агенттігі',
      ru: 'Агентство США по международному развитию',
      en: 'United States Agency for International Development',
    },
    shortName: { kk: 'USAID', ru: 'USAID', en: 'USAID' },
    membership: 'guest',
  },
];

export const DEMO_BODY = {
  slug: 'dialogue-platform',
  host: 'mfa',
  memberSince: '2013-01-01',
  name: {
    kk: '«Адами өлшем жөніндегі диалогтық алаң» консультативтік-кеңесші органы',
    ru: 'Консультативно-совещательный орган «Диалоговая площадка по человеческому измерению»',
    en: 'Consultative and Advisory Body “Dialogue Platform on the Human Dimension”',
  },
  shortName: { kk: 'АӨДА', ru: 'ДПЧИ', en: 'DPHD' },
  description: {
    kk: 'Қазақстан Республикасы Сыртқы істер министрлігі жанындағы алаң: мемлекеттік органдар, Парламент, соттар, адам құқықтары жөніндегі уәкіл, үкіметтік емес ұйымдар мен халықаралық серіктестер адам құқықтары саласындағы реформаларды бірге талқылап, «сағаттарды салыстырады».',
    ru: 'Площадка при Министерстве иностранных дел Республики Казахстан, где государственные органы, Парламент, суды, Уполномоченный по правам человека, неправительственные организации и международные партнёры вместе обсуждают реформы в области прав человека и «сверяют часы».',
    en: 'A platform under the Ministry of Foreign Affairs of the Republic of Kazakhstan where state bodies, Parliament, the courts, the Commissioner for Human Rights, NGOs and international partners discuss human-rights reforms together and “compare watches”.',
  },
};

export interface DemoAgendaItem {
  title: Required<Translated>;
  description?: Translated;
  plannedMinutes: number;
  presenters: { organisation: string; role: PresenterRole }[];
}

export const DEMO_MEETING = {
  number: 1,
  startsAt: '2021-10-15T10:00:00+06:00',
  endsAt: '2021-10-15T13:00:00+06:00',
  timeZone: 'Asia/Almaty',
  format: 'in_person' as const,
  status: 'published' as const,
  title: {
    kk: 'Азаптауға қарсы іс-қимыл және балаларды буллингтен қорғау туралы заңнаманы жетілдіру',
    ru: 'Совершенствование законодательства о противодействии пыткам и защите детей от буллинга',
    en: 'Improving legislation on combating torture and protecting children from bullying',
  },
  venue: {
    kk: 'Қазақстан Республикасы Сыртқы істер министрлігі, Нұр-Сұлтан',
    ru: 'Министерство иностранных дел Республики Казахстан, Нур-Султан',
    en: 'Ministry of Foreign Affairs of the Republic of Kazakhstan, Nur-Sultan',
  },
  agenda: [
    {
      title: {
        kk: 'Қазақстан Республикасының Азаптауларға және басқа да қатыгез, адамгершілікке жатпайтын немесе ар-намысты қорлайтын іс-әрекеттер мен жазаларға қарсы БҰҰ Конвенциясын орындауы туралы ұлттық баяндамасын қорғауға дайындық',
        ru: 'Подготовка к защите национального доклада Республики Казахстан о выполнении Конвенции ООН против пыток и других жестоких, бесчеловечных или унижающих достоинство видов обращения и наказания',
        en: 'Preparation for the defence of the national report of the Republic of Kazakhstan on the implementation of the UN Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment',
      },
      plannedMinutes: 90,
      presenters: [
        { organisation: 'mia', role: 'report' },
        { organisation: 'kadyr-kasiyet', role: 'proposals' },
        { organisation: 'kibhr', role: 'proposals' },
        { organisation: 'coalition-against-torture', role: 'proposals' },
        { organisation: 'charter-for-human-rights', role: 'proposals' },
        { organisation: 'talap', role: 'proposals' },
      ],
    },
    {
      title: {
        kk: 'Азаптаудан абсолютті еркіндік аясында балаларды буллингтен қорғау',
        ru: 'Защита детей от буллинга как часть абсолютной свободы от пыток',
        en: 'Protecting children from bullying as part of the absolute freedom from torture',
      },
      plannedMinutes: 60,
      presenters: [
        { organisation: 'zhas-ulan', role: 'report' },
        { organisation: 'kadyr-kasiyet', role: 'proposals' },
      ],
    },
  ] satisfies DemoAgendaItem[],
};

/** One password for every demo account; printed at start. Never used outside the demo. */
export const DEMO_PASSWORD = 'kenes-demo-2026';

export interface DemoUser {
  email: string;
  displayName: string;
  role: 'platform_admin' | 'secretariat' | 'chair' | 'representative' | 'observer' | 'citizen';
  organisation?: string;
  locale: 'kk' | 'ru' | 'en';
}

/** A demo sign-in for each role. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@kenes.demo', displayName: 'Platform administrator', role: 'platform_admin', locale: 'en' },
  {
    email: 'secretariat@kenes.demo',
    displayName: 'Айгерим Секретариат',
    role: 'secretariat',
    organisation: 'mfa',
    locale: 'ru',
  },
  { email: 'chair@kenes.demo', displayName: 'Төраға (demo)', role: 'chair', organisation: 'mfa', locale: 'kk' },
  {
    email: 'mia@kenes.demo',
    displayName: 'Представитель МВД',
    role: 'representative',
    organisation: 'mia',
    locale: 'ru',
  },
  {
    email: 'ngo@kenes.demo',
    displayName: '«Қадыр-қасиет» өкілі',
    role: 'representative',
    organisation: 'kadyr-kasiyet',
    locale: 'kk',
  },
  {
    email: 'ombudsman@kenes.demo',
    displayName: 'Адам құқықтары жөніндегі уәкіл аппараты',
    role: 'representative',
    organisation: 'ombudsman',
    locale: 'kk',
  },
  { email: 'observer@kenes.demo', displayName: 'UNDP observer', role: 'observer', organisation: 'undp', locale: 'en' },
  { email: 'citizen@kenes.demo', displayName: 'Азамат Гражданин', role: 'citizen', locale: 'kk' },
];

/** The chair named in the communiqué, and the secretary of the platform (illustrative). */
export const DEMO_CHAIR = {
  name: { kk: 'Үсен Сүлейменов', ru: 'Усен Сулейменов', en: 'Usen Suleimenov' },
  position: {
    kk: 'СІМ Ерекше тапсырмалар жөніндегі елшісі',
    ru: 'Посол по особым поручениям МИД',
    en: 'Ambassador-at-Large of the MFA',
  },
  organisation: 'mfa',
};
export const DEMO_SECRETARY = {
  name: { kk: 'Платформа хатшысы', ru: 'Секретарь площадки', en: 'Secretary of the platform' },
  organisation: 'mfa',
};

/**
 * Who attended the source meeting: one delegate per organisation the communiqué names (it names
 * institutions, not people, so the delegates are described by their role).
 */
export const DEMO_ATTENDING = [
  'mfa',
  'mia',
  'ministry-of-justice',
  'prosecutor-general',
  'ministry-of-education',
  'ministry-of-labour',
  'ministry-of-health',
  'mazhilis',
  'senate',
  'supreme-court',
  'constitutional-court',
  'ombudsman',
  'human-rights-commission',
  'coalition-against-torture',
  'kadyr-kasiyet',
  'kibhr',
  'charter-for-human-rights',
  'talap',
  'zhas-ulan',
  'undp',
  'osce',
  'eu-delegation',
  'us-embassy',
  'canada-embassy',
  'usaid',
];

export const DEMO_DELEGATE_NAME = {
  kk: (org: string) => `${org} өкілі`,
  ru: (org: string) => `Представитель: ${org}`,
  en: (org: string) => `Representative of ${org}`,
};

/** The approved minutes of the source meeting, per agenda item (drawn from the communiqué). */
export const DEMO_MINUTES = [
  {
    summary: {
      en: 'The Ministry of Internal Affairs reported on the improvement of national legislation and on the reforms of the department in the field of combating torture.',
      ru: 'Министерство внутренних дел доложило о совершенствовании национального законодательства и реформах ведомства в сфере противодействия пыткам.',
      kk: 'Ішкі істер министрлігі ұлттық заңнаманы жетілдіру және ведомствоның азаптауға қарсы іс-қимыл саласындағы реформалары туралы баяндады.',
    },
    proposals: {
      en: 'Specific proposals were made by the NGO “Kadyr-Kasiyet”, the KIBHR, the Coalition of NGOs of Kazakhstan against Torture, the Charter for Human Rights and the Center for Applied Research “Talap”.',
      ru: 'Конкретные предложения внесли ОО «Кадыр-Касиет», КМБПЧ, Коалиция НПО Казахстана против пыток, «Хартия за права человека» и Центр прикладных исследований «Талап».',
      kk: 'Нақты ұсыныстарды «Қадыр-қасиет», ҚХАҚБ, Қазақстанның азаптауға қарсы ҮЕҰ коалициясы, «Адам құқықтары хартиясы» және «Талап» қолданбалы зерттеулер орталығы енгізді.',
    },
    discussion: {
      en: 'The open discussion compared the state’s account of the reforms with what civil society observes.',
      ru: 'В ходе открытой дискуссии участники сверили оценки реформ государства и гражданского общества.',
      kk: 'Ашық талқылау барысында қатысушылар мемлекет пен азаматтық қоғамның реформаларға берген бағаларын салыстырды.',
    },
  },
  {
    summary: {
      en: 'The United Children’s and Youth Organization “Zhas Ulan” presented its report on protecting children from bullying.',
      ru: 'Единая детско-юношеская организация «Жас Улан» представила доклад о защите детей от буллинга.',
      kk: '«Жас Ұлан» біріккен балалар мен жастар ұйымы балаларды буллингтен қорғау туралы баяндама жасады.',
    },
    proposals: {
      en: 'The NGO “Kadyr-Kasiyet” presented proposals, highly appreciated by the participants for their novelty and modern approaches.',
      ru: 'ОО «Кадыр-Касиет» представило предложения, высоко оценённые участниками за новизну и современные подходы.',
      kk: '«Қадыр-қасиет» ұсыныстар енгізді, қатысушылар олардың жаңашылдығы мен заманауи тәсілдерін жоғары бағалады.',
    },
    discussion: {
      en: 'The participants presented a large number of specific proposals and methods for implementing reforms.',
      ru: 'Участники представили большое количество конкретных предложений и методов реализации реформ.',
      kk: 'Қатысушылар реформаларды жүзеге асырудың көптеген нақты ұсыныстары мен тәсілдерін ұсынды.',
    },
  },
];

export const DEMO_DECISIONS = [
  {
    item: 0,
    text: {
      en: 'The proposals made on the prevention of torture are forwarded to the Ministry of Internal Affairs and the Prosecutor General’s Office for consideration.',
      ru: 'Предложения по предупреждению пыток направить на рассмотрение в МВД и Генеральную прокуратуру.',
      kk: 'Азаптаудың алдын алу жөніндегі ұсыныстар ІІМ мен Бас прокуратураға қарауға жіберілсін.',
    },
    task: {
      organisation: 'mia',
      deadline: '2022-01-31',
      done: true,
      description: {
        en: 'Consider the NGOs’ proposals on torture prevention and inform the secretariat.',
        ru: 'Рассмотреть предложения НПО по предупреждению пыток и проинформировать секретариат.',
        kk: 'ҮЕҰ-ның азаптаудың алдын алу жөніндегі ұсыныстарын қарап, хатшылықты хабардар ету.',
      },
    },
  },
  {
    item: 1,
    text: {
      en: 'The Ministry of Education is to consider criminal and administrative liability for the bullying of children.',
      ru: 'Министерству просвещения рассмотреть вопрос об ответственности за буллинг детей.',
      kk: 'Оқу-ағарту министрлігі балаларды буллинг үшін жауапкершілік мәселесін қарасын.',
    },
    task: {
      organisation: 'ministry-of-education',
      deadline: '2027-03-31',
      done: false,
      description: {
        en: 'Prepare proposals on liability for bullying of children.',
        ru: 'Подготовить предложения об ответственности за буллинг детей.',
        kk: 'Балаларды буллинг үшін жауапкершілік туралы ұсыныстар дайындау.',
      },
    },
  },
];

/** The source communiqué in English, as published (the Kazakh and Russian are drafted by Kenes). */
export const DEMO_COMMUNIQUE_EN_TITLE =
  'Improvement of legislation on combating torture and protecting children from bullying discussed at the Dialogue Platform on the Human Dimension';

/** The next meeting: announced, a fortnight after the demo is loaded. */
export const DEMO_UPCOMING = {
  daysAhead: 16,
  localTime: '10:00',
  title: {
    kk: 'БҰҰ Азаптауларға қарсы комитетінің ұсынымдарын орындау және буллингтің алдын алу туралы заң жобасы',
    ru: 'Выполнение рекомендаций Комитета ООН против пыток и законопроект о профилактике буллинга',
    en: 'Follow-up to the UN Committee against Torture’s recommendations and the draft law on preventing bullying',
  },
  venue: {
    kk: 'Қазақстан Республикасы Сыртқы істер министрлігі, Астана',
    ru: 'Министерство иностранных дел Республики Казахстан, Астана',
    en: 'Ministry of Foreign Affairs of the Republic of Kazakhstan, Astana',
  },
  onlineUrl: 'https://meet.example.org/dialogue-platform',
  agenda: [
    {
      title: {
        kk: 'Азаптауларға қарсы комитеттің қорытынды ұсынымдарын орындау барысы',
        ru: 'Ход выполнения заключительных замечаний Комитета против пыток',
        en: 'Progress on the Committee against Torture’s concluding observations',
      },
      plannedMinutes: 60,
      presenters: [
        { organisation: 'ministry-of-justice', role: 'report' as const },
        { organisation: 'coalition-against-torture', role: 'proposals' as const },
      ],
    },
    {
      title: {
        kk: 'Буллингтің алдын алу туралы заң жобасы',
        ru: 'Законопроект о профилактике буллинга',
        en: 'The draft law on preventing bullying',
      },
      plannedMinutes: 60,
      presenters: [
        { organisation: 'ministry-of-education', role: 'report' as const },
        { organisation: 'zhas-ulan', role: 'co_report' as const },
        { organisation: 'childrens-ombudsman', role: 'comment' as const },
      ],
    },
  ],
};

/** Proposals made at the source meeting, at different stages (illustrative). */
export const DEMO_PROPOSALS = [
  {
    authors: ['coalition-against-torture', 'kibhr'],
    addressees: [
      {
        organisation: 'mia',
        answer: 'accepted' as const,
        reasons: {
          ru: 'Поддерживаем: определение будет приведено в соответствие со статьёй 1 Конвенции.',
          en: 'Supported: the definition will be aligned with Article 1 of the Convention.',
        },
      },
      { organisation: 'prosecutor-general', answer: null, reasons: {} },
    ],
    agendaItem: 0,
    kind: 'amend_law' as const,
    status: 'assigned' as const,
    themes: ['torture-prevention'],
    deadlineDaysAgo: 10,
    title: {
      kk: 'Қылмыстық кодекстегі азаптау ұғымын Конвенцияға сәйкес келтіру',
      ru: 'Привести определение пытки в Уголовном кодексе в соответствие с Конвенцией',
      en: 'Bring the definition of torture in the Criminal Code in line with the Convention',
    },
    body: {
      ru: 'Предлагаем изложить **статью 146 УК** так, чтобы определение пытки полностью соответствовало статье 1 Конвенции ООН против пыток.',
      en: 'We propose to word **Article 146 of the Criminal Code** so that the definition of torture fully matches Article 1 of the UN Convention against Torture.',
    },
    act: {
      name: {
        ru: 'Уголовный кодекс Республики Казахстан',
        en: 'Criminal Code of the Republic of Kazakhstan',
        kk: 'Қазақстан Республикасының Қылмыстық кодексі',
      },
      number: '226-V',
      article: '146',
    },
  },
  {
    authors: ['kadyr-kasiyet'],
    addressees: [
      {
        organisation: 'ministry-of-education',
        answer: 'partly_accepted' as const,
        reasons: {
          ru: 'Поддерживаем введение административной ответственности; уголовная требует изучения.',
          en: 'We support administrative liability; criminal liability needs study.',
        },
      },
    ],
    agendaItem: 1,
    kind: 'amend_law' as const,
    status: 'in_implementation' as const,
    themes: ['children', 'education'],
    deadlineDaysAgo: 200,
    stages: ['drafted', 'government'] as const,
    title: {
      kk: 'Балаларды буллинг үшін жауапкершілік енгізу',
      ru: 'Ввести ответственность за буллинг детей',
      en: 'Introduce liability for the bullying of children',
    },
    body: {
      ru: 'Предлагаем ввести ответственность за систематическую травлю детей, в том числе в интернете.',
      en: 'We propose liability for the systematic bullying of children, including online.',
    },
    act: {
      name: {
        ru: 'Кодекс об административных правонарушениях',
        en: 'Code of Administrative Offences',
        kk: 'Әкімшілік құқық бұзушылық туралы кодекс',
      },
      number: '235-V',
      article: '',
    },
  },
  {
    authors: ['zhas-ulan'],
    addressees: [{ organisation: 'ministry-of-education', answer: null, reasons: {} }],
    agendaItem: 1,
    kind: 'practice' as const,
    status: 'submitted' as const,
    themes: ['children'],
    deadlineDaysAgo: null,
    title: {
      kk: 'Мектептерде буллингтің алдын алу бағдарламасы',
      ru: 'Программа профилактики буллинга в школах',
      en: 'A programme to prevent bullying in schools',
    },
    body: {
      ru: 'Школьные службы примирения и обучение педагогов в каждом регионе.',
      en: 'School mediation services and teacher training in every region.',
    },
    act: undefined,
  },
];
