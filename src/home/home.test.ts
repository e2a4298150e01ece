import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTestApp, useTestApp } from '../testing/app.ts';
import { parseHtml, textOf } from '../testing/html.ts';

const t = useTestApp({ demo: true });

describe('home page', () => {
  test('shows the body, its latest meeting with the agenda, and who takes part (ru)', async () => {
    const res = await t.app.inject({ url: '/ru/' });
    assert.equal(res.statusCode, 200);
    const doc = parseHtml(res.body);
    assert.match(textOf(doc.querySelector('h1')), /Диалоговая площадка по человеческому измерению/);
    assert.match(
      textOf(doc.querySelector('.next-meeting')),
      /Следующее заседание.*Выполнение рекомендаций Комитета ООН против пыток/,
    );
    const items = doc.querySelectorAll('#latest-meeting ~ article ol.agenda > li');
    assert.equal(items.length, 2);
    assert.match(textOf(items[0]), /Доклад Министерство внутренних дел/);
    assert.match(textOf(items[1]), /Доклад Единая детско-юношеская организация «Жас Улан»/);
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

  test('an empty platform still renders, in every language', async () => {
    const empty = await createTestApp();
    try {
      for (const lang of ['kk', 'ru', 'en']) {
        const res = await empty.app.inject({ url: `/${lang}/` });
        assert.equal(res.statusCode, 200, lang);
      }
      const en = parseHtml((await empty.app.inject({ url: '/en/' })).body);
      assert.match(textOf(en.querySelector('main')), /No meetings have been held yet/);
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
    const meeting = await t.db.selectFrom('meetings').select('id').where('number', '=', 1).executeTakeFirstOrThrow();
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
    assert.ok(before <= 8, `the home page runs ${before} queries`);
  });
});
