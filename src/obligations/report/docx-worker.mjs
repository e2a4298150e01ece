// Entry of the thread that builds DOCX files: registers tsx (the thread does not inherit the main
// thread's loader), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./docx-worker.ts');
