import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database.ts';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/** Writes a message to the outbox, in the caller's transaction: it is sent only if the change commits. */
export async function queueEmail(db: Db, email: Email): Promise<void> {
  await db
    .insertInto('email_outbox')
    .values({ to_address: email.to, subject: email.subject.slice(0, 300), body_text: email.text })
    .execute();
}

const MAX_ATTEMPTS = 8;

/**
 * Sends what is waiting. Safe with several processes: each claims a batch with FOR UPDATE SKIP
 * LOCKED and a lease (locked_until), so no message is sent twice while its sender is alive; a
 * failure is retried later with a growing delay, up to MAX_ATTEMPTS.
 */
export async function deliverPending(db: Db, transport: Transporter, from: string, batch = 20): Promise<number> {
  const claimed = await sql<{ id: string; to_address: string; subject: string; body_text: string; attempts: number }>`
    UPDATE email_outbox SET locked_until = now() + interval '2 minutes', attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM email_outbox
        WHERE sent_at IS NULL AND attempts < ${MAX_ATTEMPTS} AND (locked_until IS NULL OR locked_until < now())
        ORDER BY id LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, to_address, subject, body_text, attempts`.execute(db);
  let sent = 0;
  for (const m of claimed.rows) {
    try {
      await transport.sendMail({ from, to: m.to_address, subject: m.subject, text: m.body_text });
      await db
        .updateTable('email_outbox')
        .set({ sent_at: sql`now()`, last_error: null })
        .where('id', '=', m.id)
        .execute();
      sent++;
    } catch (err) {
      // Retry after 1, 2, 4 … minutes.
      await db
        .updateTable('email_outbox')
        .set({
          last_error: String((err as Error).message).slice(0, 1000),
          locked_until: sql`now() + ${2 ** (m.attempts - 1)} * interval '1 minute'`,
        })
        .where('id', '=', m.id)
        .execute();
    }
  }
  return sent;
}

/** Starts delivering every `intervalMs`; returns a function that stops it. */
export function startMailer(
  db: Db,
  transport: Transporter,
  from: string,
  log: (err: unknown) => void,
  intervalMs = 5000,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverPending(db, transport, from)) > 0) {
        // keep going while there is mail
      }
    } catch (err) {
      log(err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
