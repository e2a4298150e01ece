/**
 * Kenes built to plain JavaScript by esbuild (decision 0035). The `kenes` command (bin/kenes.js) runs
 * such a build, made once per version of the sources, instead of compiling some 400 TypeScript modules
 * through tsx's loader in every process; `npm test` builds its test files the same way
 * (scripts/test-build.ts). Shared modules go to common chunks; packages stay in node_modules except the
 * pure-ESM ones of many small modules (BUNDLED). What a module knows of its own place (import.meta.url,
 * .dirname, .filename) is its source's, as under tsx, so migrations, fixtures, fonts and worker entries
 * resolve as before. Run by bin/kenes.js as `node --import tsx src/build.ts OUT_DIR`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const SOURCE = /\.(ts|tsx|mts)$/;

/** esbuild plugin: a Kenes module's import.meta says where its source is, not where its bundle is. */
const sourcePlace: esbuild.Plugin = {
  name: 'source-place',
  setup(build) {
    build.onLoad({ filter: SOURCE }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: path.dirname(args.path) };
    });
  },
};

/**
 * Packages bundled into the chunks rather than loaded from node_modules: pure ESM, many small modules
 * each (kysely alone is 264), which Node resolves and compiles one file at a time; bundled, a test
 * process loads Kenes in 12 % less CPU (measured: 1.33 s against 1.55 s). The others stay in
 * node_modules: native addons, packages that read their own files at run time (fonts, workers,
 * binaries, JSON by path), CommonJS, and whatever the tests drive from outside (Chromium, axe).
 */
const BUNDLED = new Set([
  'kysely',
  'zod',
  'diff',
  'strtok3',
  'file-type',
  'openid-client',
  'markdown-it',
  'csv-parse',
  'csv-stringify',
  'preact',
  'preact-render-to-string',
  'ical-generator',
  'linkedom',
  '@observablehq/plot',
]);

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** esbuild plugin: every package is external but those BUNDLED (and what they import). */
const somePackagesExternal: esbuild.Plugin = {
  name: 'some-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.importer.includes(`${path.sep}node_modules${path.sep}`))
        return undefined;
      return BUNDLED.has(packageOf(args.path)) ? undefined : { path: args.path, external: true };
    });
  },
};

/** The entry points built by `kenes`: the command, and the worker threads' modules (run without tsx). */
export const KENES_ENTRIES = ['src/cli.ts', 'src/obligations/report/docx-worker.ts', 'src/core/files/text-extract.ts'];

/**
 * Builds the entry points (paths relative to root) into outDir, emptied first; returns each one's built
 * path, in the same order (src/cli.ts → OUT_DIR/src/cli.mjs). Source maps: inline for the tests, which
 * run with --enable-source-maps; in files beside the build for `kenes`, read only when a stack is shown.
 */
export async function build(
  root: string,
  entries: string[],
  outDir: string,
  sourcemap: 'inline' | 'linked',
): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS code inside a bundled package calls require(): give the ES modules one.
    banner: {
      js: "import { createRequire as kenesCreateRequire } from 'node:module'; const require = kenesCreateRequire(import.meta.url);",
    },
    outdir: outDir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap,
    // The map says where each line came from, without a copy of the sources (they are on disk): half
    // the size to read.
    sourcesContent: false,
    plugins: [somePackagesExternal, sourcePlace],
    logLevel: 'error',
  });
  return entries.map((f) => path.join(outDir, f.replace(SOURCE, '.mjs')));
}

// `node --import tsx src/build.ts OUT_DIR`: the build `kenes` runs (bin/built.js).
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node --import tsx src/build.ts OUT_DIR');
  await build(path.resolve(import.meta.dirname, '..'), KENES_ENTRIES, path.resolve(outDir), 'linked');
}
