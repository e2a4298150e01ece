import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { audit, systemActor } from '../core/audit.ts';
import { type Action, can } from '../core/auth/policy.ts';
import type { CurrentUser } from '../core/auth/user.ts';
import { afterResponseIdle } from '../core/http/after-response.ts';
import { DEMO_USERS } from '../demo/content.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { TestClient } from '../testing/client.ts';
import { csvLines } from '../testing/csv.ts';
import { lastAudit, userId } from '../testing/data.ts';
import { parseHtml, textOf } from '../testing/html.ts';

let t: TestApp;
const clients = new Map<string, TestClient>();
before(async () => {
  // As the run-time role: the audit page reads and verifies the log with the rights Kenes has in production.
  t = await createTestApp({ demo: true, runtimeRole: true });
  clients.set('anonymous', new TestClient(t.app));
  for (const u of DEMO_USERS) {
    const c = new TestClient(t.app);
    await c.signIn(u.email);
    clients.set(u.email, c);
  }
});
after(() => t.close());

/*
 * Every protected route, with the action the policy must allow for it. For each demo account (one
 * per role) and for a visitor, the route must answer as the policy says: allowed → the page or the
 * form's own answer; refused → 403 for a signed-in user, the sign-in page (GET) or 403 (POST) for a visitor.
 */
const ROUTES: { method: 'GET' | 'POST'; url: string; action: Action; form?: Record<string, string> }[] = [
  { method: 'GET', url: '/en/admin', action: 'invite-users' },
  { method: 'POST', url: '/en/admin/invitations', action: 'invite-users', form: { email: '' } },
  { method: 'GET', url: '/en/admin/outbox', action: 'read-outbox' },
  { method: 'GET', url: '/en/admin/backups', action: 'read-backups' },
  { method: 'GET', url: '/en/admin/audit', action: 'read-audit-log' },
  { method: 'GET', url: '/en/admin/audit.csv', action: 'read-audit-log' },
  { method: 'GET', url: '/en/account', action: 'manage-own-account' },
  { method: 'POST', url: '/en/account', action: 'manage-own-account', form: { displayName: '' } },
  { method: 'POST', url: '/en/account/password', action: 'manage-own-account', form: { current: '' } },
];

function asUser(email: string): CurrentUser | null {
  const u = DEMO_USERS.find((d) => d.email === email);
  return u
    ? {
        id: '0',
        email,
        displayName: u.displayName,
        role: u.role,
        organisationId: null,
        locale: u.locale,
        emailConfirmed: true,
      }
    : null;
}

describe('every route refuses what the policy refuses', () => {
  for (const route of ROUTES) {
    test(`${route.method} ${route.url}`, async () => {
      for (const [who, client] of clients) {
        const allowed = can(asUser(who), route.action);
        const res =
          route.method === 'GET' ? await client.get(route.url) : await client.post(route.url, route.form ?? {});
        if (allowed) {
          assert.ok([200, 422].includes(res.statusCode), `${who} should be let in: ${res.statusCode}`);
        } else if (who === 'anonymous' && route.method === 'GET') {
          assert.equal(res.statusCode, 303, who);
          assert.equal(res.headers.location, `/en/sign-in?next=${encodeURIComponent(route.url)}`);
        } else {
          assert.equal(res.statusCode, 403, `${who} must be refused`);
        }
      }
    });
  }

  test('the navigation shows Administration only to those who may use it', async () => {
    for (const [who, client] of clients) {
      const doc = parseHtml((await client.get('/en/')).body);
      const shown = doc.querySelectorAll('a').some((a) => a.getAttribute('href') === '/en/admin');
      assert.equal(shown, can(asUser(who), 'invite-users') || can(asUser(who), 'read-audit-log'), who);
    }
  });
});

describe('audit log page', () => {
  test('filters by object, action and person, and pages through older entries', async () => {
    for (let i = 0; i < 60; i++) {
      await audit(t.db, systemActor(i % 2 ? 'robot-odd' : 'robot-even'), {
        entity: 'widget',
        entityId: String(i),
        action: 'poke',
        after: { i },
      });
    }
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const page = await admin.get('/en/admin/audit?entity=widget&actor=odd');
    assert.equal(page.statusCode, 200);
    const doc = parseHtml(page.body);
    const rows = doc.querySelectorAll('table.audit tbody tr');
    assert.equal(rows.length, 30);
    assert.ok(rows.every((r) => textOf(r).includes('robot-odd') && textOf(r).includes('widget')));
    assert.equal(doc.querySelector('a[href*="before="]'), null, '30 entries fit on one page');

    const all = parseHtml((await admin.get('/en/admin/audit?entity=widget')).body);
    assert.equal(all.querySelectorAll('table.audit tbody tr').length, 50);
    const older =
      all
        .querySelectorAll('a')
        .find((a) => textOf(a) === 'Older entries')
        ?.getAttribute('href') ?? '';
    assert.match(older, /entity=widget/);
    const next = parseHtml((await admin.get(older)).body);
    assert.equal(next.querySelectorAll('table.audit tbody tr').length, 10);

    const bad = await admin.get('/en/admin/audit?from=yesterday');
    assert.equal(bad.statusCode, 422);
  });

  test('events and objects by their names in the language of the page; a change as its fields, not JSON', async () => {
    await audit(t.db, systemActor('robot-names'), {
      entity: 'meeting',
      entityId: '424242',
      action: 'update',
      before: { title: { ru: 'Старое название', en: 'Old title' }, venue: 'Astana', status: 'draft' },
      after: { title: { ru: 'Новое название', en: 'New title' }, venue: 'Astana', status: 'announced' },
    });
    await audit(t.db, systemActor('robot-names'), {
      entity: 'user',
      entityId: '424243',
      action: 'sign_in',
      after: { remember: false },
    });
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const rowsIn = async (lang: string) =>
      parseHtml((await admin.get(`/${lang}/admin/audit?actor=robot-names`)).body).querySelectorAll(
        'table.audit tbody tr',
      );
    const [signIn, update] = await rowsIn('ru');
    assert.match(textOf(signIn), /вошёл: учётная запись #424243/);
    assert.doesNotMatch(textOf(signIn), /sign_in/);
    assert.match(textOf(signIn?.querySelector('.audit-changes')), /remember\s*нет/);
    assert.match(textOf(update), /обновил: заседание #424242/);
    const changes = update?.querySelectorAll('.audit-changes dt').map((dt) => textOf(dt));
    assert.deepEqual(changes, ['title', 'status'], 'only the fields that changed');
    assert.match(textOf(update?.querySelector('.audit-changes')), /Старое название → Новое название/);
    assert.equal(update?.querySelector('pre'), null, 'no JSON');
    assert.match(textOf(update?.querySelector('.audit-changes')), /status\s*draft → announced/);
    const [kkSignIn] = await rowsIn('kk');
    assert.match(textOf(kkSignIn), /жүйеге кірді: тіркелгі/);
  });

  test('verifying the chain from the page', async () => {
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const doc = parseHtml((await admin.get('/en/admin/audit?verify=1')).body);
    assert.match(textOf(doc.querySelector('main')), /The chain of \d+ entries is intact/);
    // The test process keeps no checkpoint file: the page says what that leaves open.
    assert.match(textOf(doc.querySelector('main')), /No checkpoint outside the database yet/);
  });

  test('CSV export: the filtered entries, a header, formulas neutralised', async () => {
    await audit(t.db, systemActor('=HYPERLINK("http://evil.example")'), {
      entity: 'widget',
      entityId: 'x',
      action: 'poke',
    });
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const res = await admin.get('/en/admin/audit.csv?entity=widget');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="kenes-audit-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csvLines(res.body);
    assert.equal(lines[0], 'id,at,actor,actor_user_id,actor_organisation_id,entity,entity_id,action,before,after,hash');
    assert.equal(lines.length, 1 + 61);
    assert.match(lines[1] ?? '', /,"'=HYPERLINK\(""http:\/\/evil\.example""\)",/);
  });
});

describe('outbox page', () => {
  test('administrators read the mail Kenes wrote, with its links', async () => {
    const c = new TestClient(t.app);
    await c.post('/en/password-reset', { email: 'citizen@kenes.demo' });
    await afterResponseIdle(t.app); // the reset e-mail is written just after the answer
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const doc = parseHtml((await admin.get('/en/admin/outbox')).body);
    const first = doc.querySelector('article.mail');
    assert.match(textOf(first), /citizen@kenes\.demo/);
    assert.match(textOf(first), /http:\/\/localhost:3000\/kk\/password-reset\/[A-Za-z0-9_-]{43}/);
    assert.match(textOf(first), /not sent/);
  });
});

describe('managing accounts', () => {
  test('an administrator changes a role and disables an account, which ends its sessions', async () => {
    const victim = new TestClient(t.app);
    await victim.signIn('chair@kenes.demo');
    const chair = await userId(t.db, 'chair@kenes.demo');
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const form = parseHtml((await admin.get(`/en/admin/users/${chair}`)).body);
    assert.equal(form.querySelector('#field-role option[selected]')?.getAttribute('value'), 'chair');
    const res = await admin.post(`/en/admin/users/${chair}`, {
      role: 'observer',
      organisationId: '',
      disabled: 'on',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await victim.get('/en/account')).statusCode, 303, 'signed out everywhere');
    await assert.rejects(new TestClient(t.app).signIn('chair@kenes.demo'), /sign-in as chair@kenes\.demo failed: 422/);
    const entry = await lastAudit(t.db, { entity: 'user', entityId: chair });
    assert.deepEqual(entry.before, {
      role: 'chair',
      organisation_id: (entry.before as { organisation_id: string }).organisation_id,
      disabled: false,
      moderator: false,
    });
    assert.deepEqual(entry.after, { role: 'observer', organisation_id: null, disabled: true, moderator: false });
    // back again; the chair signs in anew (the shared client's session was ended above)
    await admin.post(`/en/admin/users/${chair}`, { role: 'chair', organisationId: '' });
    const again = new TestClient(t.app);
    await again.signIn('chair@kenes.demo');
    clients.set('chair@kenes.demo', again);
  });

  test('the last active administrator cannot be demoted or disabled', async () => {
    const me = await userId(t.db, 'admin@kenes.demo');
    const admin = clients.get('admin@kenes.demo') as TestClient;
    const res = await admin.post(`/ru/admin/users/${me}`, { role: 'citizen', organisationId: '' });
    assert.equal(res.statusCode, 422);
    assert.match(
      textOf(parseHtml(res.body).querySelector('.error-summary')),
      /не останется ни одного активного администратора/,
    );
    const disabled = await admin.post(`/ru/admin/users/${me}`, { role: 'platform_admin', disabled: 'on' });
    assert.equal(disabled.statusCode, 422);
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'disabled_at'])
      .where('id', '=', me)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { role: 'platform_admin', disabled_at: null });
  });

  test('only administrators reach the account pages; the secretariat may not', async () => {
    const chair = await userId(t.db, 'chair@kenes.demo');
    for (const [who, client] of clients) {
      const allowed = can(asUser(who), 'manage-users');
      const get = await client.get(`/en/admin/users/${chair}`);
      const post = await client.post(`/en/admin/users/${chair}`, { role: 'chair' });
      if (allowed) {
        assert.equal(get.statusCode, 200, who);
        assert.equal(post.statusCode, 303, who);
      } else {
        assert.equal(get.statusCode, who === 'anonymous' ? 303 : 403, who);
        assert.equal(post.statusCode, 403, who);
      }
    }
  });
});
