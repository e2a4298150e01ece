import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OrganisationCategory } from '../../core/db/schema.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import { LANGS, type Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { DEMO_BODY, DEMO_MEETING, DEMO_ORGANISATIONS } from '../../demo/content.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { type CommuniqueOrganisation, type CommuniqueRecord, draftCommunique, draftCommuniqueAll } from './draft.ts';
import { segments } from './marks.ts';
// Every domain's interface texts, registered as the app registers them.
import '../../domains.ts';

function org(slug: string): CommuniqueOrganisation {
  const found = DEMO_ORGANISATIONS.find((o) => o.slug === slug);
  assert.ok(found, `no demo organisation ${slug}`);
  return { name: found.name, shortName: found.shortName ?? {}, category: found.category };
}

const CHAIR = {
  name: { kk: 'Үсен Сүлейменов', ru: 'Усен Сулейменов', en: 'Usen Suleimenov' },
  position: {
    kk: 'Қазақстан Республикасы Сыртқы істер министрлігінің ерекше тапсырмалар жөніндегі елшісі',
    ru: 'Посол по особым поручениям Министерства иностранных дел Республики Казахстан',
    en: 'Ambassador-at-Large of the Ministry of Foreign Affairs of the Republic of Kazakhstan',
  },
};

/** The meeting of the source document, as the demo holds it, attended by every demo organisation. */
function demoRecord(): CommuniqueRecord {
  return {
    body: { name: DEMO_BODY.name, hostName: org(DEMO_BODY.host).name },
    meeting: {
      number: DEMO_MEETING.number,
      title: DEMO_MEETING.title,
      startsAt: new Date(DEMO_MEETING.startsAt),
      timeZone: DEMO_MEETING.timeZone,
      venue: DEMO_MEETING.venue,
      format: DEMO_MEETING.format,
    },
    chair: CHAIR,
    agenda: DEMO_MEETING.agenda.map((item) => ({
      title: item.title,
      presenters: item.presenters.map((p) => ({ organisation: org(p.organisation), role: p.role })),
    })),
    decisions: [],
    attendees: DEMO_ORGANISATIONS.map((o) => org(o.slug)),
  };
}

/** A record with nothing but a meeting. */
function bareRecord(): CommuniqueRecord {
  return {
    body: { name: {}, hostName: null },
    meeting: {
      number: 3,
      title: {},
      startsAt: new Date('2026-03-02T05:00:00Z'),
      timeZone: 'Asia/Almaty',
      venue: {},
      format: 'online',
    },
    chair: null,
    agenda: [],
    decisions: [],
    attendees: [],
  };
}

/** Flaws that show a sentence was assembled from missing parts. */
function assertClean(text: string, where: string) {
  assertCleanLine(text, where);
  for (const paragraph of text.split('\n\n')) {
    assert.ok(paragraph.trim().length > 0, `${where}: empty paragraph`);
    assert.match(paragraph, /[.!?…»”]$/, `${where}: paragraph does not end a sentence: ${paragraph}`);
  }
}

function assertCleanLine(text: string, where: string) {
  assert.doesNotMatch(text, /undefined|null|NaN|\[object/, `${where}: placeholder in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, / {2}/, `${where}: double space in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, / [,.;:)]/, `${where}: space before punctuation in ${JSON.stringify(text)}`);
  assert.doesNotMatch(text, /[,;:]\s*[,.;:]|,\s*$|\(\s*\)|«\s*»|“\s*”|—\s*[.,]/, `${where}: dangling punctuation`);
  assert.doesNotMatch(text, /^[ \t]|[ \t]$|\n{3}/m, `${where}: stray whitespace`);
  assert.doesNotMatch(text, /[<>*#`]/, `${where}: markup in plain text`);
}

/** The text of a draft outside its marked passages (marks.ts). */
function unmarkedOnly(text: string): string {
  return segments(text)
    .filter((s) => !s.lang)
    .map((s) => s.text)
    .join(' ');
}

/** Whether `text` contains `phrase` not as the tail of a longer number ("1 NGO" is not in "21 NGOs"). */
function hasPhrase(text: string, phrase: string): boolean {
  return new RegExp(`(^|[^\\d\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text);
}

describe('communiqué of the source document', () => {
  const record = demoRecord();
  const draft = (lang: Lang) => {
    const d = draftCommunique(record, lang);
    return { ...d, all: `${d.title}\n\n${d.body}` };
  };
  /** Each language's draft holds its sentence, word for word. */
  const draftsSay = (sentences: Record<Lang, string>) => {
    for (const lang of LANGS) assert.ok(draft(lang).body.includes(sentences[lang]), `${lang}: ${sentences[lang]}`);
  };

  test('the title is the meeting title and the text is clean in every language', () => {
    for (const lang of LANGS) {
      const d = draft(lang);
      assert.equal(d.title, DEMO_MEETING.title[lang]);
      assertCleanLine(d.title, `${lang} title`);
      assertClean(d.body, `${lang} body`);
    }
  });

  test('names the chair with the position, as the source does', () => {
    assert.match(
      draft('kk').body,
      /Отырысты Қазақстан Республикасы Сыртқы істер министрлігінің ерекше тапсырмалар жөніндегі елшісі Үсен Сүлейменов жүргізді\./,
    );
    assert.match(
      draft('ru').body,
      /Председатель заседания — посол по особым поручениям Министерства иностранных дел Республики Казахстан Усен Сулейменов\./,
    );
    assert.match(
      draft('en').body,
      /The meeting was chaired by Ambassador-at-Large of the Ministry of Foreign Affairs of the Republic of Kazakhstan Usen Suleimenov\./,
    );
  });

  test('gives the date in the meeting time zone, the body, its host and the venue', () => {
    for (const lang of LANGS) {
      const { body } = draft(lang);
      assert.ok(body.includes(i18nFor(lang).date('2021-10-15')), `${lang}: date`);
      assert.ok(body.includes(DEMO_BODY.name[lang]), `${lang}: body`);
      assert.ok(body.includes(org('mfa').name[lang] as string), `${lang}: host`);
      assert.ok(body.includes(DEMO_MEETING.venue[lang]), `${lang}: venue`);
    }
    assert.match(draft('kk').body, /2021 ж\. 15 қазан күні «.+» тақырыбында 1-отырысын өткізді\./);
    assert.match(draft('ru').body, /^15 октября 2021 г\. состоялось 1-е заседание на тему «Совершенствование/);
    assert.match(draft('en').body, /^On October 15, 2021, the Consultative and Advisory Body .+ held its 1st meeting/);
  });

  test('gives both agenda items in order, quoted', () => {
    const quotes: Record<Lang, [string, string]> = { kk: ['«', '»'], ru: ['«', '»'], en: ['“', '”'] };
    for (const lang of LANGS) {
      const { body } = draft(lang);
      const [open, close] = quotes[lang];
      const first = body.indexOf(`${open}${DEMO_MEETING.agenda[0]?.title[lang]}${close}`);
      const second = body.indexOf(`${open}${DEMO_MEETING.agenda[1]?.title[lang]}${close}`);
      assert.ok(first > 0 && second > first, `${lang}: agenda items`);
    }
    assert.match(draft('kk').body, /Күн тәртібіндегі бірінші мәселе — «Қазақстан/);
    assert.match(draft('kk').body, /Күн тәртібіндегі екінші мәселе — «Азаптаудан/);
    assert.match(draft('ru').body, /Первый вопрос повестки дня — «Подготовка/);
    assert.match(draft('ru').body, /Второй вопрос повестки дня — «Защита/);
    assert.match(draft('en').body, /The first item on the agenda was “Preparation/);
    assert.match(draft('en').body, /The second item on the agenda was “Protecting/);
  });

  test('the Ministry of Internal Affairs reports for the state on item 1', () => {
    draftsSay({
      kk: 'Мемлекеттік органдар тарапынан Қазақстан Республикасы Ішкі істер министрлігі баяндама жасады.',
      ru: 'С докладом выступил государственный орган — Министерство внутренних дел Республики Казахстан.',
      en: 'On behalf of state bodies, a report was presented by the Ministry of Internal Affairs of the Republic of Kazakhstan.',
    });
  });

  test('the five NGOs make proposals for civil society on item 1', () => {
    const ngos = ['kadyr-kasiyet', 'kibhr', 'coalition-against-torture', 'charter-for-human-rights', 'talap'];
    const names = (lang: Lang) => ngos.map((slug) => org(slug).name[lang] as string);
    draftsSay({
      kk: `Азаматтық сектор тарапынан ${names('kk').slice(0, -1).join(', ')} және ${names('kk')[4]} ұсыныстар енгізді.`,
      ru: `С предложениями выступили неправительственные организации — ${names('ru').slice(0, -1).join(', ')} и ${names('ru')[4]}.`,
      en: `On behalf of civil society, proposals were made by ${names('en')
        .slice(0, -1)
        .map((n) => `the ${n}`)
        .join(', ')}, and the ${names('en')[4]}.`,
    });
  });

  test('Zhas Ulan reports on item 2 and Kadyr-Kasiyet proposes', () => {
    draftsSay({
      kk: 'Азаматтық сектор тарапынан «Жас Ұлан» біріккен балалар мен жастар ұйымы баяндама жасады, ал «Қадыр-қасиет» қоғамдық бірлестігі ұсыныстар енгізді.',
      ru: 'С докладом выступила неправительственная организация — Единая детско-юношеская организация «Жас Улан», а с предложениями — Общественное объединение «Кадыр-Касиет».',
      en: 'On behalf of civil society, a report was presented by the United Children’s and Youth Organization “Zhas Ulan”, and proposals were made by the NGO “Kadyr-Kasiyet”.',
    });
  });

  test('mentions the open discussion after the items', () => {
    for (const [lang, phrase] of [
      ['kk', 'Сөз сөйлеулерден кейін ашық пікірталас өтті.'],
      ['ru', 'После выступлений состоялась открытая дискуссия.'],
      ['en', 'The presentations were followed by an open discussion.'],
    ] as const) {
      const { body } = draft(lang);
      assert.ok(body.indexOf(phrase) > body.indexOf(DEMO_MEETING.agenda[1]?.title[lang] ?? '?'), lang);
    }
  });

  test('summarises attendance: names courts and NHRIs, counts state bodies and NGOs, lists partners', () => {
    draftsSay({
      kk:
        'Отырысқа Парламент депутаттары, Қазақстан Республикасының Жоғарғы Соты, Қазақстан Республикасының Конституциялық Соты, ' +
        'Қазақстан Республикасындағы Адам құқықтары жөніндегі уәкіл, Қазақстан Республикасының Президенті жанындағы Адам құқықтары жөніндегі комиссия, ' +
        'Қазақстан Республикасындағы Бала құқықтары жөніндегі уәкіл, 7 мемлекеттік орган, 6 үкіметтік емес ұйым, сондай-ақ халықаралық серіктестер ' +
        '(БҰҰДБ, ЕҚЫҰ, ЕО, АҚШ-тың Қазақстандағы елшілігі, Канаданың Қазақстандағы елшілігі және USAID) қатысты.',
      ru:
        'Среди участников заседания — депутаты Парламента, Верховный Суд Республики Казахстан, Конституционный Суд Республики Казахстан, ' +
        'Уполномоченный по правам человека в Республике Казахстан, Комиссия по правам человека при Президенте Республики Казахстан, ' +
        'Уполномоченный по правам ребёнка в Республике Казахстан, 7 государственных органов, 6 неправительственных организаций, ' +
        'а также международные партнёры: ПРООН, ОБСЕ, ЕС, Посольство США в Казахстане, Посольство Канады в Казахстане и USAID.',
      en:
        'The meeting was attended by deputies of Parliament and representatives of the Supreme Court of the Republic of Kazakhstan, ' +
        'the Constitutional Court of the Republic of Kazakhstan (formerly the Constitutional Council), ' +
        'the Commissioner for Human Rights in the Republic of Kazakhstan, the Human Rights Commission under the President of the Republic of Kazakhstan, ' +
        "the Commissioner for Children's Rights in the Republic of Kazakhstan, 7 state bodies, and 6 NGOs, " +
        'as well as international partners: UNDP, OSCE, EU, the Embassy of the United States in Kazakhstan, the Embassy of Canada to Kazakhstan, and USAID.',
    });
  });

  test('puts the paragraphs in the order of the source', () => {
    const { body } = draft('en');
    const order = ['On October 15', 'chaired by', 'first item', 'second item', 'open discussion', 'attended by'];
    const at = order.map((s) => body.indexOf(s));
    assert.ok(
      at.every((p, i) => p >= 0 && (i === 0 || p > (at[i - 1] ?? 0))),
      `order: ${at.join(', ')}`,
    );
    assert.equal(body.split('\n\n').length, 6);
  });

  test('draftCommuniqueAll gives the three drafts', () => {
    const all = draftCommuniqueAll(record);
    for (const lang of LANGS) {
      assert.equal(all.title[lang], draftCommunique(record, lang).title);
      assert.equal(all.body[lang], draftCommunique(record, lang).body);
    }
    assert.notEqual(all.body.kk, all.body.ru);
  });
});

describe('communiqué wording', () => {
  function attendedBy(counts: Partial<Record<OrganisationCategory, number>>): CommuniqueRecord {
    const attendees: CommuniqueOrganisation[] = [];
    for (const [category, n] of Object.entries(counts) as [OrganisationCategory, number][]) {
      for (let i = 0; i < n; i++) attendees.push({ name: { en: `${category} ${i}` }, shortName: {}, category });
    }
    return { ...bareRecord(), attendees };
  }

  test('counts state bodies and NGOs with the plural forms of each language', () => {
    const expected: Record<number, Record<Lang, [string, string]>> = {
      1: {
        ru: ['1 государственный орган', '1 неправительственная организация'],
        kk: ['1 мемлекеттік орган', '1 үкіметтік емес ұйым'],
        en: ['1 state body', '1 NGO'],
      },
      2: {
        ru: ['2 государственных органа', '2 неправительственные организации'],
        kk: ['2 мемлекеттік орган', '2 үкіметтік емес ұйым'],
        en: ['2 state bodies', '2 NGOs'],
      },
      5: {
        ru: ['5 государственных органов', '5 неправительственных организаций'],
        kk: ['5 мемлекеттік орган', '5 үкіметтік емес ұйым'],
        en: ['5 state bodies', '5 NGOs'],
      },
      21: {
        ru: ['21 государственный орган', '21 неправительственная организация'],
        kk: ['21 мемлекеттік орган', '21 үкіметтік емес ұйым'],
        en: ['21 state bodies', '21 NGOs'],
      },
    };
    for (const [n, byLang] of Object.entries(expected)) {
      const record = attendedBy({ state_body: Number(n), ngo: Number(n) });
      for (const lang of LANGS) {
        const { body } = draftCommunique(record, lang);
        for (const phrase of byLang[lang]) assert.ok(hasPhrase(body, phrase), `${lang} ${n}: "${phrase}" in ${body}`);
        assertClean(body, `${lang} ${n}`);
      }
    }
  });

  test('on an item, reports come before proposals and comments, whoever gives them', () => {
    const record: CommuniqueRecord = {
      ...bareRecord(),
      agenda: [
        {
          title: { en: 'Bullying' },
          presenters: [
            { organisation: org('ministry-of-education'), role: 'comment' },
            {
              organisation: { name: { en: 'Amnesty International' }, shortName: {}, category: 'other' },
              role: 'report',
            },
            { organisation: org('zhas-ulan'), role: 'report' },
          ],
        },
      ],
    };
    const en = draftCommunique(record, 'en').body;
    assert.ok(
      en.includes(
        'The agenda had one item: “Bullying”. On behalf of civil society, a report was presented by the United Children’s and Youth Organization “Zhas Ulan”. ' +
          'A report was presented by Amnesty International. On behalf of state bodies, comments were made by the Ministry of Education of the Republic of Kazakhstan.',
      ),
      en,
    );
    const kk = draftCommunique(record, 'kk').body;
    assert.ok(
      // A name only in English, in the Kazakh draft: marked as an English passage (issue 13).
      kk.includes(
        'баяндама жасады. Сондай-ақ [[en: Amnesty International]] баяндама жасады. Мемлекеттік органдар тарапынан',
      ),
      kk,
    );
    const ru = draftCommunique(record, 'ru').body;
    assert.ok(
      ru.includes(
        'С докладом выступила организация — [[en: Amnesty International]]. С комментариями выступил государственный орган — Министерство просвещения Республики Казахстан.',
      ),
      ru,
    );
  });

  test('a single international partner, alone, still reads as a sentence', () => {
    const record: CommuniqueRecord = { ...bareRecord(), attendees: [org('undp')] };
    assert.match(draftCommunique(record, 'ru').body, /Среди участников заседания — международный партнёр: ПРООН\.$/);
    assert.match(draftCommunique(record, 'kk').body, /Отырысқа халықаралық серіктес \(БҰҰДБ\) қатысты\.$/);
    assert.match(draftCommunique(record, 'en').body, /The meeting was attended by an international partner: UNDP\.$/);
  });

  test('the date is the calendar date in the meeting time zone', () => {
    const record = demoRecord();
    record.meeting.startsAt = new Date('2021-10-15T19:30:00Z'); // 01:30 on the 16th in Almaty (UTC+6 then)
    for (const lang of LANGS) {
      const { body } = draftCommunique(record, lang);
      assert.ok(body.includes(i18nFor(lang).date('2021-10-16')), `${lang}: ${body.slice(0, 80)}`);
      assert.ok(!body.includes(i18nFor(lang).date('2021-10-15')), lang);
    }
  });

  test('decisions are listed, one inline or several numbered', () => {
    const one = { ...demoRecord(), decisions: [{ ru: 'Министерству просвещения рассмотреть предложения НПО' }] };
    assert.match(
      draftCommunique(one, 'ru').body,
      /По итогам заседания принято решение: Министерству просвещения рассмотреть предложения НПО\.\n\nСреди/,
    );
    const two = {
      ...demoRecord(),
      decisions: [
        {
          en: 'The Ministry of Education to consider the proposals.',
          kk: 'Оқу-ағарту министрлігі ұсыныстарды қарасын.',
        },
        { en: 'The secretariat to circulate the minutes by 1 November' },
      ],
    };
    const en = draftCommunique(two, 'en').body;
    assert.match(
      en,
      /\n\nThe following decisions were adopted:\n1\. The Ministry of Education to consider the proposals\.\n2\. The secretariat to circulate the minutes by 1 November\.\n\n/,
    );
    assert.match(
      draftCommunique(two, 'kk').body,
      /мынадай шешімдер қабылданды:\n1\. Оқу-ағарту министрлігі ұсыныстарды қарасын\.\n2\. \[\[en: The secretariat to circulate the minutes by 1 November\]\]\.\n/,
    );
    assertClean(en, 'decisions');
  });

  test('a record with no chair, no presenters and no attendees still reads well', () => {
    const records: [string, CommuniqueRecord][] = [
      ['bare', bareRecord()],
      [
        'items without presenters',
        {
          ...bareRecord(),
          body: { name: DEMO_BODY.name, hostName: null },
          meeting: { ...bareRecord().meeting, title: { ru: 'Итоги года' }, venue: { en: 'Zoom' }, format: 'hybrid' },
          agenda: [
            { title: { en: 'Annual report.' }, presenters: [] },
            { title: {}, presenters: [] },
          ],
        },
      ],
      ['one untitled item', { ...bareRecord(), agenda: [{ title: {}, presenters: [] }] }],
      [
        'nameless everything',
        {
          ...bareRecord(),
          meeting: {
            ...bareRecord().meeting,
            number: Number.NaN,
            startsAt: new Date('invalid'),
            timeZone: 'Nowhere/Else',
          },
          chair: { name: {}, position: { en: 'Chair' } },
          agenda: [
            {
              title: { ru: ' ' },
              presenters: [{ organisation: { name: {}, shortName: {}, category: 'ngo' }, role: 'report' }],
            },
          ],
          decisions: [{}, { kk: '  ' }],
          attendees: [{ name: {}, shortName: {}, category: 'judiciary' }],
        },
      ],
    ];
    for (const [label, record] of records) {
      for (const lang of LANGS) {
        const { title, body } = draftCommunique(record, lang);
        assert.ok(title.trim().length > 0, `${label} ${lang}: empty title`);
        assertCleanLine(title, `${label} ${lang} title`);
        assertClean(body, `${label} ${lang} body`);
        assert.doesNotMatch(
          body,
          /Председатель|Отырысты .* жүргізді|chaired/,
          `${label} ${lang}: chair sentence without chair`,
        );
        assert.doesNotMatch(
          body,
          /Среди участников|Отырысқа .* қатысты|attended by/,
          `${label} ${lang}: empty attendance`,
        );
      }
    }
    assert.equal(draftCommunique(bareRecord(), 'ru').title, 'Заседание № 3');
    assert.equal(draftCommunique(bareRecord(), 'kk').title, '№ 3 отырыс');
    assert.equal(draftCommunique(bareRecord(), 'en').title, 'Meeting No. 3');
    assert.equal(
      draftCommunique(bareRecord(), 'ru').body,
      `${i18nFor('ru').date('2026-03-02')} состоялось очередное 3-е заседание. Заседание прошло в онлайн-формате.`,
    );
    assert.equal(
      draftCommunique(bareRecord(), 'kk').body,
      `${i18nFor('kk').date('2026-03-02')} күні кезекті 3-отырыс өткізілді. Отырыс онлайн форматта өтті.`,
    );
    assert.equal(
      draftCommunique(bareRecord(), 'en').body,
      `The 3rd meeting took place on ${i18nFor('en').date('2026-03-02')}. The meeting was held online.`,
    );
  });

  test('names only in Russian are used in the Kazakh and English drafts, each marked as Russian', () => {
    const ruOnly = (t: Translated): Translated => ({ ru: t.ru });
    const only = (o: CommuniqueOrganisation): CommuniqueOrganisation => ({
      ...o,
      name: ruOnly(o.name),
      shortName: ruOnly(o.shortName),
    });
    const full = demoRecord();
    const record: CommuniqueRecord = {
      body: { name: ruOnly(full.body.name), hostName: ruOnly(org('mfa').name) },
      meeting: { ...full.meeting, title: ruOnly(full.meeting.title), venue: ruOnly(full.meeting.venue) },
      chair: { name: ruOnly(CHAIR.name), position: ruOnly(CHAIR.position) },
      agenda: full.agenda.map((i) => ({
        title: ruOnly(i.title),
        presenters: i.presenters.map((p) => ({ ...p, organisation: only(p.organisation) })),
      })),
      decisions: [{ ru: 'Продолжить совместную работу' }],
      attendees: full.attendees.map(only),
    };
    for (const lang of ['kk', 'en'] as const) {
      const { title, body } = draftCommunique(record, lang);
      assert.equal(title, `[[ru: ${DEMO_MEETING.title.ru}]]`);
      for (const name of [
        'Министерство внутренних дел Республики Казахстан',
        'Общественное объединение «Кадыр-Касиет»',
        'Единая детско-юношеская организация «Жас Улан»',
        'Консультативно-совещательный орган «Диалоговая площадка по человеческому измерению»',
        'Усен Сулейменов',
        'Верховный Суд Республики Казахстан',
        'ПРООН',
        'Продолжить совместную работу',
      ]) {
        assert.ok(body.includes(`[[ru: ${name}`), `${lang}: ${name} marked`);
      }
      // Nothing in Cyrillic stands unmarked in the English draft (Kazakh is written in Cyrillic too).
      if (lang === 'en') assert.doesNotMatch(unmarkedOnly(body), /[а-яё]/i, 'en: unmarked Russian');
      assertClean(body, `${lang} from Russian`);
    }
    // A Russian job title keeps its capital letter outside Russian text ("Посол …", not "посол …").
    assert.ok(draftCommunique(record, 'en').body.includes('chaired by [[ru: Посол по особым поручениям'));
    assert.ok(draftCommunique(record, 'kk').body.includes('([[ru: ПРООН]], [[ru: ОБСЕ]], [[ru: ЕС]],'));
  });

  test('naughty strings as names appear verbatim and never produce undefined or null', () => {
    const base = demoRecord();
    for (const s of naughtyStrings()) {
      if (s.trim() === '') continue;
      const name: Translated = { kk: s, ru: s, en: s };
      const record: CommuniqueRecord = {
        ...base,
        agenda: [
          {
            title: name,
            presenters: [
              { organisation: { name, shortName: {}, category: 'ngo' }, role: 'proposals' },
              { organisation: { name, shortName: {}, category: 'state_body' }, role: 'report' },
            ],
          },
        ],
        attendees: [
          { name, shortName: {}, category: 'judiciary' },
          { name: { en: 'Partner' }, shortName: name, category: 'international' },
        ],
      };
      for (const lang of LANGS) {
        const { title, body } = draftCommunique(record, lang);
        const expected = s.trim();
        const occurrences = body.split(expected).length - 1;
        assert.ok(occurrences >= 4, `${lang}: ${JSON.stringify(s)} appears ${occurrences} times`);
        const rest = `${title}\n${body}`.split(expected).join('');
        assert.doesNotMatch(rest, /undefined|null/i, `${lang}: ${JSON.stringify(s)}`);
      }
    }
  });
});
