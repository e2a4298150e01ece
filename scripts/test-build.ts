/**
 * Test files built before they run (`npm test`): esbuild bundles each test file with the Kenes modules
 * it imports into plain JavaScript under data/test-build/, as `kenes` builds Kenes itself (src/build.ts,
 * decision 0035), so that each test process loads a few files instead of resolving and compiling some
 * 400 TypeScript modules through tsx's loader — that start-up was most of a test file's cost. Paths to
 * migrations, fixtures and workers resolve as under tsx. Stack traces point at the sources (inline
 * source maps, `--enable-source-maps`). KENES_TEST_TSX=1 runs the sources under tsx.
 */
import { build } from '../src/build.ts';

/**
 * Builds these test files (paths relative to root) into outDir; returns each one's built path, in
 * the same order. The folder is emptied first.
 */
export function buildTests(root: string, files: string[], outDir: string): Promise<string[]> {
  return build(root, files, outDir, 'inline');
}
