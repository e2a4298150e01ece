/**
 * The shape of Kenes's imports (decision 0016), checked in CI by `npm run deps`:
 * - no import cycle anywhere (tests included);
 * - core imports nothing above it: no domain, no demo, no app-level file (app.ts, domains.ts, cli.ts, server.ts);
 * - a domain imports another domain only through that domain's index.ts (its public surface), never its
 *   internals, and never the app-level files that assemble the domains;
 * - the demo content and the test support (src/testing) are app-level: only app-level files and tests use them.
 */
const DOMAINS = 'accounts|admin|home|meetings|obligations|organisations|proposals';
const APP_LEVEL = '^src/(app|domains|cli|server)\\.ts$';
const TEST = '\\.test\\.tsx?$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment:
        'An import cycle: two modules that need each other belong together, or one of them depends on an abstraction.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-below',
      severity: 'error',
      comment:
        'core is the floor: it offers extension points (src/core/extensions.ts) which the domains fill in; it never imports them.',
      from: { path: '^src/core/', pathNot: TEST },
      to: { path: [`^src/(${DOMAINS}|demo|testing)/`, APP_LEVEL] },
    },
    {
      name: 'core-tests-stay-below',
      severity: 'error',
      comment: "core's own tests test core: no domain's internals (the assembled app comes from src/testing).",
      from: { path: `^src/core/.+${TEST}` },
      to: { path: `^src/(${DOMAINS})/` },
    },
    {
      name: 'domain-through-index',
      severity: 'error',
      comment: "A domain asks another domain through that domain's index.ts, never its internals.",
      from: { path: `^src/(${DOMAINS})/`, pathNot: TEST },
      to: { path: `^src/(${DOMAINS})/`, pathNot: ['^src/$1/', `^src/(${DOMAINS})/index\\.ts$`] },
    },
    {
      name: 'domain-not-up',
      severity: 'error',
      comment:
        'Domains are assembled by app.ts and domains.ts; they never import them, nor the demo or the test support.',
      from: { path: `^src/(${DOMAINS})/`, pathNot: TEST },
      to: { path: [APP_LEVEL, '^src/(demo|testing)/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|test|scripts)/',
    tsPreCompilationDeps: true,
    // TypeScript 7 has no JavaScript API, so TS and TSX are read through Babel, whose output acorn parses
    // (@swc/core being installed is what makes dependency-cruiser scan .ts and .tsx files at all).
    babelConfig: { fileName: '.babelrc.depcruise.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
