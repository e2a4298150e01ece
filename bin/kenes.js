#!/usr/bin/env node
// The `kenes` command. Kenes runs its TypeScript sources through tsx (docs/decisions/0001-stack.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const status = await main(process.argv.slice(2));
// A failed command ends here even if something it opened is still pending; `start` returns 0 and serves on.
if (status !== 0) process.exit(status);
