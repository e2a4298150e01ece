import type { NotificationSource } from '../../core/extensions.ts';
import { eventText } from '../events.ts';
import { notificationsOf } from './queries.ts';
import { markAllRead } from './use-cases.ts';

/** Proposals' notifications (events of proposals one follows or authored), for core's page. */
export const proposalNotifications: NotificationSource = {
  kind: 'proposal',
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
};
