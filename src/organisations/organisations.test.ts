import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_ORGANISATIONS } from '../demo/content.ts';
import { useTestApp } from '../testing/app.ts';
import { parseHtml, textOf } from '../testing/html.ts';
import { naughtyStrings } from '../testing/naughty.ts';

const t = useTestApp({ demo: true });

async function page(url: string) {
  const res = await t.app.inject({ url });
  return { res, doc: parseHtml(res.body) };
}

describe('organisations directory', () => {
  test('groups organisations by category, in a fixed category order', async () => {
    const { res, doc } = await page('/en/organisations');
    assert.equal(res.statusCode, 200);
    const headings = doc.querySelectorAll('main h2').map((h) => textOf(h).replace(/\s*\(\d+\)$/, ''));
    assert.deepEqual(headings, [
      'State bodies',
      'Parliament',
      'Courts',
      'Constitutional review',
      'National human-rights institutions',
      'Non-governmental organisations',
      'International partners',
    ]);
    const listed = doc.querySelectorAll('ul.directory li a').length;
    assert.equal(listed, DEMO_ORGANISATIONS.length);
  });

  test("sorts names by the reader's language", async () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const { doc } = await page(`/${lang}/organisations`);
      const ngos = doc.querySelectorAll('#cat-ngo + ul a').map((a) => textOf(a));
      const sorted = [...ngos].sort(new Intl.Collator(lang, { sensitivity: 'base', numeric: true }).compare);
      assert.deepEqual(ngos, sorted, lang);
      assert.equal(ngos.length, 6);
    }
  });

  test('an organisation written in one language only is shown with a "not translated" mark', async () => {
    await t.db
      .insertInto('organisations')
      .values({ slug: 'only-russian', category: 'media', name: JSON.stringify({ ru: 'Только по-русски' }) })
      .execute();
    const en = await page('/en/organisations');
    const link = en.doc.querySelectorAll('a').find((a) => textOf(a).startsWith('Только по-русски'));
    assert.ok(link, 'listed in English');
    assert.equal(link.querySelector('span')?.getAttribute('lang'), 'ru');
    assert.equal(textOf(link.querySelector('.untranslated')), '(not translated)');
    const kk = await page('/kk/organisations/only-russian');
    assert.equal(textOf(kk.doc.querySelector('h1 .untranslated')), '(аударылмаған)');
    const ru = await page('/ru/organisations/only-russian');
    assert.equal(textOf(ru.doc.querySelector('h1')), 'Только по-русски');
    assert.equal(ru.doc.querySelector('h1 .untranslated'), null);
  });
});

describe('organisation page', () => {
  test('shows category, membership and what it presented at meetings', async () => {
    const { res, doc } = await page('/ru/organisations/mia');
    assert.equal(res.statusCode, 200);
    assert.equal(textOf(doc.querySelector('h1')), 'Министерство внутренних дел Республики Казахстан');
    const main = textOf(doc.querySelector('main'));
    assert.match(main, /Государственные органы/);
    assert.match(main, /Член с 1 января 2013 г\./);
    assert.match(main, /Заседание № 1, 15 октября 2021 г\.: Доклад Подготовка к защите национального доклада/);
  });

  test('links a coalition and its members both ways', async () => {
    const member = await page('/en/organisations/kibhr');
    const parent = member.doc
      .querySelectorAll('.facts a')
      .find((a) => a.getAttribute('href') === '/en/organisations/coalition-against-torture');
    assert.ok(parent);
    const coalition = await page('/en/organisations/coalition-against-torture');
    const children = coalition.doc.querySelectorAll('#children + ul a').map((a) => a.getAttribute('href'));
    assert.deepEqual(children.sort(), ['/en/organisations/charter-for-human-rights', '/en/organisations/kibhr']);
  });

  test('an unknown organisation is a 404 page', async () => {
    const { res, doc } = await page('/kk/organisations/no-such-body');
    assert.equal(res.statusCode, 404);
    assert.equal(textOf(doc.querySelector('h1')), 'Бет табылмады');
  });

  test('naughty strings in the address never break a page', async () => {
    const failures: string[] = [];
    for (const s of naughtyStrings()) {
      const encoded = encodeURIComponent(s);
      for (const url of [`/en/organisations/${encoded}`, `/ru/organisations?q=${encoded}`]) {
        const res = await t.app.inject({ url, headers: { 'accept-language': s.replace(/[^\t\x20-\x7e]/g, '') } });
        if (![200, 400, 404].includes(res.statusCode) || !/text\/html/.test(String(res.headers['content-type']))) {
          failures.push(`${url} → ${res.statusCode}`);
        }
        if (res.body.includes('<script>alert')) failures.push(`${url} reflected a script`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
