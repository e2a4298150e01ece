import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Db } from '../db/database.ts';
import { latinText } from '../http/latin-edition.ts';
import { type I18n, i18nFor } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/locales.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
  /**
   * The recipient reads Kazakh in the Latin script (decision 0018): the message, written in Kazakh with
   * links to /kk/, is sent transliterated, its links to the /kk-latn/ edition.
   */
  latinScript?: boolean;
}

/** Writes a message to the outbox, in the caller's transaction: it is sent only if the change commits. */
export async function queueEmail(db: Db, email: Email): Promise<void> {
  const subject = email.latinScript ? latinText(email.subject) : email.subject;
  const text = email.latinScript ? latinText(email.text) : email.text;
  await db
    .insertInto('email_outbox')
    .values({ to_address: email.to, subject: subject.slice(0, 300), body_text: text })
    .execute();
}

/** A person an e-mail is for: their address, language, and whether they read Kazakh in the Latin script. */
export interface Recipient {
  email: string;
  locale: Lang;
  latinScript: boolean;
}

/** Writes a message to one person to the outbox, in their language and script: `write` words it with their I18n. */
export async function queueEmailFor(
  db: Db,
  to: Recipient,
  write: (t: I18n) => { subject: string; text: string },
): Promise<void> {
  await queueEmail(db, { to: to.email, latinScript: to.latinScript, ...write(i18nFor(to.locale)) });
}

const MAX_ATTEMPTS = 8;

/** How long a claim lasts unless renewed. The sender renews it every quarter of this while it sends. */
export const DEFAULT_LEASE_MS = 60_000;

export interface MailerOptions {
  /** The From header, e.g. "Kenes <no-reply@kenes.example.org>". */
  from: string;
  /** The right-hand side of every Message-ID: PUBLIC_URL's host name. */
  host: string;
  leaseMs?: number;
  /** Told when a claim is lost mid-send or the loop meets an error; never allowed to throw. */
  log?: (err: unknown, msg: string) => void;
  /** Aborts a send in progress (the process is stopping); the message is tried again later. */
  signal?: AbortSignal;
}

/**
 * The Message-ID of an outbox row: the same on every attempt, so a message sent again after its
 * sender died mid-send can be recognised as a repeat by any mail server or client. created_at is
 * part of it because identities restart at 1 in a new database on the same host, and some
 * mailboxes silently drop a message whose Message-ID they have already seen.
 */
export function outboxMessageId(id: string, createdAt: Date, host: string): string {
  return `<kenes.${id}.${createdAt.getTime().toString(36)}@${host}>`;
}

/** A name for one claim: which process made it (for an administrator looking at the table), and a random part. */
function claimName(): string {
  return `${os.hostname().slice(0, 100)}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
  created_at: Date;
}

/**
 * Claims the oldest message nobody is sending (or whose sender's lease has passed), on its own:
 * a claim never covers a message that waits behind another one being sent, so no lease can run
 * out on a message before its turn comes.
 */
async function claimOne(db: Db, claim: string, leaseMs: number): Promise<Claimed | undefined> {
  const { rows } = await sql<Claimed>`
    UPDATE email_outbox
       SET locked_until = now() + ${leaseMs} * interval '1 millisecond', attempts = attempts + 1, claimed_by = ${claim}
     WHERE id = (
       SELECT id FROM email_outbox
        WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS} AND (locked_until IS NULL OR locked_until < now())
        ORDER BY id LIMIT 1
        FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body_text, attempts, created_at`.execute(db);
  return rows[0];
}

/** Extends the lease if the claim is still ours; false when another process has taken the message. */
async function renew(db: Db, id: string, claim: string, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('email_outbox')
    .set({ locked_until: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where('id', '=', id)
    .where('claimed_by', '=', claim)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Keeps a claim alive while its message is being sent, and aborts the send when the claim can no
 * longer be trusted to be ours: another process took it, or the database has not confirmed a
 * renewal for so long that the lease is about to run out (after which another process may start
 * sending the same message). Aborting closes the SMTP connection before the end of the data, so
 * the server drops the message.
 */
function keepClaim(
  db: Db,
  id: string,
  claim: string,
  leaseMs: number,
  claimedAt: number,
  abort: (reason: string) => void,
  log: (err: unknown, msg: string) => void,
): () => void {
  const every = Math.max(Math.floor(leaseMs / 4), 10);
  // Measured from before the claiming query was sent: the database's now() was no earlier.
  let expiresAt = claimedAt + leaseMs;
  let renewing = false;
  const timer = setInterval(() => {
    if (Date.now() >= expiresAt - every) {
      clearInterval(timer);
      abort('its lease was about to run out without a renewal');
      return;
    }
    if (renewing) return;
    renewing = true;
    const started = Date.now();
    renew(db, id, claim, leaseMs)
      .then((ours) => {
        if (ours) expiresAt = started + leaseMs;
        else {
          clearInterval(timer);
          abort('another process took it');
        }
      })
      .catch((err) => log(err, `could not renew the claim on outbox message ${id}`))
      .finally(() => {
        renewing = false;
      });
  }, every);
  return () => clearInterval(timer);
}

/** The logger, made unable to throw: a failing logger must not stop the mail, nor end the process from a timer. */
function quietly(log: MailerOptions['log']): (err: unknown, msg: string) => void {
  return (err, msg) => {
    try {
      log?.(err, msg);
    } catch {
      // nothing more can be done about it here
    }
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Claims one message and sends it, keeping the claim alive meanwhile. Returns 'sent', 'failed'
 * (kept for a later attempt with a growing delay) or 'none' when nothing is waiting.
 */
export async function deliverOne(
  db: Db,
  transport: Transporter,
  options: MailerOptions,
): Promise<'sent' | 'failed' | 'none'> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const log = quietly(options.log);
  const claim = claimName();
  const claimedAt = Date.now();
  const m = await claimOne(db, claim, leaseMs);
  if (!m) return 'none';
  const controller = new AbortController();
  const release = keepClaim(
    db,
    m.id,
    claim,
    leaseMs,
    claimedAt,
    (reason) => {
      log(undefined, `outbox message ${m.id}: sending aborted, ${reason}`);
      controller.abort(new Error(`claim lost: ${reason}`));
    },
    log,
  );
  try {
    try {
      await transport.sendMail({
        from: options.from,
        to: m.to_address,
        subject: m.subject,
        text: m.body_text,
        messageId: outboxMessageId(m.id, m.created_at, options.host),
        // nodemailer 10 closes the connection when this aborts; its types (8.x) do not list it yet.
        signal: options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal,
      } as Mail.Options);
    } catch (err) {
      // Retry after 1, 2, 4 … minutes (at once when only this process is stopping) — unless the
      // claim is no longer ours, then its owner decides.
      await db
        .updateTable('email_outbox')
        .set({
          last_error: String((err as Error).message).slice(0, 1000),
          locked_until: options.signal?.aborted ? null : sql`now() + ${2 ** (m.attempts - 1)} * interval '1 minute'`,
        })
        .where('id', '=', m.id)
        .where('claimed_by', '=', claim)
        .execute();
      return 'failed';
    }
    // The server has the message. Recording that must not be lost to a brief database hiccup, or
    // the message would be sent again once the lease runs out; the claim stays renewed meanwhile.
    for (let attempt = 1; ; attempt++) {
      try {
        await db
          .updateTable('email_outbox')
          .set({ sent_at: sql`now()`, last_error: null, locked_until: null })
          .where('id', '=', m.id)
          .execute();
        return 'sent';
      } catch (err) {
        if (attempt >= 5) throw err;
        await pause(200 * attempt);
      }
    }
  } finally {
    release();
  }
}

/** Sends what is waiting, one message at a time, until nothing is left or `limit` were tried. */
export async function deliverPending(
  db: Db,
  transport: Transporter,
  options: MailerOptions,
  limit = 20,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const r = await deliverOne(db, transport, options);
    if (r === 'none') break;
    if (r === 'sent') sent++;
  }
  return sent;
}

/**
 * Delivers every `intervalMs` in this process. Several processes may run it side by side: each
 * message is claimed by one of them at a time. An SMTP or database error is logged and the loop
 * goes on; nothing here may end the process. The returned function stops the loop and resolves
 * once the message being sent, if any, is done and recorded (so closing the pool does not strand
 * it); a send still going after `graceMs` is aborted and tried again later.
 */
export function startMailer(
  db: Db,
  transport: Transporter,
  options: MailerOptions & { intervalMs?: number },
): (graceMs?: number) => Promise<void> {
  const log = quietly(options.log);
  const shutdown = new AbortController();
  const opts = { ...options, log, signal: shutdown.signal };
  // Some transports report trouble as an 'error' event (an OAuth2 token refresh); unheard, it would end the process.
  transport.on('error', (err) => log(err, 'SMTP transport error'));
  let stopping = false;
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current || stopping) return;
    current = (async () => {
      try {
        while (!stopping && (await deliverOne(db, transport, opts)) !== 'none') {
          // keep going while there is mail
        }
      } catch (err) {
        log(err, 'mail delivery failed');
      }
    })().finally(() => {
      current = undefined;
    });
  };
  const timer = setInterval(tick, options.intervalMs ?? 5000);
  timer.unref();
  tick();
  return async (graceMs = 10_000) => {
    stopping = true;
    clearInterval(timer);
    if (!current) return;
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([current, new Promise((r) => (timeout = setTimeout(r, graceMs)))]);
    clearTimeout(timeout);
    shutdown.abort(new Error('Kenes is stopping'));
    await current;
  };
}

/** The last 100 e-mails, newest first, for the administrators' outbox page (one query). */
export function recentEmails(db: Db) {
  return db
    .selectFrom('email_outbox')
    .select([
      'id',
      'to_address as to',
      'subject',
      'body_text as text',
      'created_at as createdAt',
      'sent_at as sentAt',
      'last_error as lastError',
    ])
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

/** The outbox's state for `kenes doctor`: messages waiting (and the oldest's age), and those given up on. */
export async function outboxHealth(
  db: Db,
): Promise<{ waiting: number; oldestWaitingMinutes: number; givenUp: number }> {
  const row = await db
    .selectFrom('email_outbox')
    .select([
      sql<number>`count(*) FILTER (WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS})::int`.as('waiting'),
      sql<number>`coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS})) / 60, 0)::int`.as(
        'oldestWaitingMinutes',
      ),
      sql<number>`count(*) FILTER (WHERE sent_at IS NULL AND attempts >= ${MAX_ATTEMPTS})::int`.as('givenUp'),
    ])
    .executeTakeFirstOrThrow();
  return row;
}
