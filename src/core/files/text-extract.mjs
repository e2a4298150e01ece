// Entry of the thread that reads a document's text: registers tsx (a thread does not inherit the main
// thread's loader), then runs the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./text-extract.ts');
