#!/usr/bin/env node
// The `kenes` command. Kenes runs built to plain JavaScript (bin/built.js, decision 0035), or, with
// KENES_BUILD=off or where no build can be made, its TypeScript sources through tsx (decision 0001).
import { builtKenes } from './built.js';

const built = builtKenes();
let main;
if (built) {
  // The worker threads' entries (*.mjs beside their sources) load their built modules from here.
  process.env.KENES_BUILD = built;
  // Stacks in logs name the sources' lines (the maps are read only when a stack is shown).
  process.setSourceMapsEnabled(true);
  ({ main } = await import(new URL('src/cli.mjs', built).href));
} else {
  delete process.env.KENES_BUILD;
  (await import('tsx/esm/api')).register();
  ({ main } = await import('../src/cli.ts'));
}
const status = await main(process.argv.slice(2));
// A failed command ends here even if something it opened is still pending; `start` returns 0 and serves on.
if (status !== 0) process.exit(status);
