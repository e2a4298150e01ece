import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MailChoice } from '../db/schema-platform.ts';
import type { Job, MailItem, NotificationKind, NotificationSource } from '../extensions.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/locales.ts';
import { pick } from '../i18n/translated.ts';
import { queueEmailFor } from '../mail/outbox.ts';
import { choiceOf, notificationKinds } from './choices.ts';

/**
 * How long a person's notifications wait for more before an "at once" e-mail goes: changes within
 * this of each other (six implementation stages recorded in a minute) are told in one e-mail.
 */
export const MAIL_QUIET_MS = 3 * 60_000;

/** One (person, kind) whose unmailed notifications go now, by the person's choice for the kind. */
interface Due {
  userId: string;
  kind: string;
  choice: MailChoice;
}

/*
 * The one e-mail of notifications (issue 13), over every domain's NotificationSource, by each
 * person's choice PER KIND (choices.ts): the kinds a person wants at once go when the newest of them
 * is MAIL_QUIET_MS old; those of a daily or weekly digest when that digest is due (and as quiet); a
 * person due in several gets ONE e-mail of all of them, grouped by the thing each is about, in their
 * language. Kinds chosen "never" are marked e-mailed without a mail (they stay in Kenes). The marks
 * are written in the transaction that writes the mail. Several processes: one transaction-scoped
 * advisory lock lets one process send at a time, and the marks are taken with UPDATE … WHERE
 * emailed_at IS NULL, so nothing is sent twice. `now` is a clock for simulations (scripts/mail-week.ts).
 */
export async function sendNotificationMail(
  db: Db,
  sources: readonly NotificationSource[],
  publicUrl: string,
  opts: { quietMs?: number; now?: Date } = {},
): Promise<number> {
  const mailing = sources.filter((s) => s.unmailed && s.takeUnmailed);
  if (mailing.length === 0) return 0;
  const kinds = notificationKinds(sources);
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{
      ok: boolean;
    }>`SELECT pg_try_advisory_xact_lock(hashtext('kenes notification mail')) AS ok`.execute(trx);
    if (!lock.rows[0]?.ok) return 0;
    const due = await claimDue(trx, mailing, kinds, opts.quietMs ?? MAIL_QUIET_MS, opts.now);
    if (due.length === 0) return 0;
    const take = { userIds: due.map((d) => d.userId), kinds: due.map((d) => d.kind) };
    const items = (await Promise.all(mailing.map((s) => s.takeUnmailed?.(trx, take) ?? []))).flat();
    const choice = new Map(due.map((d) => [`${d.userId} ${d.kind}`, d.choice]));
    const mailed = items.filter((i) => (choice.get(`${i.userId} ${i.kind}`) ?? 'never') !== 'never');
    const people = await recipients(trx, [...new Set(mailed.map((i) => i.userId))]);
    let sent = 0;
    for (const person of people) {
      const mine = mailed.filter((i) => i.userId === person.id).sort((a, b) => a.at.getTime() - b.at.getTime());
      const digest = mine.some((i) => choice.get(`${i.userId} ${i.kind}`) !== 'immediately');
      await queueEmailFor(trx, person, (t) => mailOf(person.locale, mine, digest, t, publicUrl));
      sent++;
    }
    return sent;
  });
}

/**
 * The (person, kind) pairs whose unmailed notifications go now, in one statement: "at once" kinds once
 * quiet, digests when due (moving the digest's time), "never" always (to be dropped). A person told of
 * something every minute still hears within five quiet periods.
 */
async function claimDue(
  trx: Db,
  mailing: readonly NotificationSource[],
  kinds: readonly NotificationKind[],
  quietMs: number,
  at: Date | undefined,
): Promise<Due[]> {
  const pending = sql.join(
    mailing.map((s) => s.unmailed?.() ?? sql``),
    sql` UNION ALL `,
  );
  const now = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  const quiet = sql`${quietMs} * interval '1 millisecond'`;
  const rows = await sql<Due>`
    WITH pending AS (
      SELECT p.user_id, p.kind, max(p.at) AS newest, min(p.at) AS oldest FROM (${pending}) p GROUP BY 1, 2),
    chosen AS (
      SELECT p.user_id, p.kind, p.newest, p.oldest, ${choiceOf(kinds, sql`u.id`, sql`u.role`, sql`p.kind`)} AS choice
        FROM pending p JOIN users u ON u.id = p.user_id WHERE u.disabled_at IS NULL),
    ready AS (
      SELECT user_id, choice FROM chosen WHERE choice <> 'never' GROUP BY 1, 2
      HAVING max(newest) <= ${now} - ${quiet} OR min(oldest) <= ${now} - 5 * ${quiet}),
    digests AS (
      INSERT INTO notification_digests (user_id, cadence, sent_at)
      SELECT r.user_id, r.choice, ${now} FROM ready r
       WHERE r.choice IN ('daily', 'weekly')
         AND NOT EXISTS (SELECT 1 FROM notification_digests g WHERE g.user_id = r.user_id AND g.cadence = r.choice
                            AND g.sent_at > ${now} - CASE r.choice WHEN 'daily' THEN interval '1 day' ELSE interval '7 days' END)
      ON CONFLICT (user_id, cadence) DO UPDATE SET sent_at = excluded.sent_at
      RETURNING user_id, cadence)
    SELECT c.user_id::text AS "userId", c.kind, c.choice FROM chosen c
     WHERE c.choice = 'never'
        OR (c.choice = 'immediately' AND EXISTS (SELECT 1 FROM ready r WHERE r.user_id = c.user_id AND r.choice = c.choice))
        OR EXISTS (SELECT 1 FROM digests d WHERE d.user_id = c.user_id AND d.cadence = c.choice)`.execute(trx);
  return rows.rows;
}

/** The addresses and languages of the people e-mailed. One query. */
async function recipients(trx: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'latin_script as latinScript'])
    .where('id', 'in', [...ids])
    .execute();
}

/** One person's e-mail: each thing once, with what happened to it, oldest first. */
function mailOf(locale: Lang, items: MailItem[], digest: boolean, t: I18n, publicUrl: string) {
  const records = [...new Set(items.map((i) => i.record))];
  const blocks = records.map((record) => {
    const about = items.filter((i) => i.record === record);
    const first = about[0] as MailItem;
    const title = pick(first.title, locale)?.text ?? '';
    const lines = about.map((i) => `  – ${i.text(t)}`).join('\n');
    return `• ${title}\n${lines}\n  ${publicUrl}/${locale}${first.path}`;
  });
  const single = records.length === 1 ? items[0] : undefined;
  const subject = single
    ? t.t('email.notices.subjectOne', {
        title: pick(single.title, locale)?.text ?? '',
        event: (items.at(-1) as MailItem).text(t),
        count: items.length,
      })
    : t.t(digest ? 'email.notices.digestSubject' : 'email.notices.subject', { count: items.length });
  return {
    subject,
    text: t.t('email.notices.body', {
      items: blocks.join('\n\n'),
      settings: `${publicUrl}/${locale}/account/notifications`,
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
