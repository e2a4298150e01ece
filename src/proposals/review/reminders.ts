import { sql } from 'kysely';
import { enabledUsers } from '../../accounts/index.ts';
import type { Db } from '../../core/db/database.ts';
import type { Job } from '../../core/extensions.ts';
import { type DueItem, remindOfDeadlines } from '../../core/notifications/deadline-reminders.ts';
import { ANSWER_REMINDER } from '../notifications/kinds.ts';

/** How many days before an answer's deadline the state body is reminded. */
export const ANSWER_REMINDER_DAYS = 7;

/*
 * Reminders of answers due (issue 13): the representatives of a state body that has not answered an
 * assigned proposal are told when its deadline is seven days away, and again once it has passed.
 * Each reminder is a notice with a sent-marker (`onceKey`, unique per person, naming the deadline, so
 * a moved deadline is reminded anew): however many processes run the job, and however often, each
 * person is reminded once. E-mail follows by their preference (core/notifications/mail.ts).
 */
export async function remindAnswerDeadlines(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await sql<DueItem>`
      SELECT a.id::text, a.organisation_id::text AS "organisationId", a.deadline::text AS deadline, p.title,
             a.deadline < current_date AS overdue, 'proposal:' || a.proposal_id AS record,
             '/proposals/' || a.proposal_id AS path
        FROM proposal_addressees a JOIN proposals p ON p.id = a.proposal_id
       WHERE p.status = 'assigned' AND a.answer IS NULL
         AND a.deadline <= current_date + ${ANSWER_REMINDER_DAYS}::int`.execute(trx);
    return remindOfDeadlines(trx, due.rows, ANSWER_REMINDER, (organisationIds) =>
      enabledUsers(trx, { roles: ['representative'], organisationIds }),
    );
  });
}

/** The reminders of answers due, looked for every 15 minutes in each process (core/jobs.ts). */
export const answerReminderJob: Job = {
  name: 'answer reminders',
  everyMs: 15 * 60_000,
  run: ({ db }) => remindAnswerDeadlines(db),
};
