import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { PageContext } from '../../core/html/context.ts';
import { i18nFor, registerMessages } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { obligationsMessages } from '../messages/index.ts';
import type { FacetCounts, FacetValue } from './facets.ts';
import { FACETS, type Facet } from './filter.ts';
import { emptyFilter } from './test-fixtures.ts';
import { FacetField } from './views.tsx';

registerMessages(obligationsMessages);

const value = (v: string, label: FacetValue['label'], count: number): FacetValue => ({
  value: v,
  count,
  label,
  stateCode: null,
  mechanismCode: null,
  position: null,
});

// As the database has them: goals named in kk, ru and en; the UN's target texts in English only.
const GOAL = {
  kk: 'Бейбітшілік, сот төрелігі және тиімді институттар',
  ru: 'Мир, правосудие и эффективные институты',
  en: 'Peace, justice and strong institutions',
};
const TARGET = 'End abuse, exploitation, trafficking and all forms of violence against and torture of children';

/** A facet of a page in `lang` holding `values`, as its labels. */
function facetLabels(lang: Lang, facet: Facet, values: FacetValue[], filter = emptyFilter()) {
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as FacetValue[]])) as Record<Facet, FacetValue[]>;
  facets[facet] = values;
  const more = Object.fromEntries(FACETS.map((f) => [f, 0])) as Record<Facet, number>;
  const counts: FacetCounts = { total: 4, priority: 0, facets, more };
  const ctx = { i18n: i18nFor(lang) } as PageContext;
  return parseHtml(render(h(FacetField, { ctx, facet, counts, filter }))).querySelectorAll('label');
}

/** The SDG facet of a page in `lang`, with goal 16 selected (so its target 16.2 is listed). */
function sdgFacet(lang: Lang) {
  const values = [value('16', GOAL, 4), value('16.2', { en: TARGET }, 1)];
  const [goal, target] = facetLabels(lang, 'sdg', values, { ...emptyFilter(), sdg: ['16'] });
  assert.ok(goal && target);
  return { goal, target };
}

describe("the explorer's SDG facet", () => {
  for (const lang of ['kk', 'ru'] as const) {
    test(`on a ${lang} page the goal is named in ${lang}, the English target text is marked and tagged lang="en"`, () => {
      const { goal, target } = sdgFacet(lang);
      assert.ok(textOf(goal).includes(GOAL[lang]), textOf(goal));
      assert.equal(goal.querySelector('.untranslated'), null, 'a translated goal carries no mark');
      assert.equal(goal.querySelector('[lang]'), null);
      assert.equal(textOf(target.querySelector('[lang="en"]')), TARGET);
      assert.equal(
        textOf(target.querySelector('.untranslated')),
        `(${i18nFor(lang).t('lang.notTranslated')})`,
        'the English text is marked as not translated',
      );
      assert.match(textOf(target), /\(1\)$/, 'the count stays last');
    });
  }

  test('on an English page nothing is marked', () => {
    const { goal, target } = sdgFacet('en');
    assert.match(textOf(goal), new RegExp(`^Goal 16: ${GOAL.en} \\(4\\)$`));
    assert.match(textOf(target), /^Target 16\.2: End abuse/);
    assert.equal(target.querySelector('.untranslated'), null);
    assert.equal(target.querySelector('[lang]'), null);
  });
});

describe("the explorer's theme facet", () => {
  test('a theme named in another language only is marked and tagged; a translated one is not', () => {
    const [imported, translated] = facetLabels('ru', 'theme', [
      value('7', { en: 'Rights of persons with albinism' }, 3),
      value('2', { kk: 'Балалар құқықтары', ru: 'Права детей', en: "Children's rights" }, 2),
    ]);
    assert.ok(imported && translated);
    assert.equal(textOf(imported.querySelector('[lang="en"]')), 'Rights of persons with albinism');
    assert.equal(textOf(imported.querySelector('.untranslated')), `(${i18nFor('ru').t('lang.notTranslated')})`);
    assert.match(textOf(translated), /^Права детей \(2\)$/);
    assert.equal(translated.querySelector('.untranslated'), null);
  });
});
