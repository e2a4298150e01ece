#!/usr/bin/env node
// The `kenes` command. Kenes runs its TypeScript sources through tsx (docs/decisions/0001-stack.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
