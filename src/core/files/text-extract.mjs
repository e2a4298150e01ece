// Entry of the thread that reads a document's text. Under a build of Kenes (KENES_BUILD, set by
// bin/kenes.js; decision 0035) it runs the thread's built module; otherwise it registers tsx (a thread
// does not inherit the main thread's loader) and runs the TypeScript.
const built = process.env.KENES_BUILD;
if (built) await import(new URL('src/core/files/text-extract.mjs', built).href);
else {
  (await import('tsx/esm/api')).register();
  await import('./text-extract.ts');
}
