import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { backupName } from '../../core/backup/schedule.ts';
import { createTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-admin-backups-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('administrators see the backups of BACKUP_DIR with their size and age, in their language', async () => {
  const taken = new Date(Date.now() - (2 * 24 + 5) * 60 * 60 * 1000 - 60_000);
  fs.writeFileSync(path.join(dir, backupName(taken)), Buffer.alloc(3 * 1024 * 1024));
  fs.writeFileSync(path.join(dir, 'other.txt'), 'not listed');
  const t = await createTestApp({ demo: true, config: { backupDir: dir, backupKeep: 5 } });
  try {
    const admin = new TestClient(t.app);
    await admin.signIn('admin@kenes.demo');
    for (const [lang, size, age] of [
      ['en', '3 MB', '2 d 5 h'],
      ['ru', '3 МБ', '2 дн. 5 ч'],
      ['kk', '3 МБ', '2 күн 5 сағ'],
    ] as const) {
      const res = await admin.get(`/${lang}/admin/backups`);
      assert.equal(res.statusCode, 200);
      const rows = parseHtml(res.body)
        .querySelectorAll('tbody tr')
        .map((r) => r.querySelectorAll('td').map((c) => textOf(c)));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.[0], backupName(taken));
      assert.equal(rows[0]?.[2], size);
      assert.equal(rows[0]?.[3], age);
      assert.ok(res.body.includes(dir), 'the folder is named');
    }
    const secretariat = new TestClient(t.app);
    await secretariat.signIn('secretariat@kenes.demo');
    assert.equal((await secretariat.get('/en/admin/backups')).statusCode, 403);
  } finally {
    await t.close();
  }
});
