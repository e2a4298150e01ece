import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { titleFromText, titlesFromText } from './recommendation-title.ts';

describe('a recommendation’s title from its text', () => {
  test('the first words, cut at a word boundary, with an ellipsis only when cut', () => {
    assert.equal(titleFromText('Abolish the death penalty'), 'Abolish the death penalty');
    const long =
      'Ensure that all allegations of torture and ill-treatment are investigated promptly, impartially and independently by a body';
    const title = titleFromText(long);
    assert.equal(title, 'Ensure that all allegations of torture and ill-treatment are investigated…');
    assert.ok(Array.from(title).length <= 81);
    assert.ok(long.startsWith(title.slice(0, -1)), 'whole words of the text');
    // No dangling comma before the ellipsis; line breaks and runs of spaces read as one space.
    assert.equal(titleFromText('One two three, four five', 15), 'One two three…');
    assert.equal(titleFromText('One\n\n two   three'), 'One two three');
    // A single word longer than the limit is cut inside it.
    assert.equal(titleFromText('Antidisestablishmentarianism', 10), 'Antidisest…');
  });

  test('in each language of the text, Cyrillic counted by characters', () => {
    const titles = titlesFromText({
      ru: 'Обеспечить, чтобы все заявления о пытках и жестоком обращении расследовались оперативно и беспристрастно',
      en: 'Guarantee the freedom of the press',
    });
    assert.equal(titles.en, 'Guarantee the freedom of the press');
    assert.equal(titles.ru, 'Обеспечить, чтобы все заявления о пытках и жестоком обращении расследовались…');
    assert.equal(titles.kk, undefined);
  });
});
