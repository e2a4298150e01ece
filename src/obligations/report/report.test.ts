import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { compareParagraphs } from './compile.ts';
import { wordSafe } from './docx.ts';
import { DOCX_TYPE } from './docx-file.ts';
import { addRecommendations, assessingOrganisations, insertCycle } from './fixtures.ts';
import { paragraphsOf } from './labels.ts';

const json = (value: unknown) => JSON.stringify(value);

let t: TestApp;
let cycleId: string;
/** The recommendations of the cycle, by paragraph. */
const rec: Record<string, string> = {};
let orgs: Awaited<ReturnType<typeof assessingOrganisations>>;

const TEXT = {
  p2: {
    en: 'Criminalise torture in line with article 1 of the Convention.',
    ru: 'Криминализировать пытки в соответствии со статьёй 1 Конвенции.',
    kk: 'Конвенцияның 1-бабына сәйкес азаптауды қылмыс деп тану.',
  },
  p12: { en: 'Investigate every allegation of torture promptly and impartially.' },
  p12a: {
    en: 'Record every detention from the moment of arrest.',
    ru: 'Регистрировать каждое задержание с момента ареста.',
  },
  p13: {
    en: 'Guarantee access to a lawyer from the first hour.',
    ru: 'Гарантировать доступ к адвокату с первого часа.',
    kk: 'Алғашқы сағаттан бастап адвокатқа қол жеткізуге кепілдік беру.',
  },
  none: {
    en: 'Ratify the Optional Protocol on a communications procedure.',
    ru: 'Ратифицировать Факультативный протокол о процедуре сообщений.',
    kk: 'Хабарламалар рәсімі туралы факультативтік хаттаманы ратификациялау.',
  },
};

before(async () => {
  t = await createTestApp();
  const db = t.db;
  orgs = await assessingOrganisations(db);
  cycleId = await insertCycle(db, 4, {
    en: 'Fourth periodic report',
    ru: 'Четвёртый периодический доклад',
    kk: 'Төртінші мерзімдік баяндама',
  });
  const cat = await db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
  const cluster = await db
    .insertInto('recommendation_clusters')
    // No Kazakh title: a Kazakh reader sees the Russian one, marked.
    .values({ title: json({ en: 'Safeguards in custody', ru: 'Гарантии при задержании' }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const add = async (key: string, paragraph: string | null, text: object, clusterId: string | null) => {
    const r = await db
      .insertInto('recommendations')
      .values({
        source_key: `report-test-${key}`,
        state_code: 'KZ',
        mechanism_id: cat.id,
        cycle_id: cycleId,
        symbol: 'CAT/C/KAZ/CO/3',
        paragraph,
        text: json(text),
        response: key === 'none' ? null : 'supported',
        cluster_id: clusterId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    rec[key] = r.id;
  };
  // Inserted out of order: the report orders them 2, 12, 12(a), 13, then the one without a paragraph.
  await add('p13', '13', TEXT.p13, cluster.id);
  await add('none', null, TEXT.none, null);
  await add('p12a', '12(a)', TEXT.p12a, cluster.id);
  await add('p2', '2', TEXT.p2, null);
  await add('p12', '12', TEXT.p12, null);

  const own = await db
    .insertInto('implementation_actions')
    .values({
      recommendation_id: rec.p12,
      title: json({
        en: 'Independent investigation unit set up',
        ru: 'Создано независимое следственное подразделение',
      }),
      description: json({ en: 'A unit of the prosecutor’s office investigates complaints against the police.' }),
      responsible_id: orgs.state,
      deadline: '2026-12-31',
      indicator: json({ en: 'Complaints investigated within 30 days', ru: 'Жалобы, расследованные в течение 30 дней' }),
      status: 'in_progress',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('action_progress_reports')
    .values([
      {
        action_id: own.id,
        reported_on: '2026-03-01',
        text: json({ en: 'The unit started work in Almaty.', ru: 'Подразделение начало работу в Алматы.' }),
        links: ['https://example.org/unit-order', 'javascript:alert(1)'],
      },
      {
        action_id: own.id,
        reported_on: '2026-09-01',
        // Russian only: an English reader sees it marked.
        text: json({ ru: 'Подразделение расследовало 45 жалоб.' }),
      },
    ])
    .execute();
  const shared = await db
    .insertInto('implementation_actions')
    .values({
      cluster_id: cluster.id,
      title: json({
        en: 'Electronic register of detentions',
        ru: 'Электронный реестр задержаний',
        kk: 'Ұсталғандардың электрондық тізілімі',
      }),
      responsible_id: orgs.state,
      deadline: null,
      status: 'completed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('action_progress_reports')
    .values({
      action_id: shared.id,
      reported_on: '2026-05-20',
      text: json({
        en: 'The register covers all police stations.',
        ru: 'Реестр охватывает все отделы полиции.',
        kk: 'Тізілім барлық полиция бөлімдерін қамтиды.',
      }),
    })
    .execute();

  const assess = (key: string, side: 'state' | 'civil_society' | 'nhri', level: string, reasons: object) => ({
    recommendation_id: rec[key] as string,
    organisation_id: orgs[side],
    side,
    level: level as 'implemented',
    reasons: json(reasons),
    assessed_on: '2026-10-01',
  });
  await db
    .insertInto('recommendation_assessments')
    .values([
      // 13: the state says implemented, civil society only partly: they differ.
      assess('p13', 'state', 'implemented', { en: 'Lawyers are on duty in every station.' }),
      assess('p13', 'civil_society', 'partly_implemented', { en: 'Monitors found no lawyer in 3 of 10 stations.' }),
      // 12(a): all three agree.
      assess('p12a', 'state', 'in_progress', { en: 'The register is being rolled out.' }),
      assess('p12a', 'civil_society', 'in_progress', { en: 'Rolled out in half of the regions.' }),
      assess('p12a', 'nhri', 'in_progress', { en: 'Confirmed during visits.' }),
      // 12: the state and the NHRI differ.
      assess('p12', 'state', 'implemented', { en: 'The unit works.', ru: 'Подразделение работает.' }),
      assess('p12', 'nhri', 'not_started', { en: 'The unit is not independent.', ru: 'Подразделение не независимо.' }),
      // 2: only the state: nothing to differ from.
      assess('p2', 'state', 'partly_implemented', { en: 'A draft law is in Parliament.' }),
    ])
    .execute();
});
after(() => t.close());

/** The paragraphs of a DOCX's body: their style and their text (line breaks as \n, tabs as \t). */
function docxParagraphs(xml: string): { style: string; text: string }[] {
  const out: { style: string; text: string }[] = [];
  const parser = new SaxesParser({ xmlns: false });
  let current: { style: string; text: string } | undefined;
  let inText = false;
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') current = { style: '', text: '' };
    else if (tag.name === 'w:pStyle' && current) current.style = String(tag.attributes['w:val']);
    else if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:br' && current) current.text += '\n';
    else if (tag.name === 'w:tab' && current && !inText) current.text += '\t';
  });
  parser.on('text', (text) => {
    if (inText && current) current.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:p' && current) {
      out.push(current);
      current = undefined;
    }
  });
  parser.write(xml).close();
  return out;
}

async function docx(url: string) {
  const res = await t.app.inject({ url });
  assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
  const files = unzipSync(new Uint8Array(res.rawPayload));
  const xml = strFromU8(files['word/document.xml'] as Uint8Array);
  return { res, files, xml, paragraphs: docxParagraphs(xml) };
}

describe('draft national report (HTML)', () => {
  test('lists the recommendations in paragraph order, the cluster under its title, in English', async () => {
    const res = await t.app.inject({ url: `/en/cycles/${cycleId}/report` });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    const doc = parseHtml(res.body);
    assert.equal(textOf(doc.querySelector('h1')), 'Draft national report');
    const facts = textOf(doc.querySelector('dl.facts'));
    assert.match(facts, /Fourth periodic report/);
    assert.match(facts, /Committee against Torture \(CAT\)/);
    assert.match(facts, /Kazakhstan/);
    assert.match(facts, /5 recommendations/);
    const article = doc.querySelector('article.national-report');
    assert.ok(article);
    const headings = article.querySelectorAll('h2, h3').map((h) => `${h.tagName}:${textOf(h)}`);
    assert.deepEqual(
      headings.filter((h) => !/Measures|Assessments/.test(h)),
      [
        'H2:CAT/C/KAZ/CO/3, paragraph 2',
        'H2:CAT/C/KAZ/CO/3, paragraph 12',
        'H2:Safeguards in custody',
        'H3:CAT/C/KAZ/CO/3, paragraph 12(a)',
        'H3:CAT/C/KAZ/CO/3, paragraph 13',
        'H2:CAT/C/KAZ/CO/3',
      ],
    );
    // The cluster's own measure is shown once, at the cluster, before its recommendations.
    const cluster = article.querySelector('section.report-cluster');
    assert.ok(cluster);
    assert.match(textOf(cluster.querySelector('h3')), /Measures taken for the whole group/);
    assert.match(
      textOf(cluster.querySelector('ul.report-actions')),
      /Electronic register of detentions\s*Responsible\s*Ministry of Internal Affairs\s*Deadline\s*none set\s*Status\s*Completed\s*Progress reported\s*May 20, 2026: The register covers all police stations/,
    );
    for (const text of Object.values(TEXT)) assert.match(textOf(article), new RegExp(text.en.replace(/[()]/g, '.')));

    // The state's narrative: the measure, who is responsible, deadline, indicator, progress with links.
    const p12 = doc.querySelector(`#recommendation-${rec.p12}`);
    assert.ok(p12);
    const measures = textOf(p12.querySelector('ul.report-actions'));
    assert.match(measures, /Independent investigation unit set up/);
    assert.match(measures, /A unit of the prosecutor’s office investigates complaints/);
    assert.match(measures, /Responsible\s*Ministry of Internal Affairs/);
    assert.match(measures, /Deadline\s*December 31, 2026/);
    assert.match(measures, /Status\s*In progress/);
    assert.match(measures, /Indicator\s*Complaints investigated within 30 days/);
    assert.match(measures, /March 1, 2026: The unit started work in Almaty/);
    const links = p12.querySelectorAll('ul.report-progress a').map((a) => a.getAttribute('href'));
    assert.deepEqual(links, ['https://example.org/unit-order'], 'only web links become links');
    assert.match(measures, /javascript:alert\(1\)/, 'other links are shown as text');

    // The assessments in a table, by side.
    const rows = p12
      .querySelectorAll('table.report-assessments tbody tr')
      .map((tr) => tr.querySelectorAll('th, td').map((c) => textOf(c)));
    assert.deepEqual(rows, [
      [
        'State body (self-assessment)',
        'Ministry of Internal Affairs',
        'Implemented',
        'The unit works.',
        'October 1, 2026',
      ],
      [
        'National human-rights institution',
        'Human Rights Commissioner',
        'Not started',
        'The unit is not independent.',
        'October 1, 2026',
      ],
    ]);
    assert.equal(p12.querySelectorAll('table.report-assessments thead th[scope=col]').length, 5);
    assert.match(textOf(doc.querySelector(`#recommendation-${rec.none}`)), /Not assessed yet\..*/);
    assert.match(textOf(doc.querySelector(`#recommendation-${rec.none}`)), /No measures have been recorded/);
    assert.match(
      textOf(doc.querySelector(`#recommendation-${rec.none}`)),
      /Response of the State: No response recorded/,
    );

    // The DOCX and the civil-society view are a click away.
    const hrefs = doc.querySelectorAll('a').map((a) => a.getAttribute('href'));
    assert.ok(hrefs.includes(`/en/cycles/${cycleId}/report.docx`));
    assert.ok(hrefs.includes(`/en/cycles/${cycleId}/report/civil-society`));
  });

  test('is written in the page language and marks each text that had to fall back', async () => {
    const ru = parseHtml((await t.app.inject({ url: `/ru/cycles/${cycleId}/report` })).body);
    assert.equal(ru.querySelector('html')?.getAttribute('lang'), 'ru');
    assert.equal(textOf(ru.querySelector('h1')), 'Проект национального доклада');
    const article = ru.querySelector('article.national-report');
    assert.ok(article);
    assert.match(textOf(article), /Криминализировать пытки/);
    assert.match(textOf(article), /Гарантии при задержании/);
    assert.match(textOf(article), /Принятые меры/);
    assert.match(textOf(article), /Оценки выполнения/);
    assert.match(textOf(article), /Самооценка|Государственный орган/);
    // Paragraph 12 exists only in English: shown in English, with lang="en" and the mark.
    const p12 = ru.querySelector(`#recommendation-${rec.p12} blockquote`);
    assert.ok(p12);
    assert.equal(p12.querySelector('div')?.getAttribute('lang'), 'en');
    assert.match(textOf(p12), /Investigate every allegation of torture.*\(нет перевода\)/);
    // Every fallback is marked once, and the note at the top counts them.
    const marks = article.querySelectorAll('small.untranslated').filter((s) => !s.closest('.fallback-note'));
    assert.ok(marks.length >= 5, `${marks.length} marks`);
    assert.match(textOf(ru.querySelector('.fallback-note')), new RegExp(`^${marks.length} текст.* не переведен`));

    const kk = parseHtml((await t.app.inject({ url: `/kk/cycles/${cycleId}/report` })).body);
    assert.equal(textOf(kk.querySelector('h1')), 'Ұлттық баяндаманың жобасы');
    const cluster = kk.querySelector('section.report-cluster h2');
    assert.equal(cluster?.querySelector('span')?.getAttribute('lang'), 'ru');
    assert.match(textOf(cluster), /Гарантии при задержании \(аударылмаған\)/);
    assert.match(textOf(kk.querySelector(`#recommendation-${rec.p2}`)), /Конвенцияның 1-бабына сәйкес/);

    // A text in the page's language carries no mark; in English only the Russian-only progress falls back.
    const en = parseHtml((await t.app.inject({ url: `/en/cycles/${cycleId}/report` })).body);
    const enMarks = en.querySelectorAll('article small.untranslated').filter((s) => !s.closest('.fallback-note'));
    assert.deepEqual(
      enMarks.map((s) => textOf(s.parentNode)),
      ['September 1, 2026: Подразделение расследовало 45 жалоб. (not translated)'],
    );
    assert.match(textOf(en.querySelector('.fallback-note')), /^1 text has not been translated into English/);
  });

  test('an unknown cycle is 404, an id that is not a number is 404, in every route', async () => {
    for (const suffix of ['report', 'report.docx', 'report/civil-society', 'report/civil-society.docx']) {
      for (const id of ['999999999', 'abc', '0', '1e3', '99999999999999999999999', '-1', '%20']) {
        const res = await t.app.inject({ url: `/en/cycles/${id}/${suffix}` });
        assert.equal(res.statusCode, 404, `${id}/${suffix}`);
        assert.match(String(res.headers['content-type']), /text\/html/);
      }
    }
    const ru = await t.app.inject({ url: '/ru/cycles/999999/report' });
    assert.equal(textOf(parseHtml(ru.body).querySelector('h1')), 'Страница не найдена');
  });

  test('runs the same few queries however many recommendations, actions and assessments there are', async () => {
    const other = await insertCycle(t.db, 5, { en: 'Fifth periodic report' });
    await addRecommendations(t.db, other, 3, { actions: 1, progress: 1 });
    // The DOCX routes' rate limit counts in PostgreSQL too: those are not the report's queries.
    const count = async (url: string) => {
      t.queries.length = 0;
      const res = await t.app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      return t.queries.filter((q) => !q.includes('rate_limits')).length;
    };
    const urls = ['report', 'report.docx', 'report/civil-society', 'report/civil-society.docx'].map(
      (s) => `/en/cycles/${other}/${s}`,
    );
    const before: number[] = [];
    for (const u of urls) before.push(await count(u));
    await addRecommendations(t.db, other, 40, { actions: 3, progress: 3, from: 100 });
    const after: number[] = [];
    for (const u of urls) after.push(await count(u));
    assert.deepEqual(after, before);
    for (const n of before) assert.ok(n <= 4, `${n} queries`);
  });
});

describe('draft national report (DOCX)', () => {
  test('is a Word document with the title, headings, texts and the assessment table', async () => {
    const { res, files, xml, paragraphs } = await docx(`/en/cycles/${cycleId}/report.docx`);
    assert.equal(res.headers['content-type'], DOCX_TYPE);
    assert.equal(res.headers['content-disposition'], `attachment; filename="national-report-cycle-${cycleId}-en.docx"`);
    assert.ok(files['[Content_Types].xml'] && files['word/styles.xml']);
    const styled = (style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    assert.deepEqual(styled('Title'), ['Draft national report']);
    // Real Word headings, so that the table of contents (a TOC field over levels 1–2) lists them.
    assert.deepEqual(styled('Heading1'), [
      'CAT/C/KAZ/CO/3, paragraph 2',
      'CAT/C/KAZ/CO/3, paragraph 12',
      'Safeguards in custody',
      'CAT/C/KAZ/CO/3',
    ]);
    assert.deepEqual(styled('Heading2'), ['CAT/C/KAZ/CO/3, paragraph 12(a)', 'CAT/C/KAZ/CO/3, paragraph 13']);
    assert.match(xml, /<w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    assert.match(strFromU8(files['word/styles.xml'] as Uint8Array), /w:styleId="Heading1"/);
    assert.deepEqual(styled('RecommendationText'), [TEXT.p2.en, TEXT.p12.en, TEXT.p12a.en, TEXT.p13.en, TEXT.none.en]);
    const all = paragraphs.map((p) => p.text);
    assert.ok(all.includes('Reporting cycle: Fourth periodic report'));
    assert.ok(all.some((p) => /^Compiled on \w+ \d+, \d{4}$/.test(p)));
    assert.ok(all.includes('Responsible: Ministry of Internal Affairs'));
    assert.ok(
      all.includes(
        'March 1, 2026: The unit started work in Almaty. (Evidence: https://example.org/unit-order, javascript:alert(1))',
      ),
    );
    assert.ok(all.includes('September 1, 2026: Подразделение расследовало 45 жалоб. (not translated)'));
    // The assessments as a table with a repeated header row.
    assert.match(xml, /<w:tbl>/);
    assert.match(xml, /<w:tblHeader\/>/);
    for (const cell of [
      'Assessed by',
      'Organisation',
      'Assessment',
      'Reasons',
      'Date',
      'Monitors found no lawyer in 3 of 10 stations.',
      'Partly implemented',
    ])
      assert.ok(all.includes(cell), cell);
    // Only web links are hyperlinks.
    const rels = strFromU8(files['word/_rels/document.xml.rels'] as Uint8Array);
    assert.match(rels, /Target="https:\/\/example.org\/unit-order"/);
    assert.doesNotMatch(rels, /javascript/);
  });

  test('follows the page language, with the fallback runs in their own language', async () => {
    const { res, xml, paragraphs } = await docx(`/kk/cycles/${cycleId}/report.docx`);
    assert.equal(res.headers['content-disposition'], `attachment; filename="national-report-cycle-${cycleId}-kk.docx"`);
    const all = paragraphs.map((p) => p.text);
    assert.ok(all.includes('Ұлттық баяндаманың жобасы'));
    assert.ok(all.includes(TEXT.p2.kk));
    assert.ok(all.includes(`${TEXT.p12a.ru} (аударылмаған)`), 'the Russian text, marked');
    assert.ok(all.includes('Гарантии при задержании (аударылмаған)'));
    assert.match(xml, /<w:lang w:val="ru-RU"\/>/);
  });
});

test('a visitor may download a cycle DOCX 30 times a minute, then is told to wait', async () => {
  const small = await insertCycle(t.db, 11, { en: 'Eleventh periodic report' });
  await addRecommendations(t.db, small, 1, { actions: 1, progress: 1 });
  const get = (lang: string) =>
    t.app.inject({ url: `/${lang}/cycles/${small}/report.docx`, remoteAddress: '127.0.0.11' });
  for (let i = 0; i < 30; i++) assert.equal((await get('en')).statusCode, 200, `download ${i + 1}`);
  const refused = await get('en');
  assert.equal(refused.statusCode, 429);
  assert.match(String(refused.headers['content-type']), /text\/html/);
  assert.match(textOf(parseHtml(refused.body).querySelector('main')), /Too many requests|try again/i);
  // Another visitor is not held up.
  const other = await t.app.inject({ url: `/en/cycles/${small}/report.docx`, remoteAddress: '127.0.0.12' });
  assert.equal(other.statusCode, 200);
});

describe('civil-society view', () => {
  const sectionIds = (html: string) =>
    parseHtml(html)
      .querySelectorAll('article section.report-recommendation')
      .map((s) => s.getAttribute('id'));

  test('lists by default exactly the recommendations whose assessments differ, side by side', async () => {
    const res = await t.app.inject({ url: `/en/cycles/${cycleId}/report/civil-society` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(sectionIds(res.body), [`recommendation-${rec.p12}`, `recommendation-${rec.p13}`]);
    const doc = parseHtml(res.body);
    assert.match(
      textOf(doc.querySelector('.report-counts')),
      /Shown: 2 of 5\. The assessments differ on 2 recommendations\./,
    );
    const box = doc.querySelector('input[type=checkbox][name=differing]');
    assert.ok(box?.hasAttribute('checked'));
    assert.equal(doc.querySelector(`label[for=${box?.getAttribute('id')}]`) !== null, true);
    const p13 = doc.querySelector(`#recommendation-${rec.p13}`);
    assert.ok(p13);
    assert.equal(textOf(p13.querySelector('mark')), 'Assessments differ');
    const heads = p13.querySelectorAll('thead th[scope=col]').map((th) => textOf(th));
    assert.deepEqual(heads, ['State body (self-assessment)', 'Civil society', 'National human-rights institution']);
    const cells = p13.querySelectorAll('tbody td').map((td) => textOf(td));
    assert.match(cells[0] ?? '', /^Implemented — Ministry of Internal Affairs, October 1, 2026\s*Lawyers are on duty/);
    assert.match(cells[1] ?? '', /^Partly implemented — Coalition against Torture, .*Monitors found no lawyer/);
    assert.equal(cells[2], 'No assessment');
    // The cluster's title still heads its recommendations; its size is the cycle's, not the filtered one.
    assert.match(textOf(doc.querySelector('section.report-cluster h2')), /Safeguards in custody/);
    assert.match(textOf(doc.querySelector('section.report-cluster p.muted')), /together: 2 of them in this cycle/);
    assert.ok(
      doc
        .querySelectorAll('a')
        .some((a) => a.getAttribute('href') === `/en/cycles/${cycleId}/report/civil-society.docx`),
    );
  });

  test('the form unticked shows every recommendation, the agreeing ones unmarked', async () => {
    const res = await t.app.inject({ url: `/en/cycles/${cycleId}/report/civil-society?filter=1` });
    assert.deepEqual(
      sectionIds(res.body),
      [rec.p2, rec.p12, rec.p12a, rec.p13, rec.none].map((id) => `recommendation-${id}`),
    );
    const doc = parseHtml(res.body);
    assert.equal(doc.querySelector('input[name=differing]')?.hasAttribute('checked'), false);
    assert.equal(doc.querySelector(`#recommendation-${rec.p12a} mark`), null);
    assert.equal(doc.querySelector(`#recommendation-${rec.p2} mark`), null);
    assert.ok(doc.querySelector(`#recommendation-${rec.p12} mark`));
    assert.ok(
      doc
        .querySelectorAll('a')
        .some((a) => a.getAttribute('href') === `/en/cycles/${cycleId}/report/civil-society.docx?filter=1`),
    );
    const ticked = await t.app.inject({ url: `/en/cycles/${cycleId}/report/civil-society?filter=1&differing=on` });
    assert.deepEqual(sectionIds(ticked.body), [`recommendation-${rec.p12}`, `recommendation-${rec.p13}`]);
  });

  test('in Russian and as DOCX, with the same filter', async () => {
    const ru = parseHtml((await t.app.inject({ url: `/ru/cycles/${cycleId}/report/civil-society` })).body);
    assert.equal(textOf(ru.querySelector('h1')), 'Представление для гражданского общества');
    assert.match(
      textOf(ru.querySelector('.report-counts')),
      /Показано: 2 из 5\. Оценки расходятся по 2 рекомендациям\./,
    );

    const { res, paragraphs } = await docx(`/en/cycles/${cycleId}/report/civil-society.docx`);
    assert.equal(res.headers['content-type'], DOCX_TYPE);
    assert.equal(
      res.headers['content-disposition'],
      `attachment; filename="civil-society-view-cycle-${cycleId}-en.docx"`,
    );
    const all = paragraphs.map((p) => p.text);
    assert.deepEqual(
      paragraphs.filter((p) => p.style === 'RecommendationText').map((p) => p.text),
      [TEXT.p12.en, TEXT.p13.en],
    );
    assert.equal(all.filter((p) => p === 'Assessments differ').length, 2);
    for (const cell of [
      'State body (self-assessment)',
      'Civil society',
      'National human-rights institution',
      'No assessment',
    ])
      assert.ok(all.includes(cell), cell);
    const everything = await docx(`/en/cycles/${cycleId}/report/civil-society.docx?filter=1`);
    assert.equal(everything.paragraphs.filter((p) => p.style === 'RecommendationText').length, 5);
  });
});

describe('hostile text', () => {
  test('is escaped in the HTML and kept intact in the DOCX', async () => {
    const strings = naughtyStrings().filter((s) => s.trim() !== '');
    const cycle = await insertCycle(t.db, 9, { en: '<script>alert("cycle")</script>' });
    const cat = await t.db.selectFrom('mechanisms').select('id').where('code', '=', 'CAT').executeTakeFirstOrThrow();
    const ids = await t.db
      .insertInto('recommendations')
      .values(
        strings.map((s, i) => ({
          source_key: `report-naughty-${i}`,
          state_code: 'KZ',
          mechanism_id: cat.id,
          cycle_id: cycle,
          paragraph: String(i + 1),
          text: json({ en: s }),
        })),
      )
      .returning('id')
      .execute();
    await t.db
      .insertInto('recommendation_assessments')
      .values(
        ids.map((r, i) => ({
          recommendation_id: r.id,
          organisation_id: orgs.civil_society,
          side: 'civil_society' as const,
          level: 'not_started' as const,
          reasons: json({ en: strings[strings.length - 1 - i] }),
        })),
      )
      .execute();

    const res = await t.app.inject({ url: `/en/cycles/${cycle}/report` });
    assert.equal(res.statusCode, 200);
    const doc = parseHtml(res.body);
    // Nothing the strings hold became markup: one script (ours), no other active element or handler.
    assert.equal(doc.querySelectorAll('script').length, 1);
    // The header's mark is the one image of ours (an <img> of /assets/mark.svg).
    const active = doc.querySelectorAll('img, iframe, svg, object, embed, marquee');
    assert.deepEqual(
      active.map((el) => el.getAttribute('class')),
      ['brand-mark'],
    );
    for (const el of doc.querySelectorAll('*'))
      for (const name of Object.keys(el.attributes)) assert.ok(!name.toLowerCase().startsWith('on'), name);
    const quotes = doc.querySelectorAll('blockquote.recommendation-text');
    assert.equal(quotes.length, strings.length);
    // Each text comes back as written (the page cuts it into paragraphs at blank lines).
    const shown = quotes.map((q) => q.querySelectorAll('p').map((p) => p.text));
    const expected = strings.map((s) => paragraphsOf(s));
    for (let i = 0; i < strings.length; i++) assert.deepEqual(shown[i], expected[i], JSON.stringify(strings[i]));

    const { xml, paragraphs } = await docx(`/en/cycles/${cycle}/report.docx`);
    assert.doesNotMatch(xml, /<script/);
    // The order is the paragraphs' order; the paragraph numbers are 1…n, so the strings' order.
    const recs = paragraphs.filter((p) => p.style === 'RecommendationText').map((p) => p.text);
    const wanted = strings.flatMap((s) =>
      paragraphsOf(s).map((part) =>
        wordSafe(part)
          .split(/\r\n|\r|\n/)
          .join('\n'),
      ),
    );
    assert.equal(recs.length, wanted.length);
    for (let i = 0; i < wanted.length; i++) assert.equal(recs[i], wanted[i], JSON.stringify(wanted[i]));
    const all = new Set(paragraphs.map((p) => p.text));
    assert.ok(all.has('Reporting cycle: <script>alert("cycle")</script>'));
  });
});

test('paragraphs are ordered as the committee numbers them', () => {
  const r = (paragraph: string | null, id: string) => ({ paragraph, symbol: null, id });
  const sorted = [r('13', '1'), r(null, '2'), r('12(b)', '3'), r('2', '4'), r('12', '5'), r('12(a)', '6'), r('1', '7')]
    .sort(compareParagraphs)
    .map((x) => x.paragraph);
  assert.deepEqual(sorted, ['1', '2', '12', '12(a)', '12(b)', '13', null]);
});

describe('the report of a UPR cycle (issue 13)', () => {
  test('names the recommending State, titles a recommendation without a symbol by its first words, and says "this cycle" until a later one exists', async () => {
    const upr = await t.db.selectFrom('mechanisms').select('id').where('code', '=', 'UPR').executeTakeFirstOrThrow();
    const cycle = async (number: number) =>
      (
        await t.db
          .insertInto('reporting_cycles')
          .values({ mechanism_id: upr.id, state_code: 'KZ', number, title: json({ en: `UPR cycle ${number}` }) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const second = await cycle(2);
    await t.db
      .insertInto('recommendations')
      .values({
        source_key: 'test:upr-fr',
        state_code: 'KZ',
        mechanism_id: upr.id,
        cycle_id: second,
        session: '20',
        recommending_state: 'FR',
        text: json({
          en: 'Ensure that all allegations of torture and ill-treatment are investigated promptly, impartially and independently',
          ru: 'Обеспечить оперативное и беспристрастное расследование всех заявлений о пытках',
        }),
      })
      .execute();
    const page = async (lang: string) =>
      parseHtml((await t.app.inject({ url: `/${lang}/cycles/${second}/report` })).body);

    const en = await page('en');
    assert.equal(textOf(en.querySelector('p.lead')), 'Implementation of the recommendations of this cycle');
    const section = en.querySelector('section.report-recommendation');
    assert.equal(
      textOf(section?.querySelector('h2')),
      'Ensure that all allegations of torture and ill-treatment are investigated…',
    );
    assert.match(textOf(section), /Recommended by: France/);
    assert.match(
      textOf((await page('ru')).querySelector('section.report-recommendation')),
      /Рекомендовало государство: Франция/,
    );
    assert.equal(textOf((await page('kk')).querySelector('p.lead')), 'Осы циклдің ұсынымдарын орындау');
    const word = await docx(`/en/cycles/${second}/report.docx`);
    const texts = word.paragraphs.map((p) => p.text);
    assert.ok(
      texts.some((p) => /Recommended by/.test(p) && /France/.test(p)),
      'the DOCX names it too',
    );
    assert.ok(texts.includes('Implementation of the recommendations of this cycle'));

    // Once the third cycle is there, the second is the previous one, in the page and the document.
    await cycle(3);
    assert.equal(
      textOf((await page('en')).querySelector('p.lead')),
      'Implementation of the recommendations of the previous cycle',
    );
    assert.equal(textOf((await page('ru')).querySelector('p.lead')), 'Выполнение рекомендаций предыдущего цикла');
    const later = await docx(`/en/cycles/${second}/report.docx`);
    assert.ok(later.paragraphs.some((p) => p.text === 'Implementation of the recommendations of the previous cycle'));
  });
});
