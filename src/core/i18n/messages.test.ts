import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { i18nFor, MESSAGES } from './i18n.ts';
import { LANGS, negotiateLang } from './locales.ts';
import { pick } from './translated.ts';
// Every domain's interface texts, registered as the app registers them.
import '../../domains.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const forms = (message: unknown): string[] =>
  typeof message === 'string' ? [message] : Object.values(message as object);

describe('interface strings', () => {
  const englishKeys = Object.keys(MESSAGES.en).sort();

  for (const lang of LANGS) {
    test(`${lang} has exactly the keys English has, none empty`, () => {
      assert.deepEqual(Object.keys(MESSAGES[lang]).sort(), englishKeys);
      for (const [key, message] of Object.entries(MESSAGES[lang])) {
        for (const text of forms(message)) assert.ok(text.trim().length > 0, `${lang}: ${key} is empty`);
      }
    });

    test(`${lang} plural messages have every form the language needs`, () => {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(MESSAGES[lang])) {
        if (typeof message === 'string') continue;
        for (const category of needed) assert.ok(category in message, `${lang}: ${key} lacks "${category}"`);
      }
    });

    test(`${lang} writes a counted text once when every form would say the same`, () => {
      for (const [key, message] of Object.entries(MESSAGES[lang])) {
        if (typeof message === 'string') continue;
        assert.ok(new Set(Object.values(message)).size > 1, `${lang}: ${key} repeats one text in every form`);
      }
    });

    test(`${lang} uses the same parameters as English in every message`, () => {
      for (const key of englishKeys) {
        const en = [...new Set(forms(MESSAGES.en[key as keyof typeof MESSAGES.en]).flatMap(placeholders))].sort();
        for (const text of forms(MESSAGES[lang][key as keyof typeof MESSAGES.en])) {
          // A plural form may leave the number out ("one" in Kazakh), never add an unknown one.
          for (const p of placeholders(text)) assert.ok(en.includes(p), `${lang}: ${key} has unknown {${p}}`);
        }
      }
    });
  }

  test('plurals follow the locale', () => {
    assert.equal(i18nFor('ru').t('category.ngo.count', { count: 9 }), '9 НПО');
    assert.equal(i18nFor('ru').t('category.state_body.count', { count: 1 }), '1 государственный орган');
    assert.equal(i18nFor('ru').t('category.state_body.count', { count: 3 }), '3 государственных органа');
    assert.equal(i18nFor('ru').t('category.state_body.count', { count: 6 }), '6 государственных органов');
    assert.equal(i18nFor('ru').t('category.state_body.count', { count: 21 }), '21 государственный орган');
    assert.equal(i18nFor('en').t('category.international.count', { count: 1 }), '1 international partner');
    assert.equal(i18nFor('en').t('category.international.count', { count: 6 }), '6 international partners');
    assert.equal(i18nFor('kk').t('category.ngo.count', { count: 9 }), '9 ҮЕҰ');
  });

  test('numbers and dates follow the locale', () => {
    assert.equal(i18nFor('en').number(12345), '12,345');
    assert.equal(i18nFor('ru').number(12345).replace(/\s/g, ' '), '12 345');
    assert.equal(i18nFor('ru').date('2022-11-25'), '25 ноября 2022 г.');
    assert.match(i18nFor('kk').date('2022-11-25'), /25 қараша/);
    assert.equal(i18nFor('en').date('2022-11-25'), 'November 25, 2022');
    // Kazakhstan is UTC+5 since 1 March 2024; the body's zone is stated once per page, another is named.
    assert.match(i18nFor('en').dateTime(new Date('2026-11-29T05:00:00Z'), 'Asia/Almaty'), /10:00$/);
    assert.match(i18nFor('en').dateTime(new Date('2026-11-29T09:00:00Z'), 'Europe/Zurich'), /10:00 GMT\+1$/);
  });

  test("a date and a date-time of one moment agree: both in the body's time zone (issue 13)", () => {
    // 23:06 UTC on 5 December is 04:06 on 6 December in Astana.
    const at = new Date('2026-12-05T23:06:00Z');
    assert.equal(i18nFor('en').date(at), 'December 6, 2026');
    assert.equal(i18nFor('en').dateTime(at, 'Asia/Almaty'), 'December 6, 2026 at 04:06');
    // An e-mail or a PDF has no footer to state the zone: it names it.
    assert.equal(i18nFor('en').dateTime(at, 'Asia/Almaty', { named: true }), 'December 6, 2026 at 04:06 GMT+5');
    assert.equal(i18nFor('ru').date('2026-12-05'), '5 декабря 2026 г.');
  });
});

describe('choosing a language', () => {
  test('Accept-Language with weights, regions and junk', () => {
    assert.equal(negotiateLang('ru-RU,ru;q=0.9,en-US;q=0.8'), 'ru');
    assert.equal(negotiateLang('de, en;q=0.3, kk;q=0.6'), 'kk');
    assert.equal(negotiateLang('en;q=0, ru;q=0.1'), 'ru');
    assert.equal(negotiateLang('fr, de'), undefined);
    assert.equal(negotiateLang(';;;,,q=abc'), undefined);
    assert.equal(negotiateLang(undefined), undefined);
  });
});

describe('translated content', () => {
  test('falls back to another language and says so', () => {
    assert.deepEqual(pick({ ru: 'Текст' }, 'kk'), { text: 'Текст', lang: 'ru', fallback: true });
    assert.deepEqual(pick({ kk: 'Мәтін', en: 'Text' }, 'ru'), { text: 'Text', lang: 'en', fallback: true });
    assert.deepEqual(pick({ en: '  ', kk: 'Мәтін' }, 'en'), { text: 'Мәтін', lang: 'kk', fallback: true });
    assert.deepEqual(pick({ en: 'Text' }, 'en'), { text: 'Text', lang: 'en', fallback: false });
    assert.equal(pick({}, 'en'), undefined);
  });
});
