/**
 * The second pass's files (scripts/test-engine.ts): every statement of the first pass runs again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverStatements, type StatementRecord } from '../scripts/test-engine.ts';

const record = (files: Record<string, string[]>): StatementRecord => ({
  commit: 'c',
  files,
  shapes: {},
  complete: true,
});

const covered = (files: string[], r: StatementRecord) => new Set(files.flatMap((f) => r.files[f] ?? []));

test('files whose statements a chosen file runs are left out; files the record does not know always run', () => {
  const r = record({ big: ['a', 'b'], other: ['b'], slow: ['a'] });
  const durations = new Map([
    ['big', 2_000],
    ['other', 1_000],
    ['slow', 5_000],
  ]);
  const cover = coverStatements(['big', 'other', 'slow', 'new'], r, durations);
  assert.deepEqual(cover.files, ['big', 'new']);
  assert.deepEqual(cover.unknown, ['new']);
  assert.deepEqual(cover.elsewhere, []);
});

test('statements only files outside the candidates ran are named, since no choice runs them', () => {
  const r = record({ db: ['a', 'b'], browser: ['b', 'c', 'd'], lifecycle: ['d', 'e'] });
  const cover = coverStatements(['db'], r, new Map());
  assert.deepEqual(cover.files, ['db']);
  assert.equal(cover.statements, 2);
  assert.deepEqual(cover.elsewhere, ['c', 'd', 'e']);
});

test('every statement is covered, whatever the durations', () => {
  // A few hundred random records: the choice always runs every statement the candidates ran.
  let seed = 7;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let round = 0; round < 300; round++) {
    const files: Record<string, string[]> = {};
    const durations = new Map<string, number>();
    for (let f = 0; f < 2 + Math.floor(random() * 12); f++) {
      files[`f${f}`] = [
        ...new Set(Array.from({ length: 1 + Math.floor(random() * 8) }, () => `s${Math.floor(random() * 20)}`)),
      ];
      durations.set(`f${f}`, 100 + Math.floor(random() * 10_000));
    }
    const r = record(files);
    const cover = coverStatements(Object.keys(files), r, durations);
    assert.deepEqual(covered(cover.files, r), new Set(Object.values(files).flat()), `round ${round}`);
    assert.equal(new Set(cover.files).size, cover.files.length, 'no file twice');
  }
});
