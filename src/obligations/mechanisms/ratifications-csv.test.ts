import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { i18nFor } from '../../core/i18n/i18n.ts';
import {
  type CatalogueEntry,
  dateOf,
  decodeUtf8,
  problemText,
  readRatifications,
  statusOf,
} from './ratifications-csv.ts';
// Every domain's interface texts, registered as the app registers them.
import '../../domains.ts';

/* The reading of ratification tables, without a database: the catalogue is given. */

const CATALOGUE: CatalogueEntry[] = [
  {
    id: '1',
    code: 'CAT',
    kind: 'treaty_body',
    name: { en: 'Committee against Torture', ru: 'Комитет против пыток', kk: 'Азаптауға қарсы комитет' },
    treaty: {
      en: 'Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment',
      ru: 'Конвенция против пыток и других жестоких, бесчеловечных или унижающих достоинство видов обращения и наказания',
    },
  },
  {
    id: '2',
    code: 'SPT',
    kind: 'treaty_body',
    name: { en: 'Subcommittee on Prevention of Torture' },
    treaty: { en: 'Optional Protocol to the Convention against Torture' },
  },
  {
    id: '3',
    code: 'CRC',
    kind: 'treaty_body',
    name: { en: 'Committee on the Rights of the Child', ru: 'Комитет по правам ребёнка' },
    treaty: { en: 'Convention on the Rights of the Child', ru: 'Конвенция о правах ребёнка' },
  },
  {
    id: '4',
    code: 'CCPR',
    kind: 'treaty_body',
    name: { en: 'Human Rights Committee' },
    treaty: { en: 'International Covenant on Civil and Political Rights' },
  },
  { id: '5', code: 'UPR', kind: 'upr', name: { en: 'Universal Periodic Review' }, treaty: {} },
];
const TODAY = '2026-11-29';

const en = i18nFor('en');
function problems(text: string): string[] {
  const r = readRatifications(text, CATALOGUE, TODAY);
  assert.equal(r.ok, false, 'expected problems');
  if (r.ok) return [];
  if ('file' in r) return [`file: ${problemText(en, r.file)}`];
  return r.rows.map((p) => `${p.line}: ${problemText(en, p)}`);
}

describe('dates', () => {
  test('ISO, DD.MM.YYYY and OHCHR’s "26 Aug 1998 (a)"', () => {
    assert.deepEqual(dateOf('1998-08-26'), { date: '1998-08-26', mark: undefined });
    assert.deepEqual(dateOf('26.08.1998'), { date: '1998-08-26', mark: undefined });
    assert.deepEqual(dateOf('6.8.1998 г.'), { date: '1998-08-06', mark: undefined });
    assert.deepEqual(dateOf('26 Aug 1998 (a)'), { date: '1998-08-26', mark: 'a' });
    assert.deepEqual(dateOf('1 September 1991 (d)'), { date: '1991-09-01', mark: 'd' });
    assert.deepEqual(dateOf('  '), { empty: true });
  });

  test('days that do not exist are refused, not rolled over', () => {
    for (const bad of [
      '31.02.2001',
      '2001-02-31',
      '29.02.2023',
      '2024-13-01',
      '00.01.2001',
      '0000-01-01',
      '01.01.0000',
      '2201-01-01',
      '31 Apr 2001',
      'yesterday',
    ])
      assert.deepEqual(dateOf(bad), { bad: true }, bad);
    assert.deepEqual(dateOf('29.02.2024'), { date: '2024-02-29', mark: undefined });
  });
});

test('statuses in English, Russian and Kazakh', () => {
  assert.equal(statusOf('Ratified'), 'ratified');
  assert.equal(statusOf('not_signed'), 'not_signed');
  assert.equal(statusOf('Not signed'), 'not_signed');
  assert.equal(statusOf('accession'), 'acceded');
  assert.equal(statusOf('Succession'), 'succeeded');
  assert.equal(statusOf('Ратифицирована'), 'ratified');
  assert.equal(statusOf('присоединение'), 'acceded');
  assert.equal(statusOf('подписана'), 'signed');
  assert.equal(statusOf('не подписана'), 'not_signed');
  assert.equal(statusOf('ратификацияланған'), 'ratified');
  assert.equal(statusOf('қосылған'), 'acceded');
  assert.equal(statusOf('maybe'), undefined);
});

test('UTF-8 with or without BOM is text; Windows-1251 is not', () => {
  assert.equal(decodeUtf8(Buffer.from('\uFEFFдоговор', 'utf8')), 'договор');
  assert.equal(decodeUtf8(Buffer.from('договор', 'utf8')), 'договор');
  assert.equal(decodeUtf8(Buffer.from([0xe4, 0xee, 0xe3, 0xee, 0xe2, 0xee, 0xf0])), undefined);
});

describe('reading a table', () => {
  test('a good table: codes and names in any language, semicolons, CRLF, a BOM, blank lines', () => {
    const text =
      '\uFEFFДоговор;Статус;Дата подписания;Дата ратификации\r\n' +
      'CAT;присоединение;;26.08.1998\r\n' +
      '\r\n' +
      'Конвенция о правах ребёнка;ратифицирована;16.02.1994;12.08.1994\r\n' +
      'human rights committee;Ratified;2003-12-02;2006-01-24\r\n';
    const r = readRatifications(text, CATALOGUE, TODAY);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.rows.map((x) => [x.line, x.code, x.status, x.signedOn, x.ratifiedOn]),
      [
        [2, 'CAT', 'acceded', null, '1998-08-26'],
        [4, 'CRC', 'ratified', '1994-02-16', '1994-08-12'],
        [5, 'CCPR', 'ratified', '2003-12-02', '2006-01-24'],
      ],
    );
  });

  test("OHCHR's export: no status column, the date's mark says how; CAT-OP is the SPT", () => {
    const text = [
      'Treaty Description,Treaty Name,Signature Date,"Ratification Date, Accession(a), Succession(d) Date"',
      '"Convention against Torture",CAT,,26 Aug 1998 (a)',
      '"Optional Protocol of the Convention against Torture",CAT-OP,25 Sep 2007,22 Oct 2008',
      '"Convention on the Rights of the Child",CRC,16 Feb 1994,12 Aug 1994',
    ].join('\n');
    const r = readRatifications(text, CATALOGUE, TODAY);
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual(
      r.rows.map((x) => [x.code, x.status, x.signedOn, x.ratifiedOn]),
      [
        ['CAT', 'acceded', null, '1998-08-26'],
        ['SPT', 'ratified', '2007-09-25', '2008-10-22'],
        ['CRC', 'ratified', '1994-02-16', '1994-08-12'],
      ],
    );
  });

  test('every bad row is reported with its line (a quoted cell over two lines counts as two)', () => {
    const text = [
      'treaty,status,signature date,ratification date',
      '"Committee against\nTorture",acceded,,31.02.1998',
      'CCPR-OP2-DP,ratified,,2022-03-24',
      'XYZ,ratified,,2001-01-01',
      'CRC,perhaps,,',
      'CRC,signed,1994-02-16,1994-08-12',
      'CCPR,ratified,2006-01-24,2003-12-02',
      'UPR,ratified,,2010-01-01',
      'CAT,ratified,,2030-01-01',
      ',,,',
      'CAT,acceded,,1998-08-26',
    ].join('\n');
    assert.deepEqual(problems(text), [
      '2: “31.02.1998” is not a date: use YYYY-MM-DD or DD.MM.YYYY, with a day that exists.',
      '4: “CCPR-OP2-DP” is an optional protocol that has no mechanism in the catalogue; remove this row.',
      '5: Unknown treaty “XYZ”.',
      '6: Unknown status “perhaps”: use ratified, acceded, signed, not signed or succession.',
      '7: A treaty that is only signed has no date of ratification: choose ratified, acceded or succession.',
      '7: The same treaty is already on line 6.',
      '8: The signature cannot be later than the ratification.',
      '9: “UPR” is not a treaty: it has no ratification.',
      '10: The date January 1, 2030 is in the future.',
      '10: The same treaty is already on line 2.',
      '12: The same treaty is already on line 2.',
    ]);
  });

  test('a file that is not a ratification table says why, once', () => {
    assert.deepEqual(problems(''), ['file: The file is empty.']);
    assert.match(problems('hello world\nfoo bar')[0] ?? '', /first line must name the columns/);
    assert.match(problems('treaty,status\n')[0] ?? '', /no rows below its header/);
    assert.match(problems('treaty,status\n"CAT,ratified\n')[0] ?? '', /check the quotation marks/);
    assert.match(problems('treaty\nCAT\n')[0] ?? '', /first line must name the columns/);
    assert.match(problems(`treaty,status\n${'CAT,ratified\n'.repeat(501)}`)[0] ?? '', /more than 500 rows/);
    // A formula in a cell is only text that names no treaty.
    assert.deepEqual(problems("treaty,status\n=cmd|' /C calc'!A0,ratified\n"), [
      "2: Unknown treaty “=cmd|' /C calc'!A0”.",
    ]);
  });
});
