import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { startKenes } from '../../server.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { configureAudit, currentAuditSetup } from '../audit.ts';
import { loadConfig } from '../config.ts';
import { createDb } from '../db/database.ts';
import { deliverPending, outboxMessageId, queueEmail, startMailer } from './outbox.ts';

let d: TestDatabase;
let server: SMTPServer;
let port = 0;
const received: { to: string; subject: string; raw: string }[] = [];
let refuse = false;

before(async () => {
  d = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', () => {
        if (refuse) return callback(new Error('mailbox unavailable'));
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '',
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await d.drop();
});

const transport = () => nodemailer.createTransport(`smtp://127.0.0.1:${port}`, { ignoreTLS: true } as never);

describe('e-mail outbox delivered by SMTP', { concurrency: false }, () => {
  test('two processes delivering at once send each message exactly once', async () => {
    for (let i = 0; i < 12; i++)
      await queueEmail(d.db, { to: `person${i}@example.org`, subject: `Message ${i}`, text: `Сәлем ${i}` });
    const [a, b] = await Promise.all([
      deliverPending(d.db, transport(), { from: 'Kenes <no-reply@example.org>', host: 'kenes.example.org' }),
      deliverPending(d.db, transport(), { from: 'Kenes <no-reply@example.org>', host: 'kenes.example.org' }),
    ]);
    assert.equal(a + b, 12);
    assert.equal(received.length, 12);
    assert.deepEqual(new Set(received.map((r) => r.to)).size, 12);
    const unsent = await d.db.selectFrom('email_outbox').select('id').where('sent_at', 'is', null).execute();
    assert.deepEqual(unsent, []);
    assert.equal(
      await deliverPending(d.db, transport(), { from: 'x@example.org', host: 'kenes.example.org' }),
      0,
      'nothing is sent twice',
    );
  });

  test('a refused message stays in the outbox with its error and is retried later', async () => {
    refuse = true;
    await queueEmail(d.db, { to: 'later@example.org', subject: 'Later', text: 'x' });
    assert.equal(await deliverPending(d.db, transport(), { from: 'x@example.org', host: 'kenes.example.org' }), 0);
    const row = await d.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('to_address', '=', 'later@example.org')
      .executeTakeFirstOrThrow();
    assert.equal(row.sent_at, null);
    assert.equal(row.attempts, 1);
    assert.match(row.last_error ?? '', /mailbox unavailable/);
    assert.ok(row.locked_until && row.locked_until.getTime() > Date.now(), 'not retried at once');
    refuse = false;
    await d.db.updateTable('email_outbox').set({ locked_until: null }).where('id', '=', row.id).execute();
    assert.equal(await deliverPending(d.db, transport(), { from: 'x@example.org', host: 'kenes.example.org' }), 1);
  });

  test('the mailer logs database and SMTP errors and goes on, even when the logger itself fails', async () => {
    const until = async (check: () => boolean | Promise<boolean>) => {
      for (let i = 0; !(await check()); i++) {
        if (i > 200) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const options = { from: 'x@example.org', host: 'kenes.example.org', intervalMs: 20 };
    // No database at all: every tick fails to claim.
    const noDatabase = createDb('postgres://postgres@127.0.0.1:1/none', 1);
    let calls = 0;
    const stop = startMailer(noDatabase, transport(), {
      ...options,
      log: () => {
        calls++;
        throw new Error('the logger is down too');
      },
    });
    await until(() => calls >= 3);
    await stop();
    await noDatabase.destroy();

    // No SMTP server: the message keeps its error and waits; the loop is still alive for the next one.
    await queueEmail(d.db, { to: 'nobody@example.org', subject: 'Nobody', text: 'x' });
    const stopToo = startMailer(d.db, nodemailer.createTransport('smtp://127.0.0.1:1', { ignoreTLS: true } as never), {
      ...options,
      log: () => {},
    });
    const refused = () =>
      d.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('to_address', '=', 'nobody@example.org')
        .executeTakeFirstOrThrow();
    await until(async () => Boolean((await refused()).last_error));
    assert.match((await refused()).last_error ?? '', /ECONNREFUSED/);
    await stopToo();
  });

  test('a Kenes process with SMTP_URL delivers, with a Message-ID at the host of PUBLIC_URL', async () => {
    await queueEmail(d.db, { to: 'wired@example.org', subject: 'Wired', text: 'x' });
    // Starting Kenes configures the process's audit keys from its DATA_DIR: put back the tests' after.
    const audit = currentAuditSetup();
    const kenes = await startKenes(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: d.url,
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        PUBLIC_URL: 'https://kenes.example.org/',
        HOST: '127.0.0.1',
        PORT: '0',
        SESSION_SECRET: 'test-secret-test-secret-test-secret!',
      }),
      pino({ level: 'silent' }),
    );
    try {
      for (let i = 0; !received.some((r) => r.to === 'wired@example.org'); i++) {
        assert.ok(i < 200, 'not delivered');
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await kenes.close();
      if (audit) configureAudit(audit);
    }
    const row = await d.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('to_address', '=', 'wired@example.org')
      .executeTakeFirstOrThrow();
    // Stopping waited for the message in flight to be recorded, or it would go out again.
    assert.ok(row.sent_at, 'recorded as sent before the process stopped');
    const raw = received.find((r) => r.to === 'wired@example.org')?.raw ?? '';
    assert.equal(
      /^Message-ID: *(.*?)\r?$/im.exec(raw)?.[1],
      outboxMessageId(row.id, row.created_at, 'kenes.example.org'),
    );
  });
});
