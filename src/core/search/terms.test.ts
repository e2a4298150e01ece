import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldText, forEachRun } from './fold.ts';
import { IRREGULAR } from './irregular.ts';
import { snowballText } from './terms.ts';

describe('snowballText: what PostgreSQL’s Snowball configurations are given (decision 0018)', () => {
  test('English irregular plurals, past forms and comparatives become a form Snowball stems like the regular ones', () => {
    assert.equal(snowballText('Children, women and MICE', 'en'), 'child, woman and mouse');
    assert.equal(snowballText('went gone better best worse feet', 'en'), 'go go good good bad foot');
    assert.equal(snowballText('bigger largest earlier easiest higher', 'en'), 'big large early easy high');
    assert.equal(snowballText('teacher worker', 'en'), 'teacher worker', 'not every -er is a comparative');
  });

  test('Russian suppletive forms and a few stem-changing verbs; ё is е', () => {
    assert.equal(snowballText('Люди, детей, могут, шли', 'ru'), 'человек, ребенок, мочь, идти');
    assert.equal(snowballText('Её ёлка', 'ru'), 'ее елка');
  });

  test('a compound with a one-letter part is one word: Kazakh "жи" must not meet Russian "г-жи"', () => {
    assert.equal(snowballText('г-жи Ивановой', 'ru'), 'гжи ивановой');
    assert.equal(snowballText('e-mail and follow-up', 'en'), 'email and follow-up');
  });
});

// Edge strings: hyphen chains, one-letter parts, digits, letters outside the Basic Multilingual
// Plane, combining marks, soft hyphens, lone surrogates, irregular forms touching letters and digits.
const EDGES = [
  'г-жи e-mail a-b-c x--y 1-a a-1 ab-12-c well-being children-friendly Children went-shown e-went 1went went1 wentx',
  'люди-x ёлка-и 3-х т-во a‐b – c—d a-b-cd-e--f-g -a- -ab-c- 𝐀-b 𝐀𝐁-c-d a-𝐀 éwent wenté 𝐀went went𝐀 is-is is-a-is',
  'x-y-z-q-w a--b-c ab-c- де\u0301ти Wörter-a naïve\u00ADly \ud800went \udc00-a-b İstanbul-i',
];
const ALPHABET = [...'aé𝐀\u0301\u00ad -İ😀x\ud83dЖ1isлюди'];
let seed = 7;
const fuzzed = Array.from({ length: 3000 }, () =>
  Array.from({ length: 24 }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return ALPHABET[seed % ALPHABET.length];
  }).join(''),
);

describe('the indexer’s fast text passes give what the regular expressions they replace gave', () => {
  test('snowballText: compounds found from their hyphens, irregular forms by one expression of them', () => {
    const HYPHENATED = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
    const before = (text: string, lang: 'ru' | 'en') =>
      foldText(text)
        .replace(HYPHENATED, (w) => (w.split('-').some((p) => p.length === 1) ? w.replace(/-/g, '') : w))
        .replace(/\p{L}+/gu, (w) => IRREGULAR[lang].get(w) ?? w);
    for (const text of [...EDGES, ...fuzzed]) {
      for (const lang of ['ru', 'en'] as const) assert.equal(snowballText(text, lang), before(text, lang), text);
    }
    assert.equal(snowballText('went1 e-went wentx (went)', 'en'), 'go1 ewent wentx (go)');
  });

  test('forEachRun: the runs of letters split() gave, within the lengths asked', () => {
    const NOT_LETTERS = /[^\p{L}\p{M}\u00AD\u200B-\u200D\u2060\uFEFF]+/u;
    for (const text of [...EDGES, ...fuzzed]) {
      for (const [min, max] of [
        [4, 48],
        [1, 1000],
      ] as const) {
        const runs: string[] = [];
        forEachRun(text, min, max, (r) => runs.push(r));
        const split = text
          .toLowerCase()
          .split(NOT_LETTERS)
          .filter((r) => r.length >= min && r.length <= max);
        assert.deepEqual(runs, split, text);
      }
    }
  });
});
