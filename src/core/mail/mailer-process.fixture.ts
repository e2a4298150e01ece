/**
 * A separate process running the mailer, as each Kenes process does (outbox.processes.test.ts
 * starts two). Environment: DATABASE_URL, SMTP_PORT, LEASE_MS. Prints "ready" once it runs; on
 * SIGTERM stops the mailer, closes its pool and exits.
 */
import nodemailer from 'nodemailer';
import { createDb } from '../db/database.ts';
import { startMailer } from './outbox.ts';

const db = createDb(process.env.DATABASE_URL ?? '', 2);
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
