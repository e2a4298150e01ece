import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { allStateCodes, stateCode } from './state-codes.ts';

/*
 * Issue 17: the importer recognises each of the 193 member States and the two observer States as the
 * UN (short and formal names), ISO 3166, UN M49, UPR Info and the Universal Human Rights Index write
 * them, in Russian and Kazakh too, and by their codes. testdata/state-names.tsv is typed from those
 * sources' lists, one State a line.
 */

const rows = fs
  .readFileSync(new URL('./testdata/state-names.tsv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t'));
const [header, ...states] = rows as [string[], ...string[][]];

describe('State names', () => {
  test('the list holds the 193 member States and the two observer States, once each', () => {
    assert.equal(states.length, 195);
    assert.equal(new Set(states.map((s) => s[0])).size, 195);
  });

  for (const [column, style] of header.entries()) {
    if (column === 0) continue;
    test(`every State by its ${style} name`, () => {
      const missed = states
        .filter((s) => stateCode(s[column] as string) !== s[0])
        .map((s) => `${s[column]} → ${stateCode(s[column] as string)} (${s[0]})`);
      assert.deepEqual(missed, []);
    });
  }

  test('every State by its alpha-2, alpha-3 and M49 codes, and as UPR Info and the UN index abbreviate', () => {
    for (const [name, code] of [
      ['KAZ', 'KZ'],
      ['kz', 'KZ'],
      ['398', 'KZ'],
      ['4', 'AF'],
      ['004', 'AF'],
      ['DPR Korea', 'KP'],
      ['Lao PDR', 'LA'],
      ['FYR Macedonia', 'MK'],
      ['Macedonia, the former Yugoslav Republic of', 'MK'],
      ['Swaziland', 'SZ'],
      ['Burma', 'MM'],
      ['Republic of Congo', 'CG'],
      ['Congo, Democratic Republic of the', 'CD'],
      ['Dem. Rep. Congo', 'CD'],
      ['Korea, Republic of', 'KR'],
      ['St. Lucia', 'LC'],
      ['Saint Kitts & Nevis', 'KN'],
      ['Cape Verde', 'CV'],
      ['Ivory Coast', 'CI'],
      ['Қазақстан Республикасы', 'KZ'],
      ['Республика Казахстан', 'KZ'],
      ['Российская Федерация', 'RU'],
      ['Ресей Федерациясы', 'RU'],
      ['Kosovo', 'XK'],
    ]) {
      assert.equal(stateCode(name as string), code, name);
    }
    const codes = allStateCodes();
    for (const s of states) assert.ok(codes.includes(s[0] as string), s[0]);
  });

  test('what names no State is not guessed', () => {
    for (const name of ['Narnia', 'SU', 'Yugoslavia', 'Korea', '999', '0', 'Republic', 'The', '', 'Guinea-Narnia']) {
      assert.equal(stateCode(name), undefined, name);
    }
  });
});
