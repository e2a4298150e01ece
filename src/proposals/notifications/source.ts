import { sql } from 'kysely';
import type { NotificationSource } from '../../core/extensions.ts';
import { eventText } from '../events.ts';
import { proposalEventKinds } from './kinds.ts';
import { notificationsOf, takeUnmailed } from './queries.ts';
import { markAllRead } from './use-cases.ts';

/** Proposals' notifications (events of proposals one follows or authored), for core's page. */
export const proposalNotifications: NotificationSource = {
  kind: 'proposal',
  kinds: proposalEventKinds,
  async list(db, user, limit) {
    const rows = await notificationsOf(db, user, limit);
    return rows.map((n) => ({
      key: `proposal-event:${n.id}`,
      at: n.at,
      read: n.readAt !== null,
      text: (i18n) => eventText(n.kind, n.detail, i18n),
      title: n.title,
      path: `/proposals/${n.proposalId}`,
    }));
  },
  markAllRead,
  // For core's one e-mail of notifications (core/notifications/mail.ts): at once, batched, or in digests.
  unmailed: () => sql`SELECT user_id, created_at AS at, kind FROM notifications WHERE emailed_at IS NULL`,
  async takeUnmailed(trx, due) {
    const rows = await takeUnmailed(trx, due);
    return rows.map((n) => ({
      userId: n.userId,
      kind: n.notificationKind,
      record: `proposal:${n.proposalId}`,
      at: n.at,
      title: n.title,
      path: `/proposals/${n.proposalId}`,
      text: (i18n) => eventText(n.kind, n.detail, i18n),
    }));
  },
};
