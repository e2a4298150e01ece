import { sql } from 'kysely';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { MailDue } from '../../core/extensions.ts';
import { visibleProposals } from '../visibility.ts';

/** A person's last `limit` notifications, of proposals they may still see (one query). */
export function notificationsOf(db: Db, user: CurrentUser, limit: number) {
  return (
    db
      .selectFrom('notifications as n')
      .innerJoin('proposal_events as e', 'e.id', 'n.event_id')
      .innerJoin('proposals as p', 'p.id', 'e.proposal_id')
      .select(['n.id', 'p.id as proposalId', 'p.title', 'e.kind', 'e.detail', 'e.at', 'n.read_at as readAt'])
      .where('n.user_id', '=', user.id)
      // A proposal one may no longer see (an invitation declined, a draft withdrawn) drops out.
      .where(visibleProposals(user))
      .orderBy('n.id', 'desc')
      .limit(limit)
      .execute()
  );
}

/**
 * Marks the notifications of these (person, kind) pairs not yet e-mailed as e-mailed and returns them
 * with their event and proposal (for core's mail, in its transaction; one statement).
 */
export async function takeUnmailed(trx: Db, due: MailDue) {
  const rows = await sql<{
    userId: string;
    notificationKind: string;
    proposalId: string;
    title: Record<string, string>;
    kind: string;
    detail: Record<string, unknown>;
    at: Date;
  }>`
    WITH taken AS (
      UPDATE notifications n SET emailed_at = now()
        FROM unnest(${[...due.userIds]}::bigint[], ${[...due.kinds]}::text[]) AS d (user_id, kind)
       WHERE n.user_id = d.user_id AND n.kind = d.kind AND n.emailed_at IS NULL
      RETURNING n.user_id, n.kind, n.event_id)
    SELECT t.user_id::text AS "userId", t.kind AS "notificationKind", e.proposal_id::text AS "proposalId", p.title, e.kind, e.detail, e.at
      FROM taken t JOIN proposal_events e ON e.id = t.event_id JOIN proposals p ON p.id = e.proposal_id`.execute(trx);
  return rows.rows;
}
