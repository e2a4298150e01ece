import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stateCode } from '../state-codes.ts';
import { type Lookups, mechanismIndex, parseDate, parseResponse } from './cells.ts';
import { cycleIndex, sessionReference } from './cycle-join.ts';
import { validateRow } from './row.ts';

const lookups: Lookups = {
  mechanisms: mechanismIndex(
    ['CAT', 'SPT', 'CCPR', 'CESCR', 'CEDAW', 'CERD', 'CRC', 'CRPD', 'CED', 'CMW', 'UPR', 'SP'].map((code, i) => ({
      id: String(i + 1),
      code,
      name: code === 'CAT' ? { en: 'Committee against Torture', ru: 'Комитет против пыток' } : { en: code },
      treaty: {},
    })),
  ),
  sdgTargets: new Set(['16.2', '16.3', '16.a', '5.2']),
  sdgGoals: new Set([5, 16]),
  // A name a person mapped in an earlier preview.
  stateAliases: new Map([['kazakhskaiarespublika', 'KZ']]),
  // Kazakhstan's third UPR cycle (reviewed at the 34th session) and its CAT cycle of the fourth report.
  cycles: cycleIndex([
    { id: '70', state_code: 'KZ', mechanism_id: '11', number: 3, session: 34 },
    { id: '71', state_code: 'KZ', mechanism_id: '1', number: 4, session: null },
  ]),
};

const HEADER = ['State', 'Body', 'Text', 'Date', 'Response', 'SDG', 'Recommending State'];
const settings = {
  columns: { state: 0, mechanism: 1, text_en: 2, date: 3, response: 4, sdg: 5, recommending_state: 6 },
  defaults: {},
};
const row = (cells: Partial<Record<number, string>>) =>
  validateRow(
    HEADER.map((_, i) => cells[i] ?? ''),
    settings,
    lookups,
    HEADER,
  );
const base = { 0: 'Kazakhstan', 1: 'CAT', 2: 'Ensure investigations' };

describe('one row', () => {
  test('States by UN name, ICU name in three languages, or code', () => {
    for (const [name, code] of [
      ['Russian Federation', 'RU'],
      ['Iran (Islamic Republic of)', 'IR'],
      ['United Kingdom of Great Britain and Northern Ireland', 'GB'],
      ['Republic of Moldova', 'MD'],
      ['Türkiye', 'TR'],
      ["Côte d'Ivoire", 'CI'],
      ["Democratic People's Republic of Korea", 'KP'],
      ['Bolivia (Plurinational State of)', 'BO'],
      ['Venezuela (Bolivarian Republic of)', 'VE'],
      ['Holy See', 'VA'],
      ['State of Palestine', 'PS'],
      ['United Republic of Tanzania', 'TZ'],
      ["Lao People's Democratic Republic", 'LA'],
      ['Syrian Arab Republic', 'SY'],
      ['Viet Nam', 'VN'],
      ['Казахстан', 'KZ'],
      ['Қазақстан', 'KZ'],
      ['KAZ', 'KZ'],
      ['kz', 'KZ'],
    ]) {
      assert.equal(stateCode(name as string), code, name);
    }
    assert.equal(stateCode('Narnia'), undefined);
    assert.equal(stateCode('SU'), undefined, 'a withdrawn code is not a State');
  });

  test('dates in the forms exports use; 31 February does not exist', () => {
    assert.equal(parseDate('2019-03-12'), '2019-03-12');
    assert.equal(parseDate('2019-03-12T00:00:00Z'), '2019-03-12');
    assert.equal(parseDate('12.03.2019'), '2019-03-12');
    assert.equal(parseDate('12/03/2019'), '2019-03-12');
    assert.equal(parseDate('12 March 2019'), '2019-03-12');
    assert.equal(parseDate('March 12, 2019'), '2019-03-12');
    assert.equal(parseDate('12 марта 2019 г.'), '2019-03-12');
    assert.equal(parseDate('2019 жылғы 12 наурыз'), '2019-03-12');
    assert.equal(parseDate('43536'), '2019-03-12');
    assert.equal(parseDate('31.02.2019'), 'impossible');
    assert.equal(parseDate('2019-02-31'), 'impossible');
    assert.equal(parseDate('29.02.2020'), '2020-02-29');
    assert.equal(parseDate('29.02.2019'), 'impossible');
    // Kenes's one date rule (core/dates.ts): the years 1900–2200 (PostgreSQL refused the year 0000).
    assert.equal(parseDate('0000-01-01'), 'impossible');
    assert.equal(parseDate('01.01.0000'), 'impossible');
    assert.equal(parseDate('01.01.2201'), 'impossible');
    assert.equal(parseDate('31.12.2200'), '2200-12-31');
    assert.equal(parseDate('last spring'), 'unreadable');
    assert.equal(parseDate('16'), 'unreadable');
  });

  test('responses: accepted is supported, rejected is noted; a partial answer is not guessed', () => {
    assert.equal(parseResponse('Supported'), 'supported');
    assert.equal(parseResponse('- Accepted'.replace('- ', '')), 'supported');
    assert.equal(parseResponse('Noted'), 'noted');
    assert.equal(parseResponse('Rejected'), 'noted');
    assert.equal(parseResponse('Принята к сведению'), 'noted');
    assert.equal(parseResponse('Поддержана'), 'supported');
    assert.equal(parseResponse('Not applicable'), 'not_applicable');
    assert.equal(parseResponse(''), null);
    assert.equal(parseResponse('Partially supported'), 'unknown');
  });

  test('a good row, with the bullets and line lists of the UN index', () => {
    const r = row({
      ...base,
      1: '- SR on torture\n- Special Procedures',
      3: '12 March 2019',
      4: 'Supported',
      5: '- 16.2 - End abuse of children\n- SDG 16.a',
      6: 'France',
    });
    assert.ok(r.ok);
    const [rec] = r.recommendations;
    assert.equal(rec?.stateCode, 'KZ');
    assert.equal(rec?.mechanismId, '12');
    assert.equal(rec?.adoptedOn, '2019-03-12');
    assert.deepEqual(rec?.sdgTargets, ['16.2', '16.a']);
    assert.equal(rec?.recommendingState, 'FR');
    assert.match(rec?.sourceKey ?? '', /^i1:[A-Za-z0-9_-]{43}$/);
  });

  test('a row naming two States gives one recommendation for each', () => {
    const r = row({ ...base, 0: '- Kazakhstan\n- Kyrgyzstan' });
    assert.ok(r.ok);
    assert.deepEqual(
      r.recommendations.map((x) => x.stateCode),
      ['KZ', 'KG'],
    );
    assert.notEqual(r.recommendations[0]?.sourceKey, r.recommendations[1]?.sourceKey);
  });

  test('the key ignores spacing and case of the text, not its words', () => {
    const a = row(base);
    const b = row({ ...base, 2: '  ENSURE   investigations. ' });
    const c = row({ ...base, 2: 'Ensure prosecutions' });
    assert.ok(a.ok && b.ok && c.ok);
    assert.equal(a.recommendations[0]?.sourceKey, b.recommendations[0]?.sourceKey);
    assert.notEqual(a.recommendations[0]?.sourceKey, c.recommendations[0]?.sourceKey);
  });

  test('bad rows are rejected with a reason a person can act on', () => {
    const reasons: [Partial<Record<number, string>>, string, Record<string, unknown>?][] = [
      [{ ...base, 0: 'Narnia' }, 'import.reason.stateUnknown', { value: 'Narnia' }],
      [{ ...base, 0: '' }, 'import.reason.stateMissing'],
      [{ ...base, 1: 'Council of Elrond' }, 'import.reason.mechanismUnknown'],
      [{ ...base, 1: 'CAT\nCRC' }, 'import.reason.mechanismAmbiguous'],
      [{ ...base, 2: '   ' }, 'import.reason.textMissing'],
      [{ ...base, 3: '31.02.2019' }, 'import.reason.dateImpossible', { value: '31.02.2019' }],
      [{ ...base, 3: 'soon' }, 'import.reason.dateUnreadable'],
      [{ ...base, 4: 'Partially supported' }, 'import.reason.responseUnknown'],
      [{ ...base, 5: 'Goal 16' }, 'import.reason.sdgGoalOnly'],
      [{ ...base, 5: '16.99' }, 'import.reason.sdgUnknown'],
      [{ ...base, 6: 'Atlantis' }, 'import.reason.recommendingStateUnknown'],
      [{ ...base, 2: 'x'.repeat(20_001) }, 'import.reason.cellTooLong'],
    ];
    for (const [cells, key, params] of reasons) {
      const r = row(cells);
      assert.equal(r.ok, false, key);
      if (r.ok) continue;
      assert.equal(r.reason.key, key);
      if (params) assert.deepEqual(r.reason.params, params);
    }
  });

  test('fixed values fill rows without a State or mechanism', () => {
    const r = validateRow(
      ['', '', 'Text'],
      { columns: { text_en: 2 }, defaults: { state: 'KZ', mechanism: 'UPR' } },
      lookups,
      ['a', 'b', 'c'],
    );
    assert.ok(r.ok);
    assert.equal(r.recommendations[0]?.stateCode, 'KZ');
    assert.equal(r.recommendations[0]?.mechanismId, '11');
  });
});

describe('the cycle a row joins by its session', () => {
  const HEAD = ['State', 'Body', 'Text', 'Session', 'Symbol'];
  const joined = (state: string, body: string, session: string, symbol = '') => {
    const outcome = validateRow(
      [state, body, 'Ensure investigations', session, symbol],
      { columns: { state: 0, mechanism: 1, text_en: 2, session: 3, symbol: 4 }, defaults: {} },
      lookups,
      HEAD,
    );
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return outcome.recommendations[0]?.cycleId;
  };

  test('a UPR row joins the cycle its cycle number or session names, of its own State and mechanism', () => {
    for (const session of [
      'Cycle 3',
      '3rd cycle',
      'UPR cycle 3',
      '3-й цикл',
      '3-цикл',
      'Цикл 3',
      '34',
      '34th session',
      'Session 34',
      '34-я сессия',
    ]) {
      assert.equal(joined('Kazakhstan', 'UPR', session), '70', session);
    }
    assert.equal(joined('Kazakhstan', 'CAT', 'Cycle 4'), '71');
    // Another State, another mechanism, another cycle or session, or none: no cycle.
    assert.equal(joined('Kyrgyzstan', 'UPR', 'Cycle 3'), null);
    assert.equal(joined('Kazakhstan', 'CAT', 'Cycle 3'), null);
    assert.equal(joined('Kazakhstan', 'UPR', 'Cycle 2'), null);
    assert.equal(joined('Kazakhstan', 'UPR', '35th session'), null);
    assert.equal(joined('Kazakhstan', 'UPR', 'Spring 2019'), null);
    assert.equal(joined('Kazakhstan', 'UPR', ''), null);
  });

  test('what a session cell names', () => {
    assert.deepEqual(sessionReference('Cycle 3 (2017-2022)'), { cycle: 3 });
    assert.deepEqual(sessionReference('2019, 3rd cycle'), { cycle: 3 });
    assert.deepEqual(sessionReference('34th session (November 2019)'), { session: 34 });
    assert.equal(sessionReference('2019'), undefined, 'a year is neither');
    assert.equal(sessionReference(null), undefined);
  });
});

describe('State names a person mapped', () => {
  test('a name mapped in a preview is recognised, as the State and as the recommending State', () => {
    const outcome = row({ ...base, 0: 'Kazakhskaia Respublika', 6: 'Kazakhskaia  respublika' });
    assert.ok(outcome.ok);
    assert.equal(outcome.recommendations[0]?.stateCode, 'KZ');
    assert.equal(outcome.recommendations[0]?.recommendingState, 'KZ');
    const unknown = row({ ...base, 0: 'Kazakhskaia Federatsiia' });
    assert.equal(unknown.ok, false);
  });
});
