import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { parseHtml, textOf } from '../../testing/html.ts';
import { naughtyStrings } from '../../testing/naughty.ts';
import { type DiffPart, diffTexts, SideBySide } from './diff.tsx';

/** What each column shows: the older text is same + removed, the newer same + added. */
function sides(parts: DiffPart[]) {
  return {
    before: parts
      .filter((p) => p.kind !== 'added')
      .map((p) => p.text)
      .join(''),
    after: parts
      .filter((p) => p.kind !== 'removed')
      .map((p) => p.text)
      .join(''),
  };
}

function assertExact(before: string, after: string): DiffPart[] {
  const parts = diffTexts(before, after);
  assert.deepEqual(sides(parts), { before, after });
  for (const p of parts) assert.notEqual(p.text, '', 'no empty parts');
  for (let i = 1; i < parts.length; i++) assert.notEqual(parts[i]?.kind, parts[i - 1]?.kind, 'adjacent parts merged');
  return parts;
}

const changed = (parts: DiffPart[], kind: 'removed' | 'added') =>
  parts.filter((p) => p.kind === kind).map((p) => p.text.trim());
/** The diff of `before` and `after` is exact and marks these words removed and added. */
const assertChanged = (before: string, after: string, removed: string[], added: string[]) => {
  const parts = assertExact(before, after);
  assert.deepEqual(changed(parts, 'removed'), removed);
  assert.deepEqual(changed(parts, 'added'), added);
};

describe('diffTexts', () => {
  test('a changed Kazakh word is one removed and one added word, not letters', () => {
    assertChanged(
      'Кеңес отырысы 12 мамырда өтті. Барлық мүшелер қатысты.',
      'Кеңес отырысы 14 мамырда өтті. Барлық мүшелердің көпшілігі қатысты.',
      ['12', 'мүшелер'],
      ['14', 'мүшелердің көпшілігі'],
    );
  });

  test('Kazakh letters (ә ғ қ ң ө ұ ү һ і) are word characters', () => {
    assertChanged('әке ғалым қала аң өнер ұл үй һәм іс', 'әке ғалым қала таң өнер ұл үй һәм іс', ['аң'], ['таң']);
  });

  test('Russian: a replaced word and punctuation', () => {
    assertChanged(
      'Совет рассмотрел предложение, решение принято.',
      'Совет рассмотрел предложения; решение отложено.',
      ['предложение,', 'принято'],
      ['предложения;', 'отложено'],
    );
  });

  test('unchanged texts are one same part', () => {
    const text = 'Шешім қабылданды.\n\nРешение принято.';
    assert.deepEqual(diffTexts(text, text), [{ kind: 'same', text }]);
  });

  test('insertion and removal at the start and at the end', () => {
    assert.deepEqual(assertExact('бір екі', 'нөл бір екі'), [
      { kind: 'added', text: 'нөл ' },
      { kind: 'same', text: 'бір екі' },
    ]);
    assert.deepEqual(assertExact('бір екі', 'бір екі үш'), [
      { kind: 'same', text: 'бір екі' },
      { kind: 'added', text: ' үш' },
    ]);
    assert.deepEqual(changed(assertExact('нөл бір екі', 'бір екі'), 'removed'), ['нөл']);
    assert.deepEqual(changed(assertExact('бір екі үш', 'бір екі'), 'removed'), ['үш']);
  });

  test('empty texts', () => {
    assert.deepEqual(diffTexts('', ''), []);
    assert.deepEqual(diffTexts('', 'жаңа мәтін'), [{ kind: 'added', text: 'жаңа мәтін' }]);
    assert.deepEqual(diffTexts('ескі мәтін', ''), [{ kind: 'removed', text: 'ескі мәтін' }]);
  });

  test('a changed paragraph break keeps both versions exact and the words the same', () => {
    assertChanged('Бірінші абзац. Екінші абзац.', 'Бірінші абзац.\n\nЕкінші абзац.', [''], ['']);
  });

  test('naughty strings: every pair reproduces both texts exactly', () => {
    const strings = naughtyStrings();
    for (let i = 0; i < strings.length; i++) {
      const a = strings[i] ?? '';
      const b = strings[(i * 7 + 3) % strings.length] ?? '';
      assertExact(a, b);
      assertExact(`${a} ${b}`, `${b} ${a}`);
    }
  });

  test('10,000-word texts with scattered edits finish well under a second', () => {
    const words = ['кеңес', 'отырысы', 'мүше', 'шешім,', 'ұсыныс', 'құқық.', 'совет', 'решение', 'право', 'law'];
    const before: string[] = [];
    for (let i = 0; i < 10_000; i++) before.push(words[(i * i + 3 * i) % words.length] ?? '');
    // One edit in every hundred words: a replacement, an insertion or a removal.
    const after = before.flatMap((w, i) =>
      i % 100 !== 50 ? [w] : i % 300 === 50 ? ['өзгертілді'] : i % 300 === 150 ? [w, 'қосылды'] : [],
    );
    const start = performance.now();
    const parts = assertExact(before.join(' '), after.join(' '));
    const ms = performance.now() - start;
    console.log(`diffTexts, 10,000 words, 100 edits: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 2000, `took ${ms} ms`);
    const added = changed(parts, 'added').join(' ');
    assert.equal(added.match(/өзгертілді/g)?.length, 34);
    assert.equal(added.match(/қосылды/g)?.length, 33);
    assert.ok(parts.length < 500, `${parts.length} parts for 100 edits`);
  });

  test('two unrelated 10,000-word texts are bounded too (shown as rewritten)', () => {
    const a = Array.from({ length: 10_000 }, (_, i) => `сөз${(i * 7919) % 10_007}`).join(' ');
    const b = Array.from({ length: 10_000 }, (_, i) => `слово${(i * 104_729) % 10_009}`).join(' ');
    const start = performance.now();
    const parts = assertExact(a, b);
    const ms = performance.now() - start;
    console.log(`diffTexts, two unrelated 10,000-word texts: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 2000, `took ${ms} ms`);
    assert.deepEqual(
      parts.map((p) => p.kind),
      ['removed', 'added'],
    );
  });

  test('one 100,000-character run without spaces is fast (the segmenter sees short pieces)', () => {
    const run = 'қ'.repeat(50_000) + '😀'.repeat(25_000);
    const start = performance.now();
    assertExact(run, `${run}ә`);
    const ms = performance.now() - start;
    console.log(`diffTexts, 100,000 characters without spaces: ${ms.toFixed(0)} ms`);
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
});

describe('SideBySide', () => {
  const labels = { beforeLabel: 'Нұсқа 1', afterLabel: 'Нұсқа 2', removedLabel: 'жойылды', addedLabel: 'қосылды' };

  test('marks removals in the older column and additions in the newer, with spoken labels', () => {
    const html = render(
      h(SideBySide, { ...labels, before: 'Кеңес отырысы 12 мамырда', after: 'Кеңес отырысы 14 мамырда өтті' }),
    );
    const doc = parseHtml(html);
    const [older, newer] = doc.querySelectorAll('.minutes-diff-side');
    assert.ok(older && newer);
    assert.equal(textOf(older.querySelector('.minutes-diff-label')), 'Нұсқа 1');
    assert.equal(textOf(newer.querySelector('.minutes-diff-label')), 'Нұсқа 2');
    assert.deepEqual(
      older.querySelectorAll('del').map((d) => textOf(d)),
      ['жойылды: 12'],
    );
    assert.equal(older.querySelectorAll('ins').length, 0);
    assert.deepEqual(
      newer.querySelectorAll('ins').map((d) => textOf(d)),
      ['қосылды: 14', 'қосылды: өтті'],
    );
    assert.equal(newer.querySelectorAll('del').length, 0);
    for (const mark of doc.querySelectorAll('del, ins')) {
      assert.equal(mark.querySelector('span')?.getAttribute('class'), 'visually-hidden');
    }
    // Whitespace stays outside the marks, so no struck-through or underlined gaps.
    assert.match(html, /<\/ins> мамырда <ins>/);
    assert.doesNotMatch(html, /\s<\/(del|ins)>|<\/span>\s/);
    assert.equal(textOf(older.querySelector('.minutes-diff-text')), 'Кеңес отырысы жойылды: 12 мамырда');
  });

  test('escapes markup in the texts', () => {
    const html = render(
      h(SideBySide, {
        ...labels,
        before: 'ескі <script>alert(1)</script>',
        after: 'жаңа <script>alert(2)</script> & <b>',
      }),
    );
    // preact-render-to-string escapes < and & in text, which is what makes markup inert.
    assert.doesNotMatch(html, /<script|<\/script|<b>/i);
    assert.equal(html.match(/&lt;script>alert\(/g)?.length, 2);
    assert.match(html, /&amp; &lt;b/);
    const doc = parseHtml(html);
    // Read back as text, the newer column is the newer version plus the spoken labels.
    const newer = textOf(doc.querySelectorAll('.minutes-diff-text')[1]);
    assert.equal(newer.replaceAll('қосылды: ', ''), 'жаңа <script>alert(2)</script> & <b>');
  });

  test('unchanged texts have no marks', () => {
    const html = render(h(SideBySide, { ...labels, before: 'Шешім', after: 'Шешім' }));
    assert.doesNotMatch(html, /<del|<ins/);
  });
});
