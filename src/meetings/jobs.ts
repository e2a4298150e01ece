import { sql } from 'kysely';
import { enabledUsers } from '../accounts/index.ts';
import type { Db } from '../core/db/database.ts';
import type { Job } from '../core/extensions.ts';
import { pick } from '../core/i18n/translated.ts';
import { queueEmailFor } from '../core/mail/outbox.ts';
import { bodyColumn, organisationsByIds } from '../organisations/index.ts';
import { readerWithRole, visibleCondition } from './visibility.ts';

/** How long before a meeting its invited organisations are reminded, and before a deadline its task. */
export const MEETING_REMINDER_HOURS = 48;
export const TASK_REMINDER_DAYS = 3;

/*
 * Reminders, safe with several Kenes processes: each claims its rows with one UPDATE … WHERE
 * reminded_at IS NULL … RETURNING inside a transaction that also writes the e-mails, so a row is
 * claimed by exactly one process and its mail exists exactly when the claim commits.
 */

/** Reminds invited organisations (that have not declined) of meetings starting within 48 hours. */
export async function remindMeetings(db: Db, publicUrl: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ meeting_id: string; organisation_id: string }>`
      UPDATE meeting_invitations i SET reminded_at = now()
        FROM meetings m
       WHERE m.id = i.meeting_id AND i.reminded_at IS NULL AND i.response <> 'declined'
         AND m.status = 'announced'
         AND m.starts_at BETWEEN now() AND now() + ${MEETING_REMINDER_HOURS} * interval '1 hour'
      RETURNING i.meeting_id, i.organisation_id`.execute(trx);
    if (claimed.rows.length === 0) return 0;
    const meetingIds = [...new Set(claimed.rows.map((r) => r.meeting_id))];
    const orgIds = [...new Set(claimed.rows.map((r) => r.organisation_id))];
    const [meetings, recipients] = await Promise.all([
      trx
        .selectFrom('meetings as m')
        .select([
          'm.id',
          'm.number',
          'm.title',
          'm.starts_at',
          'm.time_zone',
          'm.venue',
          'm.online_url',
          bodyColumn('m.body_id', 'name').as('bodyName'),
        ])
        .where('m.id', 'in', meetingIds)
        .execute(),
      enabledUsers(trx, { roles: ['representative', 'observer'], organisationIds: orgIds }),
    ]);
    let sent = 0;
    for (const claim of claimed.rows) {
      const m = meetings.find((x) => x.id === claim.meeting_id);
      if (!m) continue;
      for (const r of recipients.filter((u) => u.organisationId === claim.organisation_id)) {
        await queueEmailFor(trx, r, (t) => {
          const when = t.dateTime(m.starts_at, m.time_zone, { named: true });
          const title = pick(m.title, r.locale)?.text ?? '';
          return {
            subject: t.t('email.meetingReminder.subject', { title, when }),
            text: t.t('email.meetingReminder.body', {
              number: m.number,
              body: pick(m.bodyName, r.locale)?.text ?? '',
              when,
              venue: pick(m.venue, r.locale)?.text ?? m.online_url ?? '',
              link: `${publicUrl}/${r.locale}/meetings/${m.id}`,
            }),
          };
        });
        sent++;
      }
    }
    return sent;
  });
}

/** Reminds the responsible organisations of open tasks due within three days. */
export async function remindTasks(db: Db, publicUrl: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{
      id: string;
      meeting_id: string;
      organisation_id: string;
      description: Record<string, string>;
      deadline: string;
    }>`
      UPDATE tasks SET reminded_at = now()
       WHERE reminded_at IS NULL AND done_at IS NULL
         AND deadline BETWEEN current_date AND current_date + ${TASK_REMINDER_DAYS}::int
         -- Representatives are mailed only tasks they could see signed in (not those of a draft meeting).
         AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = tasks.meeting_id
                        AND ${visibleCondition(readerWithRole('representative'), 'decisions')})
      RETURNING id, meeting_id, organisation_id, description, deadline::text AS deadline`.execute(trx);
    if (claimed.rows.length === 0) return 0;
    const orgIds = [...new Set(claimed.rows.map((r) => r.organisation_id))];
    const [orgs, meetings, recipients] = await Promise.all([
      organisationsByIds(trx, orgIds),
      trx
        .selectFrom('meetings')
        .select(['id', 'number'])
        .where('id', 'in', [...new Set(claimed.rows.map((r) => r.meeting_id))])
        .execute(),
      enabledUsers(trx, { roles: ['representative'], organisationIds: orgIds }),
    ]);
    let sent = 0;
    for (const task of claimed.rows) {
      for (const r of recipients.filter((u) => u.organisationId === task.organisation_id)) {
        await queueEmailFor(trx, r, (t) => ({
          subject: t.t('email.taskReminder.subject', { deadline: t.date(task.deadline) }),
          text: t.t('email.taskReminder.body', {
            organisation: pick(orgs.find((o) => o.id === task.organisation_id)?.name, r.locale)?.text ?? '',
            number: meetings.find((m) => m.id === task.meeting_id)?.number ?? 0,
            deadline: t.date(task.deadline),
            task: pick(task.description, r.locale)?.text ?? '',
            link: `${publicUrl}/${r.locale}/meetings/${task.meeting_id}`,
          }),
        }));
        sent++;
      }
    }
    return sent;
  });
}

/** The meetings' reminders, every minute in each process (the one scheduler: core/jobs.ts). */
export const meetingJobs: Job[] = [
  { name: 'meeting reminders', everyMs: 60_000, run: ({ db, publicUrl }) => remindMeetings(db, publicUrl) },
  { name: 'task reminders', everyMs: 60_000, run: ({ db, publicUrl }) => remindTasks(db, publicUrl) },
];
