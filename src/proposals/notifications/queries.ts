import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
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
