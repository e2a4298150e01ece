import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ids, many } from './forms.ts';

test('a field posted once, many times or not at all: its non-empty values, each checked, at most max', () => {
  const schema = ids(2);
  assert.deepEqual(schema.parse(undefined), []);
  assert.deepEqual(schema.parse('7'), ['7']);
  assert.deepEqual(schema.parse(['7', '', '8']), ['7', '8']);
  assert.equal(schema.safeParse(['7', 'x']).success, false, 'not an id');
  assert.equal(schema.safeParse(['1', '2', '3']).success, false, 'more than max');
  const targets = many(/^\d{1,2}\.[0-9a-z]{1,2}$/, 5, 'validation.choice');
  assert.deepEqual(targets.parse(['16.2', '4.a']), ['16.2', '4.a']);
  assert.equal(targets.safeParse('sixteen').error?.issues[0]?.message, 'validation.choice');
});
