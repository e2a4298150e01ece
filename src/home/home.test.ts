import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, useTestApp } from '../testing/app.ts';
import { parseHtml, textOf } from '../testing/html.ts';

const t = useTestApp({ demo: true });

describe('home page', () => {
  test('shows the body and its mark, the next meeting with its agenda, the latest news, figures and who takes part (ru)', async () => {
    const res = await t.app.inject({ url: '/ru/' });
    assert.equal(res.statusCode, 200);
    const doc = parseHtml(res.body);
    assert.match(textOf(doc.querySelector('h1')), /Диалоговая площадка по человеческому измерению/);
    assert.match(doc.querySelector('.hero img.brand-mark')?.getAttribute('src') ?? '', /^\/assets\/mark\.svg\?v=/);
    const next = doc.querySelector('.next-meeting');
    assert.match(textOf(next), /Следующее заседание.*Выполнение рекомендаций Комитета ООН против пыток/);
    assert.ok(next?.querySelector('.date-block .date-block__day'), 'the next meeting has its date block');
    const news = doc.querySelectorAll('#latest-news ~ ul.cards > li.card');
    assert.equal(news.length, 1, 'the demo has one published communiqué');
    assert.ok(news[0]?.querySelector('.card__summary'), 'with a summary');
    const members = doc.querySelectorAll('.category-counts li').map((li) => textOf(li));
    assert.deepEqual(members, [
      '7 государственных органов',
      '2 палаты парламента',
      '1 суд',
      '1 орган конституционного контроля',
      '3 правозащитных института',
      '6 НПО',
      '6 международных партнёров',
    ]);
    assert.match(textOf(doc.querySelector('#members + p')), /участвуют 26 организаций/);
  });

  test('its figures equal direct counts of what a visitor may see, in each language', async () => {
    const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(t.db)).rows[0]?.n);
    const held = await count(
      `SELECT count(*)::int n FROM meetings WHERE visibility = 'public' AND status IN ('held','minutes_review','minutes_approved','published')`,
    );
    const submitted = await count(
      `SELECT count(*)::int n FROM proposals WHERE status <> 'draft' AND submitted_at IS NOT NULL`,
    );
    const answered = await count(
      `SELECT count(*)::int n FROM proposals WHERE submitted_at IS NOT NULL AND status IN ('answered','in_implementation','implemented')`,
    );
    const recommendations = await count('SELECT count(*)::int n FROM recommendations');
    assert.ok(held > 0 && submitted > 0 && answered > 0 && recommendations > 0, 'the demo has something to count');
    const figures = async (lang: string) =>
      parseHtml((await t.app.inject({ url: `/${lang}/` })).body)
        .querySelectorAll('ul.figures > li.figure')
        .map((li) => ({
          value: textOf(li.querySelector('.figure__value')),
          label: textOf(li.querySelector('.figure__label')),
        }));
    const en = await figures('en');
    assert.deepEqual(
      en.map((f) => f.value),
      [held, answered, recommendations].map(String),
    );
    assert.match(en[0]?.label ?? '', /^meetings? held$/);
    assert.match(en[1]?.label ?? '', new RegExp(`answered by state bodies, of ${submitted} submitted`));
    const kk = await figures('kk');
    assert.match(kk[0]?.label ?? '', /^отырыс өткізілді$/);
    assert.match(kk[1]?.label ?? '', new RegExp(`барлығы ${submitted} ұсыныс түсті`));
  });

  test('an empty platform still renders, in every language', async () => {
    const empty = await createTestApp();
    try {
      for (const lang of ['kk', 'ru', 'en']) {
        const res = await empty.app.inject({ url: `/${lang}/` });
        assert.equal(res.statusCode, 200, lang);
      }
      const en = parseHtml((await empty.app.inject({ url: '/en/' })).body);
      assert.match(textOf(en.querySelector('.next-meeting .empty-state')), /No meeting is scheduled at the moment/);
      assert.match(textOf(en.querySelector('#latest-news ~ .empty-state')), /No communiqué has been published yet/);
      assert.deepEqual(
        en.querySelectorAll('.figure__value').map((v) => textOf(v)),
        ['0', '0', '0'],
      );
    } finally {
      await empty.close();
    }
  });

  test('runs the same number of queries however long its lists are', async () => {
    const count = async () => {
      t.queries.length = 0;
      await t.app.inject({ url: '/en/' });
      return t.queries.length;
    };
    const before = await count();
    // The next meeting's agenda is the list the home page shows.
    const meeting = await t.db.selectFrom('meetings').select('id').where('number', '=', 2).executeTakeFirstOrThrow();
    const org = await t.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow();
    for (let i = 3; i < 60; i++) {
      const item = await t.db
        .insertInto('agenda_items')
        .values({ meeting_id: meeting.id, position: i, title: JSON.stringify({ en: `Item ${i}` }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('agenda_presenters')
        .values(
          [1, 2, 3].map((p) => ({
            agenda_item_id: item.id,
            organisation_id: org.id,
            role: 'comment' as const,
            position: p,
          })),
        )
        .execute();
    }
    const after = await count();
    assert.equal(after, before);
    // The body; the next meeting, who takes part, the news, three figure groups; the next meeting's agenda (two).
    assert.ok(before <= 9, `the home page runs ${before} queries`);
  });
});
