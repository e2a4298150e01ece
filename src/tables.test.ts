import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CORE_READS_OF_DOMAIN_TABLES, TABLE_OWNERS, type TableOwner } from './core/db/owners.ts';

/*
 * No domain reads another domain's tables (issue 11, decision 0016): the SQL over a table lives only
 * in its owner's modules (src/core/db/owners.ts). Scans the source, not the database: every Kysely
 * builder call that names a table and every FROM / JOIN / INTO / UPDATE of raw SQL.
 */

const DOMAINS = ['accounts', 'admin', 'home', 'meetings', 'obligations', 'organisations', 'proposals'] as const;
const owners = TABLE_OWNERS as Readonly<Record<string, TableOwner>>;

/** Tests and the data they set up may touch any table. */
const isTestSource = (path: string) => /\.test\.tsx?$|(^|\/)test-[^/]*\.ts$|fixtures?\.ts$/.test(path);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name) && !isTestSource(path)) yield path;
  }
}

/** Comments blanked (their line breaks kept, so line numbers stay right). */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));

const KYSELY =
  /\b(?:selectFrom|innerJoin|leftJoin|rightJoin|fullJoin|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|from|table|id)\(\s*\[?\s*['"`]([a-z_]+)/g;
const RAW = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+([a-z_]+)\b/g;

/** Every table a file names, with its line. */
export function tablesNamed(text: string): { table: string; line: number }[] {
  const clean = withoutComments(text);
  const found: { table: string; line: number }[] = [];
  for (const pattern of [KYSELY, RAW]) {
    for (const m of clean.matchAll(pattern)) {
      const table = m[1] ?? '';
      if (owners[table] === undefined) continue;
      found.push({ table, line: clean.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

function violations(dir: string, mayUse: (table: string, file: string) => boolean): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const { table, line } of tablesNamed(readFileSync(file, 'utf8'))) {
      if (!mayUse(table, file)) out.push(`${file}:${line} uses ${table} (owned by ${owners[table]})`);
    }
  }
  return out;
}

describe('table ownership', () => {
  test('every table the migrations create has one owner, and every owned table exists', () => {
    const created = new Set<string>();
    for (const name of readdirSync('migrations').filter((n) => n.endsWith('.sql'))) {
      const sql = readFileSync(join('migrations', name), 'utf8');
      for (const m of sql.matchAll(
        /\bcreate\s+(?:unlogged\s+)?(?:table|(?:materialized\s+)?view)\s+(?:if\s+not\s+exists\s+)?([a-z_]+)/gi,
      )) {
        created.add((m[1] ?? '').toLowerCase());
      }
    }
    assert.deepEqual([...created].filter((t) => owners[t] === undefined).sort(), [], 'tables without an owner');
    assert.deepEqual(
      Object.keys(owners)
        .filter((t) => !created.has(t))
        .sort(),
      [],
      'owned tables no migration creates',
    );
  });

  for (const domain of DOMAINS) {
    test(`${domain} uses only its own tables`, () => {
      assert.deepEqual(
        violations(join('src', domain), (table) => owners[table] === domain),
        [],
      );
    });
  }

  test("core uses only core's tables (but for the listed reads of the floor)", () => {
    assert.deepEqual(
      violations(join('src', 'core'), (table, file) => {
        if (owners[table] === 'core') return true;
        return (CORE_READS_OF_DOMAIN_TABLES[file.split('\\').join('/')] ?? []).includes(table as never);
      }),
      [],
    );
  });

  test('the scan sees Kysely calls and raw SQL, and not comments', () => {
    const named = tablesNamed(
      [
        "db.selectFrom('organisations as o').innerJoin('people as p', 'p.id', 'o.id')",
        'sql`SELECT 1 FROM users u JOIN meetings m ON true`',
        "// selectFrom('tasks') in a comment",
        '/* UPDATE proposals */ trx.updateTable("themes")',
      ].join('\n'),
    );
    assert.deepEqual(named.map((n) => `${n.line}:${n.table}`).sort(), [
      '1:organisations',
      '1:people',
      '2:meetings',
      '2:users',
      '4:themes',
    ]);
  });
});
