import { sql } from 'kysely';
import { enabledUsers } from '../accounts/index.ts';
import type { Db } from '../core/db/database.ts';
import type { CycleStageKind } from '../core/db/schema-obligations.ts';
import type { Job } from '../core/extensions.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { queueEmailFor } from '../core/mail/outbox.ts';
import { type DueItem, deadlineReminder, remindOfDeadlines } from '../core/notifications/deadline-reminders.ts';

/** How long before a cycle's deadline the secretariat is reminded. */
export const STAGE_REMINDER_DAYS = 14;

/**
 * Reminds the secretariat of open cycle stages due within two weeks, once per stage (a moved
 * deadline clears `reminded_at`, see setStages). Claimed with one UPDATE … RETURNING in the
 * transaction that writes the mail, so with several processes each stage is reminded exactly once.
 */
export async function remindCycleStages(db: Db, publicUrl: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<{ cycle_id: string; kind: CycleStageKind; due_on: string }>`
      UPDATE cycle_stages SET reminded_at = now()
       WHERE reminded_at IS NULL
         AND due_on BETWEEN current_date AND current_date + ${STAGE_REMINDER_DAYS}::int
         AND id IN (SELECT id FROM cycle_stages_effective WHERE done_on IS NULL)
      RETURNING cycle_id, kind, due_on::text AS due_on`.execute(trx);
    if (claimed.rows.length === 0) return 0;
    const [cycles, recipients] = await Promise.all([
      trx
        .selectFrom('reporting_cycles as c')
        .innerJoin('mechanisms as m', 'm.id', 'c.mechanism_id')
        .select(['c.id', 'c.title', 'm.code'])
        .where('c.id', 'in', [...new Set(claimed.rows.map((r) => r.cycle_id))])
        .execute(),
      enabledUsers(trx, { roles: ['secretariat'] }),
    ]);
    let sent = 0;
    for (const stage of claimed.rows) {
      const cycle = cycles.find((c) => c.id === stage.cycle_id);
      if (!cycle) continue;
      for (const r of recipients) {
        await queueEmailFor(trx, r, (t) => {
          const params = {
            stage: t.t(`obligations.stage.${stage.kind}`),
            cycle: `${cycle.code}: ${pick(cycle.title as Translated, r.locale)?.text ?? ''}`,
            date: t.date(stage.due_on),
            link: `${publicUrl}/${r.locale}/cycles/${cycle.id}`,
          };
          return { subject: t.t('email.stageReminder.subject', params), text: t.t('email.stageReminder.body', params) };
        });
        sent++;
      }
    }
    return sent;
  });
}

/** The reminders of cycle deadlines, every minute in each process (core/jobs.ts). */
export const obligationJobs: Job[] = [
  { name: 'cycle stage reminders', everyMs: 60_000, run: ({ db, publicUrl }) => remindCycleStages(db, publicUrl) },
  { name: 'action reminders', everyMs: 15 * 60_000, run: ({ db }) => remindActionDeadlines(db) },
];

/** The reminders of actions due, and their kinds (each person chooses their e-mail per kind; decision 0024). */
export const ACTION_REMINDER = deadlineReminder('action');

/** How many days before an implementation action's deadline its responsible body is reminded. */
export const ACTION_REMINDER_DAYS = 7;

/*
 * Reminders of implementation actions due (issue 13): the representatives of the responsible state
 * body are told when an action planned or in progress is seven days from its deadline, and again once
 * the deadline has passed. A notice with a sent-marker per person (core/notifications/notices.ts):
 * once each, whatever number of processes run the job; e-mail follows by each person's preference.
 */
export async function remindActionDeadlines(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // An action is shown on its recommendation's page (a cluster's: the first recommendation of it).
    const due = await sql<DueItem>`
      SELECT a.id, a.organisation_id AS "organisationId", a.deadline, a.title, a.overdue,
             'action:' || a.id AS record, '/recommendations/' || a.recommendation_id AS path
        FROM (SELECT a.id::text, COALESCE(a.recommendation_id,
                       (SELECT min(r.id) FROM recommendations r WHERE r.cluster_id = a.cluster_id))::text AS recommendation_id,
                     a.responsible_id::text AS organisation_id, a.deadline::text AS deadline, a.title,
                     a.deadline < current_date AS overdue
                FROM implementation_actions a
               WHERE a.status IN ('planned', 'in_progress') AND a.deadline <= current_date + ${ACTION_REMINDER_DAYS}::int
                 -- Long-forgotten deadlines are not news: an action is reminded of within a year of its deadline.
                 AND a.deadline >= current_date - 365) a
       WHERE a.recommendation_id IS NOT NULL`.execute(trx);
    return remindOfDeadlines(trx, due.rows, ACTION_REMINDER, (organisationIds) =>
      enabledUsers(trx, { roles: ['representative'], organisationIds }),
    );
  });
}
