import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';

/*
 * The seeded Sustainable Development Goals (migration 202611290011) against the structure of
 * resolution 70/1: per goal, the numbered targets and then the lettered means of implementation.
 */

// Goal → [numbered targets, lettered targets].
const OFFICIAL: Record<number, [number, number]> = {
  1: [5, 2],
  2: [5, 3],
  3: [9, 4],
  4: [7, 3],
  5: [6, 3],
  6: [6, 2],
  7: [3, 2],
  8: [10, 2],
  9: [5, 3],
  10: [7, 3],
  11: [7, 3],
  12: [8, 3],
  13: [3, 2],
  14: [7, 3],
  15: [9, 3],
  16: [10, 2],
  17: [19, 0],
};

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.drop());

test('17 goals, each named in kk, ru and en', async () => {
  const goals = await t.db.selectFrom('sdg_goals').select(['number', 'name']).orderBy('number').execute();
  assert.deepEqual(
    goals.map((g) => g.number),
    Array.from({ length: 17 }, (_, i) => i + 1),
  );
  for (const g of goals) {
    for (const lang of ['kk', 'ru', 'en'] as const) assert.ok(g.name[lang]?.trim(), `goal ${g.number} in ${lang}`);
  }
  assert.equal(goals[15]?.name.en, 'Peace, justice and strong institutions');
  assert.equal(goals[15]?.name.ru, 'Мир, правосудие и эффективные институты');
});

test('169 targets with exactly the official codes of each goal', async () => {
  const targets = await t.db.selectFrom('sdg_targets').select(['code', 'goal', 'text']).execute();
  assert.equal(targets.length, 169);
  for (const [goal, [numbered, lettered]] of Object.entries(OFFICIAL)) {
    const expected = [
      ...Array.from({ length: numbered }, (_, i) => `${goal}.${i + 1}`),
      ...Array.from({ length: lettered }, (_, i) => `${goal}.${String.fromCharCode(97 + i)}`),
    ].sort();
    const actual = targets
      .filter((r) => r.goal === Number(goal))
      .map((r) => r.code)
      .sort();
    assert.deepEqual(actual, expected, `goal ${goal}`);
    assert.equal(actual.length, numbered + lettered);
  }
  // A target's code names its goal.
  for (const r of targets) assert.equal(r.code.split('.')[0], String(r.goal), r.code);
});

test('every target has its full English text', async () => {
  const targets = await t.db.selectFrom('sdg_targets').select(['code', 'text']).execute();
  for (const r of targets) {
    const en = r.text.en ?? '';
    assert.ok(en.length >= 50, `${r.code} is too short to be the official text: ${en}`);
    assert.doesNotMatch(en, /…|\.\.\.$/, `${r.code} is shortened`);
    assert.match(en, /^[A-Z]/, r.code);
  }
  const byCode = new Map(targets.map((r) => [r.code, r.text.en]));
  assert.equal(
    byCode.get('16.2'),
    'End abuse, exploitation, trafficking and all forms of violence against and torture of children',
  );
  assert.equal(
    byCode.get('16.10'),
    'Ensure public access to information and protect fundamental freedoms, in accordance with national legislation and international agreements',
  );
  assert.match(byCode.get('14.c') ?? '', /paragraph 158 of “The future we want”$/);
  assert.match(byCode.get('17.19') ?? '', /^By 2030, build on existing initiatives/);
});
