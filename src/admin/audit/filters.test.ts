/** The audit log page filtered by action alone, and paged back from an entry alone: exactly the entries asked for. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { audit, systemActor } from '../../core/audit.ts';
import { AUDIT_PAGE } from '../../core/audit-log.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { lastAudit } from '../../testing/data.ts';
import { parseHtml, textOf } from '../../testing/html.ts';

let admin: TestClient;
const t = useTestApp({ demo: true }, async () => {
  admin = await TestClient.signedIn(t.app, 'admin@kenes.demo');
});

/** The ids in the first column of the audit page at `url`, top to bottom; fails unless it answers 200. */
async function idsShown(url: string): Promise<string[]> {
  const res = await admin.get(url);
  assert.equal(res.statusCode, 200, url);
  return parseHtml(res.body)
    .querySelectorAll('table.audit tbody tr')
    .map((tr) => textOf(tr.querySelector('td')));
}

/** Writes an entry and gives its id. */
async function entry(action: string, entityId: string): Promise<string> {
  await audit(t.db, systemActor('robot-filters'), { entity: 'gizmo', entityId, action, after: { entityId } });
  return String((await lastAudit(t.db, { entity: 'gizmo', entityId })).id);
}

describe('audit log filters', () => {
  test('by action: only the entries of that action, newest first', async () => {
    const zaps: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await entry(i % 2 ? 'zap' : 'nudge', `a${i}`);
      if (i % 2) zaps.push(id);
    }
    assert.deepEqual(await idsShown('/en/admin/audit?action=zap'), zaps.reverse());
    assert.deepEqual(await idsShown('/en/admin/audit?action=no-such-action'), []);
  });

  test('before an entry: the page of entries older than it, newest first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await entry('poke', `b${i}`));
    const from = ids[3] ?? '';
    const expected = (
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('id', '<', from)
        .orderBy('id', 'desc')
        .limit(AUDIT_PAGE)
        .execute()
    ).map((r) => String(r.id));
    const shown = await idsShown(`/en/admin/audit?before=${from}`);
    assert.deepEqual(shown, expected);
    assert.equal(shown[0], ids[2], 'the entry just before');
    assert.ok(!shown.includes(from) && !shown.includes(ids[4] ?? ''), 'nothing from that entry on');
  });
});
