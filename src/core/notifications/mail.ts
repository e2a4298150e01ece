import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Job, MailItem, NotificationSource } from '../extensions.ts';
import type { i18nFor } from '../i18n/i18n.ts';
import { pick } from '../i18n/translated.ts';
import { queueEmailFor } from '../mail/outbox.ts';
import { claimMailRecipients, type MailRecipient } from './preference.ts';

/**
 * How long a person's notifications wait for more before an "at once" e-mail goes: changes within
 * this of each other (six implementation stages recorded in a minute) are told in one e-mail.
 */
export const MAIL_QUIET_MS = 3 * 60_000;

/*
 * The one e-mail of notifications (issue 13), over every domain's NotificationSource: a person is
 * claimed when their newest unmailed notification is MAIL_QUIET_MS old ("at once") or their digest is
 * due (daily, weekly), and gets ONE e-mail of everything unmailed, grouped by the thing it is about,
 * in their language; the notifications are marked e-mailed in the transaction that writes the mail.
 * Several processes: one transaction-scoped advisory lock lets one process send at a time, and the
 * marks are taken with UPDATE … WHERE emailed_at IS NULL, so nothing is sent twice.
 */
export async function sendNotificationMail(
  db: Db,
  sources: readonly NotificationSource[],
  publicUrl: string,
  opts: { quietMs?: number } = {},
): Promise<number> {
  const mailing = sources.filter((s) => s.unmailed && s.takeUnmailed);
  if (mailing.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('kenes notification mail')) AS ok`.execute(trx);
    if (!lock.rows[0]?.ok) return 0;
    const pending = sql<{ user_id: string; at: Date }>`${sql.join(
      mailing.map((s) => s.unmailed?.() ?? sql``),
      sql` UNION ALL `,
    )}`;
    const people = await claimMailRecipients(trx, pending, opts.quietMs ?? MAIL_QUIET_MS);
    if (people.length === 0) return 0;
    const ids = people.map((p) => p.id);
    const items = (await Promise.all(mailing.map((s) => s.takeUnmailed?.(trx, ids) ?? []))).flat();
    let sent = 0;
    for (const person of people) {
      const mine = items.filter((i) => i.userId === person.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      if (mine.length === 0) continue;
      await queueEmailFor(trx, person, (t) => mailOf(person, mine, t, publicUrl));
      sent++;
    }
    return sent;
  });
}

/** One person's e-mail: each thing once, with what happened to it, oldest first. */
function mailOf(person: MailRecipient, items: MailItem[], t: ReturnType<typeof i18nFor>, publicUrl: string) {
  const records = [...new Set(items.map((i) => i.record))];
  const blocks = records.map((record) => {
    const about = items.filter((i) => i.record === record);
    const first = about[0] as MailItem;
    const title = pick(first.title, person.locale)?.text ?? '';
    const lines = about.map((i) => `  – ${i.text(t)}`).join('\n');
    return `• ${title}\n${lines}\n  ${publicUrl}/${person.locale}${first.path}`;
  });
  const single = records.length === 1 ? items[0] : undefined;
  const subject = single
    ? t.t('email.notices.subjectOne', {
        title: pick(single.title, person.locale)?.text ?? '',
        event: (items.at(-1) as MailItem).text(t),
        count: items.length,
      })
    : t.t(person.notify === 'immediately' ? 'email.notices.subject' : 'email.notices.digestSubject', {
        count: items.length,
      });
  return {
    subject,
    text: t.t('email.notices.body', {
      items: blocks.join('\n\n'),
      settings: `${publicUrl}/${person.locale}/notifications`,
    }),
  };
}

/** The e-mail of every source's notifications, looked for every minute in each process (core/jobs.ts). */
export function notificationMailJob(sources: readonly NotificationSource[]): Job {
  return {
    name: 'notification mail',
    everyMs: 60_000,
    run: ({ db, publicUrl }) => sendNotificationMail(db, sources, publicUrl),
  };
}
