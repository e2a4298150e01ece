import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { kenesOn } from '../testing/kenes.ts';

const t = useTestApp();

/** `kenes ARGS…`, run in-process with the environment the command would have had. */
const kenes = (...args: string[]) => kenesOn(t.url, args, { PUBLIC_URL: 'http://localhost:3000' });

describe('kenes create-admin and reset-password', { concurrency: false }, () => {
  test('create-admin makes an administrator who can sign in and read the audit log', async () => {
    const r = await kenes(
      'create-admin',
      '--email',
      'Chief@Example.org',
      '--password',
      'a-strong-admin-pass',
      '--name',
      'Chief',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Administrator chief@example\.org created/);
    const c = new TestClient(t.app);
    await c.signIn('chief@example.org', 'a-strong-admin-pass');
    assert.equal((await c.get('/en/admin/audit')).statusCode, 200);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'action'])
      .where('entity', '=', 'user')
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry, { actor_label: 'kenes create-admin', action: 'create' });
  });

  test('create-admin refuses a weak password or a missing argument, and writes nothing', async () => {
    const weak = await kenes('create-admin', '--email', 'weak@example.org', '--password', 'password1');
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /The password is not acceptable/);
    const missing = await kenes('create-admin', '--email', 'x@example.org');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /needs --email and --password/);
    const bad = await kenes('create-admin', '--email', 'not an email', '--password', 'a-strong-admin-pass');
    assert.equal(bad.status, 1);
    const users = await t.db.selectFrom('users').select('email').execute();
    assert.deepEqual(users, [{ email: 'chief@example.org' }]);
  });

  test('reset-password prints a one-hour link that sets a new password', async () => {
    const r = await kenes('reset-password', '--email', 'chief@example.org');
    assert.equal(r.status, 0, r.stderr);
    const link = r.stdout.match(/http:\/\/localhost:3000(\/kk\/password-reset\/\S+)/)?.[1];
    assert.ok(link);
    const c = new TestClient(t.app);
    const res = await c.post(link, { password: 'the-new-admin-pass', confirm: 'the-new-admin-pass' });
    assert.equal(res.statusCode, 303);
    await c.signIn('chief@example.org', 'the-new-admin-pass');
    const unknown = await kenes('reset-password', '--email', 'nobody@example.org');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No account has the e-mail nobody@example\.org/);
  });
});
