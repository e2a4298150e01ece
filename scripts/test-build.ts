/**
 * Test files built before they run (`npm test`): esbuild bundles each test file with the Kenes modules
 * it imports into plain JavaScript under data/test-build/ (shared modules in common chunks, packages
 * left to node_modules), so that each test process loads a few files instead of resolving and
 * compiling some 400 TypeScript modules through tsx's loader — that start-up was most of a test file's
 * cost. What a module knows of its own place (import.meta.url, .dirname, .filename) is its source's, as
 * under tsx, so paths to migrations, fixtures and workers resolve as before. Stack traces point at the
 * sources (inline source maps, `--enable-source-maps`). KENES_TEST_TSX=1 runs the sources under tsx.
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
 * Packages bundled into the tests' chunks rather than loaded from node_modules: pure ESM, many small
 * modules each (kysely alone is 264), which Node resolves and compiles one file at a time; bundled, a
 * test process loads Kenes in 12 % less CPU (measured: 1.33 s against 1.55 s). The others stay in
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

/**
 * Builds these test files (paths relative to root) into outDir; returns each one's built path, in
 * the same order. The folder is emptied first.
 */
export async function buildTests(root: string, files: string[], outDir: string): Promise<string[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: files,
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
    sourcemap: 'inline',
    // The map says where each line came from, without a copy of the sources (they are on disk): a
    // map half the size, which every test process parses at start (--enable-source-maps).
    sourcesContent: false,
    plugins: [somePackagesExternal, sourcePlace],
    logLevel: 'error',
  });
  return files.map((f) => path.join(outDir, f.replace(SOURCE, '.mjs')));
}
