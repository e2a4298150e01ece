/**
 * `npm run shape`: the size limits of decision 0016, checked in CI beside the dependency check.
 *
 * - No source file under src/ over 400 lines, except message catalogues and demo content.
 * - No route handler over 30 lines: a function passed to a route registration (app.get/post/…,
 *   app.route's and apiGetOne's handler, langRoute, getPage, apiGet, uploadRoute, docxRoute, fileDownloadRoute…).
 *
 * Files are parsed (Babel's TypeScript parser), not matched by patterns, so a handler is measured
 * from its first line to its last whatever its formatting. Prints each excess and exits 1 if any;
 * with --report, also prints the largest files and handlers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@babel/parser';

const root = path.resolve(import.meta.dirname, '..');
const MAX_FILE_LINES = 400;
const MAX_HANDLER_LINES = 30;
/** Files exempt from the file limit: translations and demo content are data, not code. */
const EXEMPT_FILE = /^src\/(core\/i18n\/messages\/|[^/]+\/messages\/|.*\/messages\/[^/]+\.ts$|demo\/)/;
/** Functions whose function arguments are route handlers. */
const REGISTRARS = new Set([
  'langRoute',
  'getPage',
  'apiGet',
  'apiGetOne',
  'uploadRoute',
  'docxRoute',
  'fileDownloadRoute',
]);
const APP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'all', 'head', 'options']);

type Node = { type: string; loc?: { start: { line: number }; end: { line: number } }; [key: string]: unknown };

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function calleeName(callee: Node): { name: string; onApp: boolean } | undefined {
  if (callee.type === 'Identifier') return { name: callee.name as string, onApp: false };
  if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier') {
    return { name: (callee.property as Node).name as string, onApp: true };
  }
  return undefined;
}

const isFunction = (n: Node | undefined) =>
  !!n && (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression');

/** The `handler` of an options object (app.route's, apiGetOne's), if it has one. */
function handlerOf(options: Node | undefined): Node[] {
  const props = options?.type === 'ObjectExpression' ? (options.properties as Node[]) : [];
  return props
    .filter((p) => (p.key as Node | undefined)?.name === 'handler')
    .map((p) => (p.type === 'ObjectMethod' ? p : (p.value as Node)))
    .filter((f) => f && (isFunction(f) || f.type === 'ObjectMethod'));
}

/** The route handlers in one parsed file, with their first line and length. */
function handlers(ast: Node): { line: number; lines: number }[] {
  const found: { line: number; lines: number }[] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const n = node as Node;
    if (n.type === 'CallExpression') {
      const c = calleeName(n.callee as Node);
      const args = n.arguments as Node[];
      let fns: Node[] = [];
      if (c && (REGISTRARS.has(c.name) || /Route$/.test(c.name)))
        fns = [...args.filter(isFunction), ...args.flatMap(handlerOf)];
      else if (c?.onApp && APP_METHODS.has(c.name)) fns = args.filter(isFunction);
      else if (c?.onApp && c.name === 'route') fns = handlerOf(args[0]);
      for (const f of fns) {
        if (f.loc) found.push({ line: f.loc.start.line, lines: f.loc.end.line - f.loc.start.line + 1 });
      }
    }
    for (const [key, value] of Object.entries(n)) {
      if (key !== 'loc' && key !== 'start' && key !== 'end' && value && typeof value === 'object') visit(value);
    }
  };
  visit(ast);
  return found;
}

const report = process.argv.includes('--report');
const excesses: string[] = [];
const fileSizes: [string, number][] = [];
const handlerSizes: [string, number][] = [];
for (const full of sources(path.join(root, 'src'))) {
  const rel = path.relative(root, full).split(path.sep).join('/');
  const text = fs.readFileSync(full, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  fileSizes.push([rel, lines]);
  if (lines > MAX_FILE_LINES && !EXEMPT_FILE.test(rel)) {
    excesses.push(`${rel}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  }
  const ast = parse(text, {
    sourceType: 'module',
    plugins: [['typescript', {}], ...(rel.endsWith('x') ? (['jsx'] as const) : [])],
  }) as unknown as Node;
  for (const h of handlers(ast)) {
    handlerSizes.push([`${rel}:${h.line}`, h.lines]);
    if (h.lines > MAX_HANDLER_LINES) {
      excesses.push(`${rel}:${h.line}: a route handler of ${h.lines} lines (at most ${MAX_HANDLER_LINES})`);
    }
  }
}

if (report) {
  const top = (rows: [string, number][]) =>
    [...rows]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([name, n]) => `  ${String(n).padStart(5)}  ${name}`)
      .join('\n');
  console.log(`The largest source files (${fileSizes.length}):\n${top(fileSizes)}`);
  console.log(`The longest route handlers (${handlerSizes.length}):\n${top(handlerSizes)}`);
}
if (excesses.length) {
  console.error(`Over the size limits of decision 0016:\n  ${excesses.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `Shape: ${fileSizes.length} source files, none over ${MAX_FILE_LINES} lines (catalogues and demo aside); ${handlerSizes.length} route handlers, none over ${MAX_HANDLER_LINES} lines.`,
);
