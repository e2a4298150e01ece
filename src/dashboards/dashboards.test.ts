import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { SaxesParser } from 'saxes';
import { keptImages } from '../core/charts/downloads.ts';
import { BODY_TIME_ZONE } from '../core/dates.ts';
import { useTestApp } from '../testing/app.ts';
import { csvLines } from '../testing/csv.ts';
import { parseHtml, textOf } from '../testing/html.ts';
import { CHART_IDS } from './figures.ts';
import { NAMED_BODIES, periods } from './over-time.ts';

const t = useTestApp({ demo: true });

/** The rows of a chart's CSV download as code → the numbers after the label. */
async function csvRows(lang: string, id: string): Promise<Map<string, number[]>> {
  const res = await t.app.inject({ url: `/${lang}/dashboards/${id}.csv` });
  assert.equal(res.statusCode, 200, id);
  return new Map(
    csvLines(res.body)
      .slice(1)
      .map((line) => {
        const cells = line.split(',');
        return [cells[0] ?? '', cells.slice(2).map(Number)];
      }),
  );
}

/** A direct count (SQL over the tables, in the test) as code → n. */
async function direct(query: ReturnType<typeof sql<{ code: string; n: number }>>): Promise<Map<string, number[]>> {
  const { rows } = await query.execute(t.db);
  return new Map(rows.map((r) => [String(r.code), [Number(r.n)]]));
}

describe('dashboards', () => {
  for (const [lang, heading, section] of [
    ['kk', 'Көрсеткіштер', 'Ұсынымдар'],
    ['ru', 'Показатели', 'Рекомендации'],
    ['en', 'Dashboards', 'Recommendations'],
  ] as const) {
    test(`every chart in ${lang}: an accessible SVG with its title and description, its data table, downloads`, async () => {
      const res = await t.app.inject({ url: `/${lang}/dashboards` });
      assert.equal(res.statusCode, 200);
      const doc = parseHtml(res.body);
      assert.equal(textOf(doc.querySelector('h1')), heading);
      assert.ok(doc.querySelectorAll('main h2').some((h) => textOf(h) === section));
      for (const id of CHART_IDS) {
        const figure = doc.querySelector(`figure#${id}`);
        assert.ok(figure, id);
        const svg = figure.querySelector('svg');
        assert.ok(svg, `${id} has data in the demo, so a drawing`);
        assert.equal(svg.getAttribute('role'), 'img');
        assert.equal(svg.getAttribute('aria-labelledby'), `${id}-title ${id}-desc`);
        assert.equal(textOf(svg.querySelector('title')), textOf(figure.querySelector(`#${id}-heading`)));
        assert.ok(textOf(svg.querySelector('desc')).length > 20, id);
        const rows = figure.querySelectorAll('table tbody tr');
        assert.ok(rows.length > 0, id);
        if (id === 'proposals-by-body-over-time') assert.ok(svg.querySelectorAll('rect').length > 0, `${id}: segments`);
        else assert.equal(svg.querySelectorAll('rect').length % rows.length, 0, `${id}: bars per row`);
        const links = figure.querySelectorAll('figcaption a').map((a) => a.getAttribute('href'));
        assert.deepEqual(
          links,
          ['svg', 'png', 'csv'].map((f) => `/${lang}/dashboards/${id}.${f}`),
        );
      }
    });
  }

  test('the numbers equal direct counts of the public records (drafts are not counted)', async () => {
    await t.db
      .insertInto('proposals')
      .values({ title: JSON.stringify({ en: 'A draft nobody else may see' }), kind: 'other', status: 'draft' })
      .execute();
    assert.deepEqual(
      await csvRows('en', 'proposals-by-status'),
      await direct(sql`SELECT status AS code, count(*) AS n FROM proposals
                        WHERE status <> 'draft' AND submitted_at IS NOT NULL GROUP BY status`),
    );
    assert.deepEqual(
      await csvRows('ru', 'recommendations-by-mechanism'),
      await direct(sql`SELECT m.code, count(*) AS n FROM recommendations r JOIN mechanisms m ON m.id = r.mechanism_id
                        GROUP BY m.code`),
    );
    assert.deepEqual(
      await csvRows('kk', 'recommendations-by-status'),
      await direct(sql`SELECT status AS code, count(*) AS n FROM recommendations GROUP BY status`),
    );
    const answers = await csvRows('en', 'answers');
    assert.deepEqual(
      answers,
      await direct(sql`SELECT a.answer AS code, count(*) AS n FROM proposal_addressees a
                         JOIN proposals p ON p.id = a.proposal_id
                        WHERE a.answer IS NOT NULL AND p.status <> 'draft' AND p.submitted_at IS NOT NULL
                        GROUP BY a.answer`),
    );
    const attendance = await csvRows('en', 'attendance');
    const { rows } = await sql<{ code: string; attended: number; absent: number }>`
      SELECT o.category AS code, count(*) FILTER (WHERE a.presence IN ('present', 'online'))::int AS attended,
             count(*) FILTER (WHERE a.presence = 'absent')::int AS absent
        FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN organisations o ON o.id = a.organisation_id
       WHERE m.visibility = 'public' AND m.status IN ('held', 'minutes_review', 'minutes_approved', 'published')
       GROUP BY o.category`.execute(t.db);
    assert.ok(rows.length > 0, 'the demo has a held meeting with attendance');
    assert.deepEqual(attendance, new Map(rows.map((r) => [r.code, [r.attended, r.absent]])));
    // The page's table shows the same numbers as the download.
    const doc = parseHtml((await t.app.inject({ url: '/en/dashboards' })).body);
    const shown = doc
      .querySelectorAll('#recommendations-by-mechanism tbody td')
      .reduce((sum, td) => sum + Number(textOf(td).replace(/,/g, '')), 0);
    const { rows: all } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM recommendations`.execute(t.db);
    assert.equal(shown, all[0]?.n);
  });

  test('SVG, PNG and CSV downloads', async () => {
    const svg = await t.app.inject({ url: '/ru/dashboards/proposals-by-status.svg' });
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    const parser = new SaxesParser({ xmlns: true });
    const names: string[] = [];
    parser.on('opentag', (tag) => names.push(tag.local));
    parser.write(svg.body).close(); // throws unless well-formed XML
    assert.equal(names[0], 'svg');
    assert.ok(names.includes('title') && names.includes('desc') && names.includes('rect'));
    assert.match(svg.body, /<title id="proposals-by-status-title">Открытые предложения по статусам<\/title>/);

    const png = await t.app.inject({ url: '/kk/dashboards/answers.png' });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.rawPayload.subarray(1, 4)], [...Buffer.from('PNG')]);
    const width = Number(/ width="(\d+)"/.exec((await t.app.inject({ url: '/kk/dashboards/answers.svg' })).body)?.[1]);
    assert.equal(png.rawPayload.readUInt32BE(16), 2 * width, 'drawn at twice the SVG width');

    const csv = await t.app.inject({ url: '/kk/dashboards/answer-days.csv' });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="kenes-answer-days-kk.csv"/);
    assert.ok(csv.body.startsWith('\uFEFFКоды,Мемлекеттік орган,Медиана (күндер),90-процентиль (күндер)\n'), csv.body);

    for (const url of ['/en/dashboards/nothing.svg', '/en/dashboards/answers.gif', '/en/dashboards/answers']) {
      assert.equal((await t.app.inject({ url })).statusCode, 404, url);
    }
  });

  test('periods: months over a year at most, then quarters, then years, none skipped', () => {
    assert.deepEqual(periods(['2026-03', '2026-01']), { unit: 'month', codes: ['2026-01', '2026-02', '2026-03'] });
    assert.deepEqual(periods(['2025-11', '2026-12']).codes, ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    assert.deepEqual(periods(['2021-06', '2023-01', '2024-12']), {
      unit: 'year',
      codes: ['2021', '2022', '2023', '2024'],
    });
    assert.deepEqual(periods([]), { unit: 'month', codes: [] });
  });

  test('proposals to state bodies over time: a stack per period, the bodies addressed most named, the rest as one', async () => {
    // Eight bodies with public proposals over two months, and a draft addressed to one of them (not counted).
    await sql`
      WITH orgs AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM organisations ORDER BY id LIMIT 8),
      props AS (
        INSERT INTO proposals (title, kind, status, submitted_at)
        SELECT jsonb_build_object('en', 'P' || i), 'other', CASE WHEN i = 0 THEN 'draft' ELSE 'submitted' END,
               CASE WHEN i = 0 THEN NULL ELSE now() - make_interval(days => (i % 2) * 31) END
          FROM generate_series(0, 12) i RETURNING id, (title->>'en') AS t)
      INSERT INTO proposal_addressees (proposal_id, organisation_id)
      SELECT props.id, orgs.id FROM props JOIN orgs ON orgs.k <= 1 + substr(props.t, 2)::int % 8`.execute(t.db);
    const res = await t.app.inject({ url: '/ru/dashboards/proposals-by-body-over-time.csv' });
    assert.equal(res.statusCode, 200);
    const [header, ...lines] = csvLines(res.body);
    assert.match(
      header ?? '',
      /^Код,(Месяц|Квартал|Год),Код \(Государственный орган\),Государственный орган,предложения$/,
    );
    const cells = lines.map((l) => l.split(','));
    const byBody = new Map<string, number>();
    const byPeriod = new Map<string, number>();
    for (const [period = '', , body = '', , n = ''] of cells) {
      byBody.set(body, (byBody.get(body) ?? 0) + Number(n));
      byPeriod.set(period, (byPeriod.get(period) ?? 0) + Number(n));
    }
    const { rows } = await sql<{ org: string; month: string; n: number }>`
      SELECT a.organisation_id::text AS org, to_char(p.submitted_at AT TIME ZONE ${BODY_TIME_ZONE}, 'YYYY-MM') AS month,
             count(*)::int AS n
        FROM proposal_addressees a JOIN proposals p ON p.id = a.proposal_id
       WHERE p.status <> 'draft' AND p.submitted_at IS NOT NULL GROUP BY 1, 2`.execute(t.db);
    const perBody = new Map<string, number>();
    for (const r of rows) perBody.set(r.org, (perBody.get(r.org) ?? 0) + r.n);
    const ranked = [...perBody].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]));
    assert.ok(ranked.length > NAMED_BODIES + 1);
    const expected = new Map(ranked.slice(0, NAMED_BODIES));
    expected.set(
      'other',
      ranked.slice(NAMED_BODIES).reduce((sum, [, n]) => sum + n, 0),
    );
    assert.deepEqual(byBody, expected, 'the named bodies, then every other as one');
    // Each period holds its months' addressees (the period's code starts with its year, then its month or quarter).
    const { unit } = periods(rows.map((r) => r.month));
    const period = (month: string) =>
      unit === 'month'
        ? month
        : unit === 'year'
          ? month.slice(0, 4)
          : `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5)) / 3)}`;
    const perPeriod = new Map<string, number>();
    for (const r of rows) perPeriod.set(period(r.month), (perPeriod.get(period(r.month)) ?? 0) + r.n);
    for (const [code, n] of byPeriod) assert.equal(n, perPeriod.get(code) ?? 0, code);
    assert.equal(
      [...byPeriod.values()].reduce((a, b) => a + b),
      [...perPeriod.values()].reduce((a, b) => a + b),
    );

    // The drawing: a legend naming the bodies in the page's language, a bar of segments per period.
    const doc = parseHtml((await t.app.inject({ url: '/kk/dashboards' })).body);
    const figure = doc.querySelector('#proposals-by-body-over-time');
    const texts = figure?.querySelectorAll('svg text').map((x) => textOf(x)) ?? [];
    assert.ok(texts.includes('Басқа органдар'), 'the rest named in Kazakh');
    assert.equal(figure?.querySelectorAll('thead th').length, NAMED_BODIES + 2, 'period, five bodies, other');
    assert.equal(figure?.querySelectorAll('tbody tr').length, byPeriod.size);
  });

  test('downloads carry an ETag of their data: 304 when it matches, another ETag when the data change', async () => {
    const url = '/en/dashboards/proposals-by-status.png';
    const first = await t.app.inject({ url });
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]{27}"$/);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    assert.equal((await t.app.inject({ url, headers: { 'if-none-match': `"x", W/${etag}` } })).statusCode, 304);
    // Without If-None-Match the same image comes from memory: nothing more is kept.
    const kept = keptImages();
    const fromMemory = await t.app.inject({ url });
    assert.ok(fromMemory.rawPayload.equals(first.rawPayload));
    assert.equal(keptImages(), kept);
    // The same data in another language or format is another download.
    assert.notEqual((await t.app.inject({ url: '/ru/dashboards/proposals-by-status.png' })).headers.etag, etag);
    assert.notEqual((await t.app.inject({ url: '/en/dashboards/proposals-by-status.svg' })).headers.etag, etag);
    await t.db
      .insertInto('proposals')
      .values({
        title: JSON.stringify({ en: 'One more' }),
        kind: 'other',
        status: 'submitted',
        submitted_at: new Date(),
      })
      .execute();
    const changed = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.deepEqual([...changed.rawPayload.subarray(1, 4)], [...Buffer.from('PNG')]);
    const csv = await t.app.inject({ url: '/en/dashboards/proposals-by-status.csv' });
    const csvAgain = await t.app.inject({
      url: '/en/dashboards/proposals-by-status.csv',
      headers: { 'if-none-match': String(csv.headers.etag) },
    });
    assert.equal(csvAgain.statusCode, 304);
  });

  test('names from the database stay text in the drawing, the table and the CSV', async () => {
    const hostile = '=1+2 <script>alert(1)</script>';
    const body = await sql<{ id: string }>`
      UPDATE organisations SET name = jsonb_build_object('en', ${hostile}::text)
       WHERE id = (SELECT organisation_id FROM proposal_addressees LIMIT 1) RETURNING id::text`.execute(t.db);
    assert.ok(body.rows[0]);
    const page = await t.app.inject({ url: '/en/dashboards' });
    assert.ok(!page.body.includes('<script>alert'));
    const svg = parseHtml(page.body).querySelector('#proposals-by-body svg');
    assert.ok(textOf(svg?.querySelector('desc')).includes(hostile), 'read out as text');
    assert.ok(page.body.includes('=1+2 &lt;script&gt;alert(1)&lt;/script&gt;'));
    const csv = await t.app.inject({ url: '/en/dashboards/proposals-by-body.csv' });
    assert.ok(csv.body.includes(`'${hostile}`), 'a formula-like cell is neutralised');
  });

  test("the proposals tracker shows the dashboards' chart of days to answer", async () => {
    const doc = parseHtml((await t.app.inject({ url: '/ru/proposals' })).body);
    const figure = doc.querySelector('figure#answer-days');
    assert.equal(textOf(figure?.querySelector('h2')), 'Срок ответа по государственным органам');
    assert.ok(figure?.querySelector('svg[role="img"]') && figure.querySelector('table tbody tr'));
    const dashboards = parseHtml((await t.app.inject({ url: '/ru/dashboards' })).body);
    assert.equal(
      textOf(figure?.querySelector('table')),
      textOf(dashboards.querySelector('#answer-days table')),
      'the same chart as on the dashboards',
    );
  });

  test('runs the same number of queries however many records there are', async () => {
    const count = async () => {
      t.queries.length = 0;
      assert.equal((await t.app.inject({ url: '/en/dashboards' })).statusCode, 200);
      return t.queries.length;
    };
    const before = await count();
    assert.ok(before <= 4, `${before} queries`);
    await sql`INSERT INTO proposals (title, kind, status, submitted_at)
              SELECT jsonb_build_object('en', 'P' || i), 'other', 'submitted', now() - make_interval(days => i * 40)
                FROM generate_series(1, 30) i`.execute(t.db);
    assert.equal(await count(), before);
  });
});
