// Loaded before every test process's entry (scripts/test.ts, `--import`): keeps node:test's async hook
// (it maps every promise to the test that made it) when node:test makes it, so that a group's
// entry (scripts/test-groups.ts) can turn node:test's off once every file of the group has registered
// its tests. That tracking (an init and a destroy hook on every promise) took ~8 % of a test process's
// CPU, measured with a CPU profile of the two visibility test files: 21.3 s busy with it, 19.6 s
// without, the garbage collector's share 6.4 % against 4.6 %. Without it, an error a test leaves
// behind (a rejection nobody awaits) still fails the run, named in a diagnostic, but not under the test
// that caused it: KENES_TEST_HOOKS=keep keeps the tracking, to find which.
import asyncHooks from 'node:async_hooks';

const create = asyncHooks.createHook;
asyncHooks.createHook = function createHook(callbacks) {
  const hook = create.call(this, callbacks);
  // Only node:test's (its harness makes it); any other hook is left alone.
  if (/internal\/test_runner\/harness/.test(new Error().stack ?? '')) {
    globalThis.__kenesAsyncHooks ??= [];
    globalThis.__kenesAsyncHooks.push(hook);
  }
  return hook;
};
