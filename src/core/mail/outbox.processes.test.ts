import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import { outboxMessageId, queueEmail } from './outbox.ts';

// Issue 10: two Kenes processes, an SMTP server slower than the claim's lease, and every message
// must still be delivered exactly once. Each process here is a real child process running the
// mailer (mailer-process.fixture.ts) against the same database, as two `kenes start` would.
const SEND_MS = 2000;
// Shorter than a send: only a claim kept alive protects the message. 600 ms lost its renewal once on a
// machine loaded by other work (a renewal is a statement, every quarter of the lease).
const LEASE_MS = 1200;
const HOST = 'kenes.example.org';

let d: TestDatabase;
let server: SMTPServer;
let port = 0;
/** Every message whose data reached the server, delivered or not. */
const arrivals: { messageId: string; session: string; at: number }[] = [];
/** Messages the server accepted (answered 250) on a connection still open. */
const accepted: { messageId: string; subject: string }[] = [];
const closedSessions = new Set<string>();
/** While set, the server keeps the sender waiting after the data, as a server in trouble would. */
let hold: Promise<void> | undefined;
const children: ChildProcess[] = [];
const childOutput: string[] = [];

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${childOutput.join('')}`);
    await wait(50);
  }
}

function startMailerProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'mailer-process.fixture.ts')],
    {
      env: { ...process.env, DATABASE_URL: d.url, SMTP_PORT: String(port), LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  child.stderr?.on('data', (c: Buffer) => childOutput.push(c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`mailer process exited (${code}): ${childOutput.join('')}`)));
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

before(async () => {
  d = await createTestDatabase();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      stream.on('end', async () => {
        const messageId = /^Message-ID: *(.*?)\r?$/im.exec(raw)?.[1] ?? '';
        arrivals.push({ messageId, session: session.id, at: Date.now() });
        await hold;
        await wait(SEND_MS);
        // A sender that died before the answer never learnt of the message: its retry is the delivery.
        if (closedSessions.has(session.id)) return;
        accepted.push({ messageId, subject: /^Subject: *(.*?)\r?$/im.exec(raw)?.[1] ?? '' });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  await Promise.all([startMailerProcess(), startMailerProcess()]);
});

after(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await d.drop();
});

const rows = () => d.db.selectFrom('email_outbox').selectAll().orderBy('id').execute();
const pidOf = (claim: string | null) => Number(claim?.split(':')[1]);

describe('e-mail outbox with two processes and a slow SMTP server', { concurrency: false }, () => {
  test('every message is delivered exactly once, with a Message-ID of its own', async () => {
    const started = Date.now();
    const n = 4;
    for (let i = 0; i < n; i++)
      await queueEmail(d.db, { to: `member${i}@example.org`, subject: `Invitation ${i}`, text: `Шақыру ${i}` });
    await until('every message sent', async () => (await rows()).every((r) => r.sent_at));
    const sent = await rows();
    const expected = sent.map((r) => outboxMessageId(r.id, r.created_at, HOST));

    assert.equal(accepted.length, n, 'deliveries');
    assert.equal(arrivals.length, n, 'no message was even begun twice');
    assert.deepEqual(accepted.map((a) => a.messageId).sort(), [...expected].sort());
    assert.equal(new Set(expected).size, n, 'Message-IDs are unique');
    for (const id of expected) assert.match(id, /^<kenes\.\d+\.[0-9a-z]+@kenes\.example\.org>$/);
    assert.deepEqual(
      sent.map((r) => r.attempts),
      Array(n).fill(1),
      'no claim was taken over',
    );
    // Both processes took part: the messages went out side by side, not one process after the other.
    const senders = new Set(sent.map((r) => pidOf(r.claimed_by)));
    assert.deepEqual(senders, new Set(children.map((c) => c.pid)));
    console.log(`  ${accepted.length} deliveries of ${n} messages in ${Date.now() - started} ms`);
  });

  test('a message whose sender died mid-send goes out once more after its lease, with the same Message-ID', async () => {
    let release = () => {};
    hold = new Promise<void>((r) => {
      release = r;
    });
    const before = arrivals.length;
    await queueEmail(d.db, { to: 'chair@example.org', subject: 'Agenda', text: 'Күн тәртібі' });
    await until('the message reaching the server', () => arrivals.length > before);
    // The sender waits for an answer far longer than its lease; the other process must keep off.
    await wait(3 * LEASE_MS);
    assert.equal(arrivals.length, before + 1, 'not taken over while its sender lives');

    const [row] = (await rows()).slice(-1);
    const sender = children.find((c) => c.pid === pidOf(row?.claimed_by ?? null));
    assert.ok(row && sender, 'the claim names the sending process');
    sender.kill('SIGKILL');
    await exited(sender);
    const killedAt = Date.now();
    hold = undefined;
    release();

    await until('the message sent again', async () => Boolean((await rows()).at(-1)?.sent_at));
    const retried = arrivals.slice(before);
    const final = (await rows()).at(-1);
    assert.equal(retried.length, 2);
    assert.equal(retried[0]?.messageId, outboxMessageId(row.id, row.created_at, HOST));
    assert.equal(retried[1]?.messageId, retried[0]?.messageId, 'the same Message-ID on the retry');
    assert.equal(accepted.filter((a) => a.messageId === retried[0]?.messageId).length, 1, 'delivered once');
    assert.equal(final?.attempts, 2);
    assert.notEqual(pidOf(final?.claimed_by ?? null), sender.pid, 'sent by the survivor');
    assert.ok((retried[1]?.at ?? 0) > killedAt);
  });
});
