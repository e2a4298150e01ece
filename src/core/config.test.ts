import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

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
});
