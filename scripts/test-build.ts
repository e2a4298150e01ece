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
    packages: 'external',
    outdir: outDir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'inline',
    // The map says where each line came from, without a copy of the sources (they are on disk): a
    // map half the size, which every test process parses at start (--enable-source-maps).
    sourcesContent: false,
    plugins: [sourcePlace],
    logLevel: 'error',
  });
  return files.map((f) => path.join(outDir, f.replace(SOURCE, '.mjs')));
}
