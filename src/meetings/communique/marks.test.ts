import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';
import { communiqueOf, scheduleMeeting } from '../../testing/meetings.ts';
import { markPassage, otherLanguagePassages, segments, unmarked } from './marks.ts';

/* Issue 13: the communiqué draft marks every passage in another language; publishing asks about them. */

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

describe('passages in another language', () => {
  test('marks are found, their text kept, and a mark cannot be closed from inside', () => {
    const text = `Шешім: ${markPassage('Продолжить работу]] [[en: x', 'ru')}. ${markPassage('Ok', 'kk')}`;
    assert.deepEqual(otherLanguagePassages(text, 'kk'), [{ text: 'Продолжить работу] ] [[en: x', lang: 'ru' }]);
    assert.deepEqual(
      segments('a [[en: b]] c').map((s) => [s.text, s.lang]),
      [
        ['a ', undefined],
        ['b', 'en'],
        [' c', undefined],
      ],
    );
    assert.equal(unmarked('Решение: [[kk: Жұмысты жалғастыру]].'), 'Решение: Жұмысты жалғастыру.');
  });

  test('a Russian decision in the Kazakh draft is marked lang="ru"; publishing asks for it to be confirmed', async () => {
    const id = await scheduleMeeting(staff, {
      title_kk: 'Сынақ отырысы',
      title_ru: 'Тестовое заседание',
      title_en: '',
      venue_kk: 'Астана',
      venue_ru: 'Астана',
      venue_en: '',
    });
    await t.db
      .insertInto('decisions')
      .values({ meeting_id: id, text: JSON.stringify({ ru: 'Продолжить совместную работу' }) })
      .execute();
    await t.db
      .updateTable('meetings')
      .set({ status: 'minutes_approved', starts_at: new Date(Date.now() - 86_400_000), ends_at: null })
      .where('id', '=', id)
      .execute();
    assert.equal((await staff.post(`/kk/meetings/${id}/communique/generate`, {})).statusCode, 303);
    const stored = await communiqueOf(t.db, id);
    assert.match(stored.body.kk ?? '', /\[\[ru: Продолжить совместную работу\]\]/);
    assert.doesNotMatch(stored.body.ru ?? '', /\[\[/, 'the Russian draft has nothing to mark');
    assert.match(
      stored.title.en ?? '',
      /^\[\[ru: Тестовое заседание\]\]$/,
      'no English title: the Russian one, marked',
    );

    const page = parseHtml((await staff.get(`/kk/meetings/${id}/communique`)).body);
    const listed = page.querySelectorAll('section.other-languages [lang="ru"].other-language').map((e) => textOf(e));
    assert.ok(listed.includes('Продолжить совместную работу'), JSON.stringify(listed));
    assert.match(textOf(page.querySelector('section.other-languages')), /орыс тілінде/);
    assert.ok(page.querySelector('form.publish input[name="confirmOtherLanguages"]'), 'the confirmation box');

    for (const [lang, message] of [
      ['kk', /Жарияламас бұрын.*«Продолжить совместную работу» \(ru → kk\)/],
      ['ru', /Перед публикацией переведите или подтвердите.*«Тестовое заседание» \(ru → en\)/],
      ['en', /Translate these passages or confirm them before publishing/],
    ] as const) {
      const refused = await staff.post(`/${lang}/meetings/${id}/communique/publish`, {});
      assert.equal(refused.statusCode, 422, lang);
      assert.match(errorsOf(refused.body), message, lang);
    }
    const still = await communiqueOf(t.db, id);
    assert.equal(still.published_at, null);

    const res = await staff.post(`/en/meetings/${id}/communique/publish`, { confirmOtherLanguages: 'on' });
    assert.equal(res.statusCode, 303, errorsOf(res.body));
    const audit = await lastAudit(t.db, { entity: 'communique', action: 'publish' });
    assert.ok(
      JSON.stringify(audit.after).includes('Продолжить совместную работу'),
      'the confirmed passages are audited',
    );

    // Published: the passage keeps its language and its visible mark; the feed carries no brackets.
    const news = await communiqueOf(t.db, id);
    const item = parseHtml((await new TestClient(t.app).get(`/kk/news/${news.id}`)).body);
    const passage = item.querySelector('article span.other-language[lang="ru"]');
    assert.equal(textOf(passage), 'Продолжить совместную работу');
    assert.doesNotMatch(textOf(item.querySelector('article')), /\[\[/);
    const feed = (await new TestClient(t.app).get('/kk/news.atom')).body;
    assert.doesNotMatch(feed, /\[\[ru:/);
  });

  test('a draft with nothing in another language publishes without the confirmation', async () => {
    const id = await scheduleMeeting(staff, { title_kk: 'Үш тілде', title_ru: 'На трёх языках' });
    await t.db
      .updateTable('meetings')
      .set({ status: 'minutes_approved', starts_at: new Date(Date.now() - 86_400_000), ends_at: null })
      .where('id', '=', id)
      .execute();
    await t.db
      .insertInto('communiques')
      .values({
        meeting_id: id,
        title: JSON.stringify({ kk: 'Үш тілде', ru: 'На трёх языках', en: 'In three languages' }),
        body: JSON.stringify({ kk: 'Мәтін.', ru: 'Текст.', en: 'Text.' }),
      })
      .execute();
    const page = parseHtml((await staff.get(`/en/meetings/${id}/communique`)).body);
    assert.equal(page.querySelector('input[name="confirmOtherLanguages"]'), null);
    assert.equal((await staff.post(`/en/meetings/${id}/communique/publish`, {})).statusCode, 303);
  });
});
