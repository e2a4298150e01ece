import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { auditCount, lastAudit } from '../../testing/data.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { kenesOn } from '../../testing/kenes.ts';

/* `kenes import ratifications FILE` as a user runs it (in-process), against its own database. */

let t: TestDatabase;
let dir: string;
before(async () => {
  t = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-ratifications-'));
});
after(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

/** `kenes ARGS…`, run in-process with the environment the command would have had. */
const kenes = (...args: string[]) => kenesOn(t.url, args, { PUBLIC_URL: 'http://localhost:3000' });
function file(name: string, content: string | Buffer) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}
const statuses = async () =>
  Object.fromEntries(
    (
      await t.db
        .selectFrom('mechanisms')
        .select(['code', 'ratification_status', 'ratified_on'])
        .where('kind', '=', 'treaty_body')
        .execute()
    ).map((r) => [r.code, `${r.ratification_status ?? '-'} ${r.ratified_on ?? '-'}`]),
  );
const imports = () => auditCount(t.db, 'ratification_import');

test('a file with bad rows imports nothing and names each line; exit code 1', async () => {
  const before = await statuses();
  const bad = file(
    'bad.csv',
    '\uFEFFtreaty,status,signature date,ratification date\r\nCAT,acceded,,26.08.1998\r\nXYZ,ratified,,\r\nCRC,ratified,,31.02.1994\r\n',
  );
  const r = await kenes('import', 'ratifications', bad);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /Nothing was imported: 2 problems were found/);
  assert.match(r.stderr, /Line 3: Unknown treaty “XYZ”/);
  assert.match(r.stderr, /Line 4: “31\.02\.1994” is not a date/);
  const ru = await kenes('import', 'ratifications', bad, '--lang', 'ru');
  assert.match(ru.stderr, /Строка 3: Неизвестный договор «XYZ»/);
  assert.deepEqual(await statuses(), before);
  assert.equal(await imports(), 0);
});

test("OHCHR's export imports; the same file again changes nothing", async () => {
  const ohchr = file(
    'ohchr.csv',
    [
      'Treaty Description,Treaty Name,Signature Date,"Ratification Date, Accession(a), Succession(d) Date"',
      'Convention against Torture,CAT,,26 Aug 1998 (a)',
      'Optional Protocol of the Convention against Torture,CAT-OP,25 Sep 2007,22 Oct 2008',
      'International Covenant on Civil and Political Rights,CCPR,02 Dec 2003,24 Jan 2006',
    ].join('\n'),
  );
  const r = await kenes('import', 'ratifications', ohchr);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Ratifications imported: 3 changed, 0 already up to date/);
  const after = await statuses();
  assert.equal(after.CAT, 'acceded 1998-08-26');
  assert.equal(after.SPT, 'ratified 2008-10-22');
  assert.equal(after.CCPR, 'ratified 2006-01-24');
  assert.equal(await imports(), 1);
  const entry = await lastAudit(t.db, { entity: 'ratification_import' });
  assert.equal(entry.actor_label, 'kenes import ratifications');

  const again = await kenes('import', 'ratifications', ohchr);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /0 changed, 3 already up to date/);
  assert.deepEqual(await statuses(), after);
  assert.equal(await imports(), 1);
});

test('a missing file, a binary file or no argument is a clear error', async () => {
  const none = await kenes('import', 'ratifications');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /usage: kenes import ratifications FILE/);
  const missing = await kenes('import', 'ratifications', path.join(dir, 'nope.csv'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.csv: no such file/);
  const png = await kenes(
    'import',
    'ratifications',
    file('x.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00])),
  );
  assert.equal(png.status, 1);
  assert.match(png.stderr, /not UTF-8 text/);
});
