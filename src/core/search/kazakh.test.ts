import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { foldText, words } from './fold.ts';
import { exactKey, indexTerms, isExact, queryTerm, searchKey, stemExact, stemKazakh, toLatin } from './kazakh.ts';

/** Both stems of a word: the plain one (no diacritics) and the exact one. */
const plain = (w: string) => stemKazakh(searchKey(w));
const exact = (w: string) => stemExact(exactKey(w));

/** Whether a query word finds a text word, the way search will look it up. */
function finds(query: string, text: string): boolean {
  const q = queryTerm(query);
  const index = indexTerms(text);
  return q.stem === (q.exact ? index.exact : index.plain);
}

describe('foldText', () => {
  test('hyphen and dash variants become "-", the soft hyphen and zero-width characters go', () => {
    assert.equal(foldText('зорлық\u2010зомбылық'), 'зорлық-зомбылық');
    for (const dash of ['\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D']) {
      assert.equal(foldText(`a${dash}b`), 'a-b');
    }
    assert.equal(foldText('қадір\u00ADқасиет'), 'қадірқасиет');
    assert.equal(foldText('а\u200Bб\u200Cв\u200Dг\u2060д\uFEFFе'), 'абвгде');
  });

  test('ё → е, typographic quotes → apostrophe, lower case, NFC', () => {
    assert.equal(foldText('Ёлка ЁЖ'), 'елка еж');
    assert.equal(foldText('е\u0308'), 'е'); // decomposed ё
    for (const q of ['’', '‘', 'ʼ', 'ʻ', '`', '´', '′']) assert.equal(foldText(`s${q}a`), "s'a");
    assert.equal(foldText('ҚАЗАҚСТАН'), 'қазақстан');
    assert.equal(foldText('İstanbul'), 'istanbul');
  });
});

describe('words', () => {
  test('a hyphenated compound yields its joined form and its parts, whatever the hyphen', () => {
    const expected = ['зорлықзомбылық', 'зорлық', 'зомбылық'];
    assert.deepEqual(words('зорлық-зомбылық'), expected);
    assert.deepEqual(words('Зорлық\u2010зомбылық'), expected);
    assert.deepEqual(words('зорлық\u2011зомбылық.'), expected);
    assert.deepEqual(words('зорлықзомбылық'), ['зорлықзомбылық']);
    assert.deepEqual(words('зорлық зомбылық'), ['зорлық', 'зомбылық']);
  });

  test('punctuation splits words; apostrophes inside words stay; a one-letter part is not a word', () => {
    assert.deepEqual(words('«Бала», бала; 2021-жылы!'), ['бала', 'бала', '2021жылы', '2021', 'жылы']);
    assert.deepEqual(words("children's s'ag'at adamnyn' 'bala'"), ["children's", "s'ag'at", "adamnyn'", "bala'"]);
    assert.deepEqual(words('г-жи Ивановой'), ['гжи', 'ивановой']);
    assert.deepEqual(words(''), []);
  });
});

/** Each Cyrillic text of `examples` transliterates to its Latin one. */
function latinOf(examples: [cyrillic: string, latin: string][]) {
  for (const [cyrillic, latin] of examples) assert.equal(toLatin(cyrillic), latin, cyrillic);
}

describe('toLatin (2021 alphabet)', () => {
  test('the examples', () => {
    latinOf([
      ['Бұрыңғы өткен заманда, бір данышпан кісі', 'Būryñğy ötken zamanda, bır danyşpan kısı'],
      ['үйіне', 'üiıne'],
      ['сый', 'syi'],
      ['ҚАЗАҚСТАН', 'QAZAQSTAN'],
    ]);
  });

  test('every letter', () => {
    latinOf([
      [
        'аә б в г ғ д е ж з и й і к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч ш щ ъ ы ь э ё ю я',
        'aä b v g ğ d e j z i i ı k q l m n ñ o ö p r s t u ū ü f h h ts ç ş şş  y  e io iu ia',
      ],
      [
        'АӘ Б В Г Ғ Д Е Ж З И Й І К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ч Ш Ы Э',
        'AÄ B V G Ğ D E J Z İ İ I K Q L M N Ñ O Ö P R S T U Ū Ü F H H Ç Ş Y E',
      ],
    ]);
  });

  test('case: І/і is I/ı, И/Й is İ/i; a capital that becomes two letters is all caps only in an all-caps word', () => {
    latinOf([
      ['Іле, іні, Ирина, Йод', 'Ile, ını, İrina, İod'],
      ['Цех ЦЕХ Щучинск ЩУЧИНСК', 'Tseh TSEH Şşuçinsk ŞŞUÇİNSK'],
      ['Ясауи ЯСАУИ Юрий Ё Я', 'İasaui İASAUİ İurii İo İa'],
      ['ІЛЕ', 'ILE'],
    ]);
  });

  test('Russian words in Cyrillic follow the same table; Ъ and Ь go', () => {
    latinOf([['съезд, объект, Ильич, учитель', 'sezd, obekt, İliç, uçitel']]);
  });

  test('what is not Cyrillic stays as it is', () => {
    latinOf([
      ['UN Human Rights Council, 2021 (A/HRC/1) — «Иә»?', 'UN Human Rights Council, 2021 (A/HRC/1) — «İä»?'],
      ['', ''],
    ]);
  });
});

describe('searchKey and exactKey', () => {
  test('the same word in every script and spelling has the same plain key', () => {
    const spellings = [
      'Құқығы', // Cyrillic
      'ҚҰҚЫҒЫ',
      'Qūqyğy', // 2021
      'QŪQYĞY',
      'quqygy', // without diacritics
      'QUQYGY',
      "qy'qyg'y", // 2017 apostrophes (y' = ұ, g' = ғ)
      'quqyǵy', // 2018 acutes (u = ұ, ǵ = ғ)
      'Qu\u0304qyg\u0306y', // decomposed 2021 letters
    ];
    for (const s of spellings) assert.equal(searchKey(s), 'quqygy', s);
    for (const s of ['шешім', 'Şeşım', 'ŞEŞIM', 'sheshim', "s'es'im", 'sesim']) assert.equal(searchKey(s), 'sesim', s);
    for (const s of ['әділет', 'Ädılet', 'ÄDILET', "a'dilet", 'ádilet', 'adilet'])
      assert.equal(searchKey(s), 'adilet', s);
    for (const s of ['уақыт', 'uaqyt', 'ýaqyt', 'UAQYT']) assert.equal(searchKey(s), 'uaqyt', s);
    for (const s of ['үкімет', 'ükımet', 'ÜKIMET', "u'kimet", 'úkimet', 'ukimet'])
      assert.equal(searchKey(s), 'ukimet', s);
  });

  test('the exact key keeps what the alphabets tell apart, across scripts', () => {
    for (const s of ['Құқығы', 'Qūqyğy', 'QŪQYĞY', "qy'qyg'y", 'quqyǵy']) assert.equal(exactKey(s), 'qūqyğy', s);
    for (const s of ['шешім', 'Şeşım', "s'es'im", 'sheshim']) assert.equal(exactKey(s), 'şeşim', s);
    assert.notEqual(exactKey('бал'), exactKey('бәл'));
    assert.notEqual(exactKey('тұр'), exactKey('түр'));
    assert.notEqual(exactKey('жан'), exactKey('жаң'));
    assert.equal(searchKey('тұр'), searchKey('түр')); // the price of queries without diacritics
  });

  test('a query tells its letters exactly when it is Cyrillic or has a Kazakh Latin letter or mark', () => {
    for (const s of ['бала', 'Qūqyq', 'şeşım', "a'dilet", 'ádilet', 'İNE', 'bır']) assert.equal(isExact(s), true, s);
    for (const s of ['bala', 'quqyq', 'sheshim', 'ADILET']) assert.equal(isExact(s), false, s);
  });
});

describe('stemKazakh and stemExact', () => {
  const families: string[][] = [
    ['бала', 'балалар', 'балаларға', 'балалардың', 'баласы', 'балаларын', 'баладан', 'баламен', 'балалармен'],
    ['құқық', 'құқығы', 'құқықтары', 'құқықтарын', 'құқықтың', 'құқыққа', 'құқығын', 'құқықтарының'],
    ['зорлық-зомбылық', 'зорлық‐зомбылықтың', 'зорлық-зомбылыққа', 'зорлықзомбылықтан', 'зорлық-зомбылықты'],
    ['мемлекет', 'мемлекеттің', 'мемлекетке', 'мемлекеттер', 'мемлекеттерімен', 'мемлекеттерде'],
    ['үкімет', 'үкіметтің', 'үкіметке', 'үкіметі', 'үкіметінің'],
    ['жұмыс', 'жұмысы', 'жұмыстың', 'жұмыстар', 'жұмысқа', 'жұмыстарын'],
    ['кітап', 'кітабы', 'кітаптар', 'кітапты'],
    ['кел', 'келді', 'келген', 'келгенде', 'келеді', 'келмеді', 'келмейді', 'келіп', 'келу', 'келетін'],
    ['айт', 'айтты', 'айтқан', 'айтпайды', 'айтып', 'айтады'],
  ];
  for (const family of families) {
    test(`one stem for ${family[0]}`, () => {
      for (const stem of [plain, exact]) {
        const stems = new Set(family.map((w) => stem(words(w)[0] as string)));
        assert.equal(stems.size, 1, `${[...stems].join(', ')} from ${family.join(', ')}`);
      }
    });
  }

  test('unrelated words that share a short root keep apart', () => {
    const apart: [string, string][] = [
      ['ат', 'атап'],
      ['ай', 'айтарлықтай'],
      ['ана', 'ананас'],
      ['ас', 'асыл'],
      ['қала', 'қалам'],
      ['ел', 'елші'],
      ['мемлекет', 'мемлекеттік'],
      ['құқық', 'құқықтық'],
      ['жыл', 'жылғы'],
      ['тіл', 'тілсіз'],
    ];
    for (const [a, b] of apart) {
      assert.notEqual(plain(a), plain(b), `${a} / ${b}`);
      assert.notEqual(exact(a), exact(b), `${a} / ${b}`);
    }
    // with diacritics or in Cyrillic, а/ә, о/ө, ұ/ү, н/ң keep apart; the plain key merges them
    for (const [a, b] of [
      ['тұр', 'түр'],
      ['бол', 'бөл'],
      ['жан', 'жаңа'],
    ] as const) {
      assert.notEqual(exact(a), exact(b), `${a} / ${b}`);
    }
  });

  test('stems are never empty and short words stay whole', () => {
    for (const w of ['а', 'ы', 'ол', 'да', 'мен', 'ала', 'сол', 'бұл']) {
      assert.ok(plain(w).length > 0, w);
      assert.equal(exact(w), exactKey(w), w);
    }
  });
});

describe('search across scripts', () => {
  test('a query in either script, with or without diacritics, finds any form of the word', () => {
    const text = ['Балаларға', 'құқықтарын', 'зорлық-зомбылықтың', 'Қазақстанның', 'үкіметі'];
    const queries = [
      ['бала', 'Bala', 'balalar', 'BALALARĞA', 'балаларының'],
      ['құқық', 'Qūqyq', 'quqyq', 'QŪQYQTARY', "qy'qyq", 'quqyǵy'],
      ['зорлық-зомбылық', 'Zorlyq-zombylyq', 'zorlyq\u2010zombylyq', 'зорлықзомбылыққа'],
      ['Қазақстан', 'Qazaqstan', 'QAZAQSTANDA', 'qazaqstannyñ', "Qazaqstannyn'"],
      ['үкімет', 'Ükımet', 'ukimet', 'ÚKIMETTIŃ', "u'kimettin'"],
    ];
    text.forEach((word, i) => {
      const textWord = words(word)[0] as string;
      for (const query of queries[i] as string[]) {
        assert.ok(finds(words(query)[0] as string, textWord), `${query} → ${word}`);
      }
    });
  });

  test('a query in Latin finds Cyrillic text and the other way round', () => {
    assert.ok(finds('Ädılet', 'әділеттің'));
    assert.ok(finds('әділет', toLatin('Әділеттің')));
    assert.ok(finds('adilet', 'әділеттің'));
    assert.ok(finds('ÄDILETTIÑ', toLatin('әділет')));
    assert.ok(!finds('бөлім', 'болды'));
    assert.ok(finds('bolim', 'бөлімі')); // and, without diacritics, бол/бөл merge (the price of it)
  });
});
