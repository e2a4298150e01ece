/**
 * The test runner's own set-up (scripts/test.ts): node:test's tracking of every promise is captured
 * by scripts/test-preload.mjs and turned off once a group's files are loaded (test-groups.ts). A Node
 * whose node:test makes its hook elsewhere fails here, rather than the suite silently paying for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

const preloaded = process.execArgv.some((a) => a.endsWith('test-preload.mjs'));

test("node:test's async hook is the one the preload keeps", { skip: !preloaded && 'not run by npm test' }, () => {
  const hooks = (globalThis as { __kenesAsyncHooks?: { disable(): unknown }[] }).__kenesAsyncHooks;
  assert.equal(hooks?.length, 1);
});
