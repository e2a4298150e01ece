/**
 * A separate process running the mailer, as each Kenes process does (outbox.processes.test.ts
 * starts two). Environment: DATABASE_URL, SMTP_PORT, LEASE_MS. Prints "ready" once it runs; on
 * SIGTERM stops the mailer, closes its pool and exits.
 */
import { Kysely, PostgresDialect } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import type { DB } from '../db/schema.ts';
import { startMailer } from './outbox.ts';

// A bare pool rather than createDb: database.ts also loads the embedded PostgreSQL, a second of
// start-up for nothing here.
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 }) }),
});
const transport = nodemailer.createTransport(`smtp://127.0.0.1:${process.env.SMTP_PORT}`, { ignoreTLS: true } as never);
const stop = startMailer(db, transport, {
  from: 'Kenes <no-reply@kenes.example.org>',
  host: 'kenes.example.org',
  leaseMs: Number(process.env.LEASE_MS),
  intervalMs: 100,
  log: (err, msg) => console.error(`mailer ${process.pid}: ${msg}`, err ?? ''),
});
process.on('SIGTERM', async () => {
  await stop(100);
  await db.destroy();
  process.exit(0);
});
console.log('ready');
