import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { ROLES } from './db/schema-accounts.ts';

describe('configuration', () => {
  test('defaults run Kenes on localhost:3000 with ./data', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, 'localhost');
    assert.equal(c.dataDir, path.resolve('data'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.publicUrl, 'http://localhost:3000');
  });

  test('TRUST_PROXY takes a hop count or addresses', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy, '10.0.0.0/8, 127.0.0.1');
  });

  test('TRUST_PROXY=true stops with a message that says what to set instead', () => {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: 'true' }),
      (err: unknown) => err instanceof ConfigError && /TRUST_PROXY: .*number of proxies.*addresses/.test(err.message),
    );
  });

  test('backups: off without BACKUP_DIR, seven kept by default, the folder made absolute', () => {
    assert.equal(loadConfig({}).backupDir, undefined);
    assert.equal(loadConfig({}).backupKeep, 7);
    const c = loadConfig({ BACKUP_DIR: 'backups', BACKUP_KEEP: '30' });
    assert.equal(c.backupDir, path.resolve('backups'));
    assert.equal(c.backupKeep, 30);
  });

  test('WORKERS: one process by default, one per core (at most 8) with auto, or the number given', () => {
    const secret = { SESSION_SECRET: 'x'.repeat(32) };
    assert.equal(loadConfig({}).workers, 1);
    assert.equal(loadConfig({ NODE_ENV: 'production', ...secret }).workers, 1);
    assert.equal(loadConfig({ NODE_ENV: 'production', WORKERS: '3', ...secret }).workers, 3);
    assert.equal(loadConfig({ WORKERS: 'auto' }).workers, Math.min(8, os.availableParallelism()));
    assert.equal(loadConfig({ WORKERS: '12' }).workers, 12);
  });

  test('an empty variable counts as unset', () => {
    assert.equal(loadConfig({ DATABASE_URL: '', PORT: '' }).databaseUrl, undefined);
  });

  const wrong: [Record<string, string>, string][] = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ BACKUP_KEEP: '0' }, 'BACKUP_KEEP'],
    [{ BACKUP_KEEP: 'all' }, 'BACKUP_KEEP'],
    [{ WORKERS: '0' }, 'WORKERS'],
    [{ WORKERS: 'many' }, 'WORKERS'],
    [{ WORKERS: '100' }, 'WORKERS'],
    [{ BACKUP_PASSPHRASE: 'short' }, 'BACKUP_PASSPHRASE'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY'],
    [{ AUDIT_KEY: 'short' }, 'AUDIT_KEY'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ AUDIT_CHECKPOINT_EMAIL: 'nobody' }, 'AUDIT_CHECKPOINT_EMAIL'],
    [{ DATABASE_OWNER_URL: 'postgres://owner@db/kenes' }, 'DATABASE_OWNER_URL'],
    // "Believe every hop" let any client choose its own address (issue 10).
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
  ];
  for (const [env, variable] of wrong) {
    test(`${JSON.stringify(env)} stops with a message naming ${variable}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && new RegExp(`^\\s+${variable}:`, 'm').test(err.message),
      );
    });
  }

  test('every problem is reported at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'x', DATABASE_URL: 'nope' }),
      (err: unknown) => err instanceof ConfigError && /PORT:/.test(err.message) && /DATABASE_URL:/.test(err.message),
    );
  });

  test('production with a secret and an external database is accepted', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://kenes@db.internal:5432/kenes',
      PUBLIC_URL: 'https://kenes.example.org/',
    });
    assert.equal(c.publicUrl, 'https://kenes.example.org');
    assert.equal(c.databaseUrl, 'postgres://kenes@db.internal:5432/kenes');
  });

  describe('single sign-on (decision 0023)', () => {
    const sso = {
      OIDC_ISSUER: 'https://id.example.gov.kz/realms/kenes',
      OIDC_CLIENT_ID: 'kenes',
      OIDC_CLIENT_SECRET: 's3cret-value-of-the-client',
    };
    const fails = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && pattern.test(err.message),
      );

    test('off by default; passwords for every role', () => {
      const c = loadConfig({});
      assert.equal(c.oidc, undefined);
      assert.deepEqual(c.passwordSignInRoles, ROLES);
    });

    test('issuer, client and secret, the e-mail claim, and the button name per language', () => {
      const c = loadConfig({ ...sso, OIDC_NAME: 'eGov ID', OIDC_NAME_KK: 'ЭҮП ID', OIDC_EMAIL_CLAIM: 'upn' });
      assert.deepEqual(c.oidc, {
        issuer: sso.OIDC_ISSUER,
        clientId: 'kenes',
        clientSecret: sso.OIDC_CLIENT_SECRET,
        emailClaim: 'upn',
        name: { kk: 'ЭҮП ID', ru: 'eGov ID', en: 'eGov ID' },
      });
      assert.equal(loadConfig(sso).oidc?.emailClaim, 'email');
      assert.deepEqual(loadConfig(sso).oidc?.name, {});
    });

    test('all three or none, https only (http for a provider on this machine), the secret never printed', () => {
      fails({ OIDC_ISSUER: sso.OIDC_ISSUER }, /OIDC_CLIENT_SECRET: single sign-on needs all three/);
      fails({ ...sso, OIDC_ISSUER: 'http://id.example.gov.kz' }, /OIDC_ISSUER: must be https:\/\//);
      assert.equal(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc?.issuer, 'http://127.0.0.1:8080');
      assert.throws(
        () => loadConfig({ ...sso, OIDC_CLIENT_SECRET: 'z'.repeat(3000) }),
        (err: unknown) =>
          err instanceof ConfigError &&
          /OIDC_CLIENT_SECRET: .*a hidden value/.test(err.message) &&
          !err.message.includes('zzz'),
      );
    });

    test('PASSWORD_SIGN_IN_ROLES: known roles or none, and only with a provider for the others', () => {
      assert.deepEqual(loadConfig({ ...sso, PASSWORD_SIGN_IN_ROLES: 'citizen, platform_admin' }).passwordSignInRoles, [
        'citizen',
        'platform_admin',
      ]);
      assert.deepEqual(loadConfig({ ...sso, PASSWORD_SIGN_IN_ROLES: 'none' }).passwordSignInRoles, []);
      fails({ ...sso, PASSWORD_SIGN_IN_ROLES: 'citizen,admin' }, /PASSWORD_SIGN_IN_ROLES: must be roles/);
      fails({ PASSWORD_SIGN_IN_ROLES: 'citizen' }, /without single sign-on .*secretariat.* could not sign in at all/);
      assert.deepEqual(loadConfig({ PASSWORD_SIGN_IN_ROLES: ROLES.join(',') }).passwordSignInRoles, ROLES);
    });
  });
});
