import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD } from '../../demo/content.ts';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { auditCount, lastAudit, userId } from '../../testing/data.ts';
import { errorsOf, parseHtml, textOf } from '../../testing/html.ts';

const t = useTestApp({ demo: true });

describe('deleting one’s own account', () => {
  test('the password is required; then the personal data goes, every session ends, and it is audited', async () => {
    const id = await userId(t.db, 'citizen@kenes.demo');
    const proposal = await t.db
      .selectFrom('proposals')
      .select('id')
      .where('status', '!=', 'draft')
      .executeTakeFirstOrThrow();
    const here = await TestClient.signedIn(t.app, 'citizen@kenes.demo');
    const elsewhere = await TestClient.signedIn(t.app, 'citizen@kenes.demo');
    await here.post(`/en/proposals/${proposal.id}/follow`, { follow: '1' });
    assert.equal((await here.post(`/en/proposals/${proposal.id}/support`, { support: '1' })).statusCode, 303);
    const page = parseHtml((await here.get('/kk/account')).body);
    assert.match(textOf(page.querySelector('main')), /«жойылған пайдаланушы» деген атпен қалады/);

    const wrong = await here.post('/kk/account/delete', { password: 'not-my-password' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(textOf(parseHtml(wrong.body).querySelector('#error-delete-password')), 'Қазіргі құпиясөз қате.');
    const ok = await here.post('/kk/account/delete', { password: DEMO_PASSWORD });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/kk/');

    const row = await t.db
      .selectFrom('users')
      .select(['display_name', 'email', 'disabled_at', 'deleted_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.display_name, 'deleted user');
    assert.equal(row.email, `deleted-${id}@deleted.invalid`);
    assert.ok(row.disabled_at && row.deleted_at);
    assert.equal(
      await t.db.selectFrom('sessions').select('user_id').where('user_id', '=', id).executeTakeFirst(),
      undefined,
    );
    assert.equal((await elsewhere.get('/en/account')).statusCode, 303, 'signed out on the other device too');
    assert.equal(
      await t.db.selectFrom('follows').select('user_id').where('user_id', '=', id).executeTakeFirst(),
      undefined,
      "proposals' hook dropped the follows",
    );
    assert.ok(
      await t.db.selectFrom('proposal_supports').select('id').where('user_id', '=', id).executeTakeFirst(),
      'the support stays counted',
    );
    const entry = await lastAudit(t.db, { entity: 'user', entityId: id, action: 'delete' });
    assert.deepEqual(entry.after, { comments: 'anonymise', hooks: ['proposals', 'notices', 'comments'] });
    assert.doesNotMatch(JSON.stringify(entry), /citizen@kenes\.demo/);
    await assert.rejects(TestClient.signedIn(t.app, 'citizen@kenes.demo'), /sign-in as citizen@kenes\.demo failed/);
  });

  test('the last administrator cannot delete themselves', async () => {
    const admin = await TestClient.signedIn(t.app, 'admin@kenes.demo');
    const res = await admin.post('/en/account/delete', { password: DEMO_PASSWORD });
    assert.equal(res.statusCode, 422);
    assert.match(errorsOf(res.body), /last administrator/);
    assert.equal((await admin.get('/en/account')).statusCode, 200);
  });

  test('the administrator sets what becomes of the comments; the account page says it; others may not', async () => {
    const admin = await TestClient.signedIn(t.app, 'admin@kenes.demo');
    assert.equal((await admin.get('/en/admin/settings')).statusCode, 200);
    assert.equal(
      (await admin.post('/en/admin/settings', { comments_on_account_deletion: 'nonsense' })).statusCode,
      422,
    );
    assert.equal(
      (
        await admin.post('/en/admin/settings', {
          comments_on_account_deletion: 'remove',
          open_data_licence: 'CC-BY-4.0',
        })
      ).statusCode,
      303,
    );
    const stored = await t.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'comments_on_account_deletion')
      .executeTakeFirst();
    assert.equal(stored?.value, 'remove');
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity', '=', 'settings')
      .executeTakeFirstOrThrow();
    assert.deepEqual(audited, {
      before: { comments_on_account_deletion: 'anonymise', open_data_licence: 'CC-BY-4.0' },
      after: { comments_on_account_deletion: 'remove', open_data_licence: 'CC-BY-4.0' },
    });
    const ngo = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    assert.match(
      textOf(parseHtml((await ngo.get('/en/account')).body).querySelector('main')),
      /Your comments are removed/,
    );
    assert.equal((await ngo.get('/en/admin/settings')).statusCode, 403);
    const secretariat = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    assert.equal(
      (await secretariat.post('/en/admin/settings', { comments_on_account_deletion: 'anonymise' })).statusCode,
      403,
    );
  });
});

describe('the terms of use and the privacy notice', () => {
  test('public in three languages, linked from the footer; the secretariat edits them as new versions', async () => {
    const visitor = new TestClient(t.app);
    const ru = parseHtml((await visitor.get('/ru/terms')).body);
    assert.equal(textOf(ru.querySelector('h1')), 'Условия использования');
    assert.match(textOf(ru.querySelector('.legal-text')), /открытая площадка/);
    assert.match(textOf(ru.querySelector('main .hint')), /Версия 1/);
    assert.ok(ru.querySelector('footer a[href="/ru/terms"]') && ru.querySelector('footer a[href="/ru/privacy"]'));
    assert.equal(ru.querySelector('a[href="/ru/terms/edit"]'), null);
    assert.equal((await visitor.get('/en/privacy/edit')).statusCode, 303, 'visitors are sent to sign in');
    const citizen = await TestClient.signedIn(t.app, 'ngo@kenes.demo');
    assert.equal((await citizen.get('/en/terms/edit')).statusCode, 403);
    assert.equal((await citizen.post('/en/terms/edit', { version: '1', body_en: 'Mine' })).statusCode, 403);

    const staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
    const form = parseHtml((await staff.get('/en/terms/edit')).body);
    assert.equal(form.querySelector('input[name="version"]')?.getAttribute('value'), '1');
    const empty = await staff.post('/en/terms/edit', { version: '1', body_kk: ' ', body_ru: '', body_en: '' });
    assert.equal(empty.statusCode, 422);
    const newTerms = {
      body_kk: 'Жаңа шарттар',
      body_ru: 'Новые условия <script>alert(1)</script>',
      body_en: 'New **terms**',
    };
    const saved = await staff.post('/en/terms/edit', { version: '1', ...newTerms });
    assert.equal(saved.statusCode, 303);
    const en = parseHtml((await visitor.get('/en/terms')).body);
    assert.equal(textOf(en.querySelector('.legal-text strong')), 'terms');
    assert.match(textOf(en.querySelector('main .hint')), /Version 2/);
    assert.equal(parseHtml((await visitor.get('/ru/terms')).body).querySelector('.legal-text script'), null);
    const stale = await staff.post('/en/terms/edit', { version: '1', body_en: 'Overwriting' });
    assert.equal(stale.statusCode, 422, 'a form opened on version 1 does not overwrite version 2');
    const same = await staff.post('/en/terms/edit', { version: '2', ...newTerms });
    assert.equal(same.statusCode, 303);
    const versions = await t.db.selectFrom('legal_texts').select('version').where('kind', '=', 'terms').execute();
    assert.equal(versions.length, 2, 'an unchanged text makes no version');
    assert.equal(await auditCount(t.db, 'legal_text'), 1);
  });
});
