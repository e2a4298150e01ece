import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { auditKeyId, parseAuditKeys, readOrCreateAuditKeys, rotateAuditKey } from './audit-keys.ts';
import { ConfigError } from './config.ts';

describe('audit keys', () => {
  test('AUDIT_KEY: comma-separated, the last one signs, each known by its fingerprint', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(40);
    const ring = readOrCreateAuditKeys('/nonexistent', `${a}, ${b}`);
    assert.equal(ring.current.id, auditKeyId(b));
    assert.deepEqual([...ring.byId.keys()], [auditKeyId(a), auditKeyId(b)]);
    assert.throws(() => parseAuditKeys(`${a},short`, 'AUDIT_KEY'), ConfigError);
  });

  test('DATA_DIR: generated once, even by processes starting together; rotation appends', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenes-keys-'));
    try {
      // Eight processes create the key file at the same moment: all must read the same key.
      const script = `import { readOrCreateAuditKeys } from ${JSON.stringify(path.resolve(import.meta.dirname, 'audit-keys.ts'))};
        process.stdout.write(readOrCreateAuditKeys(${JSON.stringify(dir)}, undefined).current.id);`;
      const ids = await Promise.all(
        Array.from(
          { length: 8 },
          () =>
            new Promise<string>((resolve, reject) => {
              const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
              let out = '';
              child.stdout.on('data', (d) => {
                out += d;
              });
              child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
            }),
        ),
      );
      assert.equal(new Set(ids).size, 1);
      assert.equal((fs.statSync(path.join(dir, 'audit-keys')).mode & 0o777).toString(8), '600');
      const first = readOrCreateAuditKeys(dir, undefined);
      const next = rotateAuditKey(dir);
      const ring = readOrCreateAuditKeys(dir, undefined);
      assert.equal(ring.current.id, next);
      assert.ok(ring.byId.has(first.current.id), 'the old key still verifies');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
